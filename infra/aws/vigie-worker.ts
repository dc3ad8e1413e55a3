/**
 * An asynchronous worker (`workers` in shared/api/routes.ts): its Lambda, built by VigieFunction like every
 * route group (same defaults; entry = the worker's handler module; grants from WORKER_ACCESS), plus
 *
 * - reserved concurrency (a burst of requests queues in Lambda's event queue instead of starving the table);
 * - no retry of a failed invocation (a job is taken once: a retry would find it running and stop), and an SQS
 *   dead-letter queue (SSE-SQS, TLS only) that receives the failed event;
 * - two CloudWatch alarms: messages in the DLQ, and errors of the function.
 *
 * The route groups that start it (`startedBy`) get lambda:InvokeFunction on it and its name in
 * `<NAME>_WORKER_FUNCTION` (shared/store/workers.ts).
 */
import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { WorkerDef } from '../../shared/api/routes';
import type { GroupAccess } from './group-access';
import { VigieFunction, type VigieFunctionProps, type VigieResources } from './vigie-function';
import { failureAlarms, newDeadLetterQueue } from './vigie-job';

export interface VigieWorkerProps {
  worker: WorkerDef;
  /** The worker's handler module (infra/aws/group-entry.ts `jobEntry`). */
  entry: string;
  repoRoot: string;
  access: GroupAccess;
  resources: VigieResources;
  /** Bundling and environment of its own (e.g. the fonts of the PDF summary). */
  settings?: Pick<VigieFunctionProps, 'bundling' | 'environment'>;
}

export class VigieWorker extends Construct {
  readonly function: VigieFunction;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly errorsAlarm: Alarm;

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
      ...props.settings,
    });
    [this.deadLetterAlarm, this.errorsAlarm] = failureAlarms(this, this.function, this.deadLetterQueue, {
      deadLetters: `Vigie ${worker.name} worker: an invocation failed (crash or timeout); its event is in the DLQ, see the function's logs.`,
      errors: `Vigie ${worker.name} worker: an invocation failed.`,
    });
  }
}
