/**
 * Alarms on the HTTP API and the tables (their actions come from the alarm topic's aspect, ./alarm-topic.ts):
 *
 * - 5xx rate: any 5-minute period where more than API_5XX_RATE_PERCENT of the requests answered 5xx (a 5xx is
 *   a bug or an outage: the handlers answer every expected error with a 4xx);
 * - 4xx rate: more than API_4XX_RATE_PERCENT of at least API_4XX_MIN_REQUESTS requests, three periods in a row
 *   (4xx are normal answers — expired token, validation, conflict — until most requests get one: a broken
 *   client, a bad deploy of the web app, or someone probing);
 * - p99 latency above API_P99_LATENCY for three periods in a row (a PDF render may take seconds once);
 * - DynamoDB: any throttled request on the single table or the idempotency table.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { ABOVE_ZERO, ALARM_PERIOD } from './vigie-function';

export const API_5XX_RATE_PERCENT = 1;
export const API_4XX_RATE_PERCENT = 25;
export const API_4XX_MIN_REQUESTS = 20;
export const API_P99_LATENCY = Duration.seconds(5);
/** Every operation the functions call (the ThrottledRequests metric has one series per operation). */
export const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

export interface ApiAlarms {
  serverErrorRate: Alarm;
  clientErrorRate: Alarm;
  latencyP99: Alarm;
}

export function apiAlarms(scope: Construct, api: HttpApi): ApiAlarms {
  const requests = api.metricCount({ period: ALARM_PERIOD, statistic: 'Sum' });
  const rate = (id: string, errors: ReturnType<HttpApi['metricCount']>, minRequests: number) =>
    new MathExpression({
      label: id,
      expression: `IF(requests >= ${minRequests}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors },
      period: ALARM_PERIOD,
    });
  return {
    serverErrorRate: new Alarm(scope, 'Api5xxRateAlarm', {
      alarmDescription: `Vigie API: more than ${API_5XX_RATE_PERCENT}% of the requests answered 5xx over 5 minutes (a handler crashed, timed out, or a dependency is down); see the API access logs (status, integrationError) and the functions' logs.`,
      metric: rate('5xx %', api.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }), 1),
      threshold: API_5XX_RATE_PERCENT,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    clientErrorRate: new Alarm(scope, 'Api4xxRateAlarm', {
      alarmDescription: `Vigie API: more than ${API_4XX_RATE_PERCENT}% of the requests (at least ${API_4XX_MIN_REQUESTS} per 5 minutes) answered 4xx for 15 minutes: a broken web app release, an expired client configuration, or probing; see the access logs (status, routeKey, authorizerError).`,
      metric: rate('4xx %', api.metricClientError({ period: ALARM_PERIOD, statistic: 'Sum' }), API_4XX_MIN_REQUESTS),
      threshold: API_4XX_RATE_PERCENT,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    latencyP99: new Alarm(scope, 'ApiLatencyP99Alarm', {
      alarmDescription: `Vigie API: p99 latency above ${API_P99_LATENCY.toSeconds()} s for 15 minutes; see the access logs (latency, integrationLatency) and the functions' durations.`,
      metric: api.metricLatency({ period: ALARM_PERIOD, statistic: 'p99' }),
      threshold: API_P99_LATENCY.toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
  };
}

/**
 * ThrottledRequests summed over TABLE_OPERATIONS, each series FILLed with 0 (a plain `a + b` has no value where one
 * operation had no request, which is nearly always the case).
 */
/** `prefix` keeps the metric ids apart when several tables share a graph. */
export function tableThrottles(table: Table, prefix = ''): MathExpression {
  const usingMetrics = Object.fromEntries(
    TABLE_OPERATIONS.map((op) => [
      `${prefix}${op.toLowerCase()}`,
      table.metric('ThrottledRequests', { dimensionsMap: { TableName: table.tableName, Operation: op }, period: ALARM_PERIOD, statistic: 'Sum' }),
    ]),
  );
  return new MathExpression({
    label: 'Throttled requests',
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    period: ALARM_PERIOD,
  });
}

/** ThrottledRequests (sum over every operation) > 0: on-demand capacity or a partition's limit was exceeded. */
export function tableThrottleAlarm(scope: Construct, id: string, table: Table, what: string): Alarm {
  return new Alarm(scope, id, {
    alarmDescription: `Vigie ${what}: DynamoDB throttled requests (a hot partition or the table's on-demand limits); the SDK retried them, but callers may have seen errors.`,
    metric: tableThrottles(table),
    ...ABOVE_ZERO,
  });
}
