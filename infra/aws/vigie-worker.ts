/**
 * An asynchronous worker (`workers` in shared/api/routes.ts): its Lambda, built by VigieFunction like every
 * route group (same defaults, Errors and Throttles alarms; entry = the worker's handler module; grants from
 * WORKER_ACCESS), plus
 *
 * - reserved concurrency (a burst of requests queues in Lambda's event queue instead of starving the table);
 * - no retry of a failed invocation (a job is taken once: a retry would find it running and stop), an SQS
 *   dead-letter queue (SSE-SQS, TLS only) that receives the failed event, and an on-failure destination (the
 *   alarm topic: the failed event and its error reach the operator by email);
 * - a DLQ-depth alarm, and a failures alarm: a worker records a failed job and returns (the export job marks
 *   the job failed, logs `Export failed` at ERROR), which the Errors metric never sees, so a metric filter
 *   counts the ERROR lines of its log group.
 *
 * The route groups that start it (`startedBy`) get lambda:InvokeFunction on it and its name in
 * `<NAME>_WORKER_FUNCTION` (shared/store/workers.ts).
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IDestination } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { WorkerDef } from '../../shared/api/routes';
import type { GroupAccess } from './group-access';
import { ABOVE_ZERO, ALARM_PERIOD, VigieFunction, type VigieFunctionProps, type VigieResources } from './vigie-function';
import { deadLettersAlarm, newDeadLetterQueue } from './vigie-job';

/** Namespace of the metrics Vigie derives from its logs. */
export const METRICS_NAMESPACE = 'Vigie';
/** `ExportFailures`, `AuditVerificationFailures`: ERROR log lines of the worker (Powertools JSON `level`). */
export const workerFailuresMetricName = (name: string) => `${name.replace(/(^|-)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())}Failures`;

export interface VigieWorkerProps {
  worker: WorkerDef;
  /** The worker's handler module (infra/aws/group-entry.ts `jobEntry`). */
  entry: string;
  repoRoot: string;
  access: GroupAccess;
  resources: VigieResources;
  /** Bundling and environment of its own (e.g. the fonts of the PDF summary). */
  settings?: Pick<VigieFunctionProps, 'bundling' | 'environment'>;
  /** On-failure destination of its asynchronous invocations (the alarm topic). */
  onFailure?: IDestination;
}

export class VigieWorker extends Construct {
  readonly function: VigieFunction;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly errorsAlarm: Alarm;
  readonly failuresAlarm: Alarm;
  readonly failuresMetricFilter: MetricFilter;

  constructor(scope: Construct, id: string, props: VigieWorkerProps) {
    super(scope, id);
    const { worker } = props;
    this.deadLetterQueue = newDeadLetterQueue(this);
    this.function = new VigieFunction(this, 'Function', {
      group: worker.name,
      kind: 'worker',
      entry: props.entry,
      repoRoot: props.repoRoot,
      description: `Vigie "${worker.name}" worker: ${worker.description}`,
      access: props.access,
      resources: props.resources,
      timeout: Duration.seconds(worker.timeoutSeconds),
      memorySize: worker.memoryMb,
      reservedConcurrentExecutions: worker.reservedConcurrency,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: 0,
      onFailure: props.onFailure,
      errorsAlarmDescription: `Vigie ${worker.name} worker: an invocation failed (crash or timeout); its event is in the DLQ, see the function's logs.`,
      ...props.settings,
    });
    this.errorsAlarm = this.function.errorsAlarm;
    this.deadLetterAlarm = deadLettersAlarm(
      this,
      this.deadLetterQueue,
      `Vigie ${worker.name} worker: an invocation failed (crash or timeout); its event is in the DLQ, see the function's logs.`,
    );
    this.failuresMetricFilter = new MetricFilter(this, 'FailuresMetricFilter', {
      logGroup: this.function.logGroup,
      filterPattern: FilterPattern.stringValue('$.level', '=', 'ERROR'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: workerFailuresMetricName(worker.name),
      metricValue: '1',
    });
    this.failuresAlarm = new Alarm(this, 'FailuresAlarm', {
      alarmDescription: `Vigie ${worker.name} worker: a job failed (an ERROR line in its logs, with the job id); the user sees the job as failed and may start it again.`,
      metric: this.failuresMetricFilter.metric({ period: ALARM_PERIOD, statistic: 'Sum' }),
      ...ABOVE_ZERO,
    });
  }
}
