/**
 * Observability of the Vigie stack: the alarm topic, every alarm's action, the alarms the issue lists (functions,
 * API, DLQs, tables, export failures), the on-failure destinations. Bundling skipped, as in cdk.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { workers } from '../../shared/api/routes';
import { API_4XX_MIN_REQUESTS, API_4XX_RATE_PERCENT, API_5XX_RATE_PERCENT, API_P99_LATENCY } from '../../infra/aws/api-alarms';
import { buildVigieApp } from '../../infra/aws/build-app';
import { findRepoRoot } from '../../infra/aws/group-entry';
import type { VigieStack } from '../../infra/aws/vigie-stack';
import { METRICS_NAMESPACE } from '../../infra/aws/vigie-worker';

type Resource = { Type: string; Properties: Record<string, any> };

const repoRoot = findRepoRoot();
const testApp = (context: Record<string, unknown> = {}) => new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
const build = (context: Record<string, unknown> = {}) => {
  const { stack } = buildVigieApp({ app: testApp(context), repoRoot, nag: false });
  return { stack, resources: Template.fromStack(stack).toJSON().Resources as Record<string, Resource> };
};
const logicalId = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as any);

let stack: VigieStack;
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([id, a]) => [id, a.Properties] as const);
/** Alarms on one metric of one dimension value (a Ref or GetAtt), by namespace and metric name. */
const alarmsOn = (namespace: string, metricName: string, dimension: unknown) =>
  alarms().filter(([, a]) => a.Namespace === namespace && a.MetricName === metricName && JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)));
const topicRef = () => ({ Ref: logicalId(stack.alarms.topic) });

beforeAll(() => {
  ({ stack, resources } = build({ alarmEmail: 'astreinte@pole.example' }));
});

describe('alarm topic', () => {
  test('KMS-encrypted with a rotated customer-managed key that CloudWatch may use; TLS-only; CloudWatch of this account may publish', () => {
    const topic = resources[logicalId(stack.alarms.topic)]!.Properties;
    expect(topic.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [logicalId(stack.alarms.key), 'Arn'] });
    const key = resources[logicalId(stack.alarms.key)]!.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
      }),
    );
    const [[, policy]] = ofType('AWS::SNS::TopicPolicy') as [[string, Resource]];
    expect(policy.Properties.Topics).toEqual([topicRef()]);
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
        }),
      ]),
    );
  });

  test('the email subscription comes from context alarmEmail (none without it; a malformed one stops the synth)', () => {
    expect(ofType('AWS::SNS::Subscription').map(([, s]) => s.Properties)).toEqual([
      expect.objectContaining({ Protocol: 'email', Endpoint: 'astreinte@pole.example', TopicArn: topicRef() }),
    ]);
    const bare = build();
    expect(Object.values(bare.resources).filter((r) => r.Type === 'AWS::SNS::Subscription')).toEqual([]);
    expect(() => build({ alarmEmail: 'astreinte' })).toThrow(/alarmEmail/);
  });
});

describe('alarms', () => {
  test('EVERY alarm notifies the topic, when it fires and when it clears', () => {
    expect(alarms().length).toBeGreaterThan(20);
    for (const [id, a] of alarms()) {
      expect({ id, actions: a.AlarmActions, ok: a.OKActions }).toEqual({ id, actions: [topicRef()], ok: [topicRef()] });
      expect(a.AlarmDescription).toEqual(expect.any(String));
    }
  });

  test('an alarm added after the stack was built gets the action too (an aspect, not a list)', async () => {
    const { Alarm, Metric } = await import('aws-cdk-lib/aws-cloudwatch');
    const { stack: other } = buildVigieApp({ app: testApp(), repoRoot, nag: false });
    new Alarm(other, 'Later', { metric: new Metric({ namespace: 'X', metricName: 'Y' }), threshold: 1, evaluationPeriods: 1 });
    const res = Template.fromStack(other).toJSON().Resources as Record<string, Resource>;
    expect(res[Stack.of(other).getLogicalId(other.node.findChild('Later').node.defaultChild as any)]!.Properties.AlarmActions).toEqual([
      { Ref: Stack.of(other).getLogicalId(other.alarms.topic.node.defaultChild as any) },
    ]);
  });

  test('errors and throttles of every function (route groups, jobs, workers)', () => {
    const fns = [...stack.functions.values(), ...[...stack.jobs.values()].map((j) => j.function), ...[...stack.workers.values()].map((w) => w.function)];
    expect(fns.length).toBeGreaterThan(10);
    for (const fn of fns) {
      const dim = { Ref: logicalId(fn.fn) };
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarmsOn('AWS/Lambda', metric, dim);
        expect({ fn: fn.node.path, metric, n: found.length }).toEqual({ fn: fn.node.path, metric, n: 1 });
        expect(found[0]![1]).toMatchObject({ Statistic: 'Sum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', Period: 300 });
      }
    }
  });

  test('API: 4xx and 5xx rates (metric math on Count), p99 latency', () => {
    const api = { Ref: logicalId(stack.api) };
    const rateAlarm = (metricName: string) =>
      alarms().find(([, a]) =>
        (a.Metrics ?? []).some((m: any) => m.MetricStat?.Metric.MetricName === metricName && JSON.stringify(m).includes(JSON.stringify(api))),
      )?.[1];
    const fivexx = rateAlarm('5xx')!;
    expect(fivexx).toMatchObject({ Threshold: API_5XX_RATE_PERCENT, EvaluationPeriods: 1 });
    expect(fivexx.Metrics.find((m: any) => m.ReturnData !== false).Expression).toBe('IF(requests >= 1, 100 * errors / requests, 0)');
    const fourxx = rateAlarm('4xx')!;
    expect(fourxx).toMatchObject({ Threshold: API_4XX_RATE_PERCENT, EvaluationPeriods: 3 });
    expect(fourxx.Metrics.find((m: any) => m.ReturnData !== false).Expression).toBe(`IF(requests >= ${API_4XX_MIN_REQUESTS}, 100 * errors / requests, 0)`);
    for (const a of [fivexx, fourxx]) expect(a.Metrics.find((m: any) => m.Id === 'requests').MetricStat.Metric.MetricName).toBe('Count');
    const latency = alarmsOn('AWS/ApiGateway', 'Latency', api)[0]?.[1];
    expect(latency).toMatchObject({ ExtendedStatistic: 'p99', Threshold: API_P99_LATENCY.toMilliseconds(), EvaluationPeriods: 3 });
  });

  test('the depth of every dead-letter queue', () => {
    const queues = ofType('AWS::SQS::Queue');
    expect(queues.length).toBe(stack.jobs.size + stack.workers.size);
    for (const [id] of queues) {
      expect({ id, n: alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { 'Fn::GetAtt': [id, 'QueueName'] }).length }).toEqual({ id, n: 1 });
    }
  });

  test('DynamoDB throttled requests of both tables, every operation, missing series filled with 0', () => {
    for (const table of [stack.table, stack.idempotencyTable]) {
      const ref = JSON.stringify({ Ref: logicalId(table) });
      const found = alarms().filter(([, a]) =>
        (a.Metrics ?? []).some((m: any) => m.MetricStat?.Metric.MetricName === 'ThrottledRequests' && JSON.stringify(m).includes(ref)),
      );
      expect(found).toHaveLength(1);
      const metrics = found[0]![1].Metrics as any[];
      const ops = metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value);
      expect(ops).toEqual(
        expect.arrayContaining(['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchGetItem', 'BatchWriteItem']),
      );
      expect(metrics.find((m) => m.Expression).Expression).toMatch(/^FILL\(\w+, 0\)( \+ FILL\(\w+, 0\))+$/);
    }
  });

  test('export job failures: ERROR lines of the export worker become a metric with an alarm (a failed job is not a Lambda error)', () => {
    const exportWorker = stack.workers.get('export')!;
    const filters = ofType('AWS::Logs::MetricFilter').filter(([, f]) => f.Properties.LogGroupName.Ref === logicalId(exportWorker.function.logGroup));
    expect(filters.map(([, f]) => f.Properties)).toEqual([
      expect.objectContaining({
        FilterPattern: '{ $.level = "ERROR" }',
        MetricTransformations: [{ MetricName: 'ExportFailures', MetricNamespace: METRICS_NAMESPACE, MetricValue: '1' }],
      }),
    ]);
    expect(alarms().filter(([, a]) => a.Namespace === METRICS_NAMESPACE && a.MetricName === 'ExportFailures')).toHaveLength(1);
    // The runner logs a failed export at ERROR (Powertools JSON: "level":"ERROR"), which the pattern matches.
    expect(readFileSync(join(repoRoot, 'shared/services/export-runner.ts'), 'utf8')).toContain("logger.error('Export failed'");
    expect(workers.map((w) => w.name)).toContain('export');
  });

  test('every asynchronously invoked function sends its failed invocations to the topic (on-failure destination) besides its DLQ', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    expect(configs.length).toBe(stack.jobs.size + stack.workers.size);
    for (const [, c] of configs) expect(c.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: topicRef() } });
    for (const fn of [...[...stack.jobs.values()].map((j) => j.function), ...[...stack.workers.values()].map((w) => w.function)]) {
      expect(resources[logicalId(fn.fn)]!.Properties.DeadLetterConfig.TargetArn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    }
  });
});

describe('dashboard', () => {
  /** The dashboard body with every token written as its JSON (Refs, GetAtts). */
  const body = () => {
    const [[, d]] = ofType('AWS::CloudWatch::Dashboard') as [[string, Resource]];
    const parts = d.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    return parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p).replaceAll('"', "'"))).join('');
  };

  test('API traffic and latency, errors by route group, job and worker runs, DLQs, throttles, every alarm', () => {
    const text = body();
    const widgets = JSON.parse(text).widgets as { properties: { title: string; metrics?: unknown[][]; alarms?: unknown[] } }[];
    const byTitle = new Map(widgets.map((w) => [w.properties.title, w.properties]));
    expect([...byTitle.keys()]).toEqual([
      'API: requests, 4xx, 5xx',
      'API: latency (ms)',
      'Errors by route group (Lambda Errors)',
      'Duration p99 by route group (ms)',
      'Jobs and workers: runs and errors',
      'Dead-letter queues (messages)',
      'DynamoDB throttled requests',
      'Alarms',
    ]);
    const labels = (title: string) => byTitle.get(title)!.metrics!.map((m) => (m.at(-1) as { label?: string }).label);
    expect(labels('API: requests, 4xx, 5xx')).toEqual(['requests', '4xx', '5xx']);
    expect(labels('API: latency (ms)')).toEqual(['p50', 'p90', 'p99']);
    expect(labels('Errors by route group (Lambda Errors)').sort()).toEqual([...stack.functions.keys()].sort());
    const background = [...stack.jobs.keys(), ...stack.workers.keys()];
    expect(labels('Jobs and workers: runs and errors').sort()).toEqual(background.flatMap((n) => [`${n} errors`, `${n} runs`]).sort());
    expect(labels('Dead-letter queues (messages)').sort()).toEqual([...background].sort());
    expect(byTitle.get('Alarms')!.alarms).toHaveLength(alarms().length);
  });
});
