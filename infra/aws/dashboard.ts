/**
 * One CloudWatch dashboard (`<stack name>`): API traffic and answers, latency, errors by route group, runs of the
 * jobs and workers, dead-letter queues, DynamoDB throttles, and every alarm's state. 5-minute periods.
 */
import { Stack } from 'aws-cdk-lib';
import { AlarmStatusWidget, Dashboard, GraphWidget, type Alarm, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableThrottles } from './api-alarms';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { ALARM_PERIOD, type VigieFunction } from './vigie-function';

export interface DashboardProps {
  api: HttpApi;
  /** Route group name → its function. */
  groups: ReadonlyMap<string, VigieFunction>;
  /** Job or worker name → its function and DLQ. */
  background: ReadonlyMap<string, { function: VigieFunction; deadLetterQueue: Queue }>;
  tables: readonly Table[];
  alarms: readonly Alarm[];
}

export function vigieDashboard(scope: Construct, props: DashboardProps): Dashboard {
  const period = ALARM_PERIOD;
  const sum = { period, statistic: 'Sum' } as const;
  const named = (m: IMetric, label: string): IMetric => (m as IMetric & { with(o: { label: string }): IMetric }).with({ label });
  const dashboard = new Dashboard(scope, 'Dashboard', { dashboardName: Stack.of(scope).stackName });
  const { api } = props;
  const bg = [...props.background];
  dashboard.addWidgets(
    new GraphWidget({
      title: 'API: requests, 4xx, 5xx',
      left: [named(api.metricCount(sum), 'requests')],
      right: [named(api.metricClientError(sum), '4xx'), named(api.metricServerError(sum), '5xx')],
      width: 8,
    }),
    new GraphWidget({
      title: 'API: latency (ms)',
      left: ['p50', 'p90', 'p99'].map((p) => named(api.metricLatency({ period, statistic: p }), p)),
      width: 8,
    }),
    new GraphWidget({
      title: 'Errors by route group (Lambda Errors)',
      left: [...props.groups].map(([g, fn]) => named(fn.fn.metricErrors(sum), g)),
      width: 8,
    }),
  );
  dashboard.addWidgets(
    new GraphWidget({
      title: 'Duration p99 by route group (ms)',
      left: [...props.groups].map(([g, fn]) => named(fn.fn.metricDuration({ period, statistic: 'p99' }), g)),
      width: 8,
    }),
    new GraphWidget({
      title: 'Jobs and workers: runs and errors',
      left: bg.map(([n, b]) => named(b.function.fn.metricInvocations(sum), `${n} runs`)),
      right: bg.map(([n, b]) => named(b.function.fn.metricErrors(sum), `${n} errors`)),
      width: 8,
    }),
    new GraphWidget({
      title: 'Dead-letter queues (messages)',
      left: bg.map(([n, b]) => named(b.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }), n)),
      width: 8,
    }),
  );
  dashboard.addWidgets(
    new GraphWidget({
      title: 'DynamoDB throttled requests',
      left: props.tables.map((t, i) => named(tableThrottles(t, `t${i}`), t.node.id)),
      width: 8,
    }),
    new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 16, height: 8 }),
  );
  return dashboard;
}
