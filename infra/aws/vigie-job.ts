/**
 * A scheduled job (`jobs` in shared/api/routes.ts): its Lambda, built by VigieFunction like every route group
 * (same defaults; entry = the job's handler module; grants from JOB_ACCESS), plus
 *
 * - reserved concurrency 1 (two runs never overlap) and a longer timeout;
 * - an SQS dead-letter queue (SSE-SQS, TLS only) that receives both the asynchronous invocations that still
 *   fail after Lambda's retries and the events EventBridge Scheduler could not deliver after its own;
 * - an EventBridge Scheduler schedule with the job's expression and time zone, no flexible window, a retry
 *   policy and that DLQ, assumed through a role of its own that may only invoke this function;
 * - CloudWatch alarms: messages in the DLQ, and (from VigieFunction) errors and throttles of the function.
 */
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IDestination } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobDef } from '../../shared/api/routes';
import type { GroupAccess } from './group-access';
import { ABOVE_ZERO, ALARM_PERIOD, VigieFunction, type VigieResources } from './vigie-function';

/** A run reads every due step and sends one email per person: far longer than an API request. */
export const JOB_TIMEOUT = Duration.minutes(5);
/** Lambda's retries of a failed asynchronous invocation (the job is idempotent per person and day). */
export const JOB_ASYNC_RETRIES = 2;
/** Scheduler's retries when it cannot invoke the function, and how long it keeps trying. */
export const SCHEDULE_RETRIES = 3;
export const SCHEDULE_MAX_EVENT_AGE = Duration.hours(2);
/** How long a dead letter waits for someone to look at it (the SQS maximum). */
export const DLQ_RETENTION = Duration.days(14);
export { ALARM_PERIOD };

/** Accepts what EventBridge Scheduler accepts for a recurring or one-time schedule, and an IANA time zone. */
export function assertJobSchedule(job: JobDef): void {
  const { expression, timezone } = job.schedule;
  if (!/^(cron\((\S+ ){5}\S+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\))$/.test(expression)) {
    throw new Error(
      `Job "${job.name}": ${JSON.stringify(expression)} is not an EventBridge Scheduler expression (cron(m h dom mon dow y), rate(...), at(...))`,
    );
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new Error(`Job "${job.name}": ${JSON.stringify(timezone)} is not an IANA time zone`);
  }
}

export interface VigieJobProps {
  job: JobDef;
  /** The job's handler module (infra/aws/group-entry.ts `jobEntry`). */
  entry: string;
  repoRoot: string;
  access: GroupAccess;
  resources: VigieResources;
  timeout?: Duration;
  /** On-failure destination of its asynchronous invocations (the alarm topic: the failed event and its error by email). */
  onFailure?: IDestination;
}

export class VigieJob extends Construct {
  readonly function: VigieFunction;
  readonly deadLetterQueue: Queue;
  readonly schedule: Schedule;
  readonly schedulerRole: Role;
  readonly deadLetterAlarm: Alarm;
  readonly errorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: VigieJobProps) {
    super(scope, id);
    const { job } = props;
    assertJobSchedule(job);
    const stack = Stack.of(this);

    this.deadLetterQueue = newDeadLetterQueue(this);
    // (AwsSolutions-SQS3 does not flag it: cdk-nag recognises it as the function's DeadLetterConfig target.)

    this.function = new VigieFunction(this, 'Function', {
      group: job.name,
      kind: 'scheduled job',
      entry: props.entry,
      repoRoot: props.repoRoot,
      description: `Vigie "${job.name}" job, ${job.schedule.expression} ${job.schedule.timezone}: ${job.description}`,
      access: props.access,
      resources: props.resources,
      timeout: props.timeout ?? JOB_TIMEOUT,
      reservedConcurrentExecutions: 1,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: JOB_ASYNC_RETRIES,
      onFailure: props.onFailure,
      errorsAlarmDescription: `Vigie ${job.name} job: an invocation failed (it is retried; messages in the DLQ mean every retry failed).`,
    });

    // Instead of the role LambdaInvoke would create at stack level: one per job, in this construct, trusted by
    // the scheduler of this account and of the default schedule group only (confused-deputy conditions).
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: `EventBridge Scheduler: invokes the Vigie ${job.name} job`,
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
    });

    this.schedule = new Schedule(this, 'Schedule', {
      description: `Vigie ${job.name}: ${job.description}`.slice(0, 512),
      schedule: ScheduleExpression.expression(job.schedule.expression, TimeZone.of(job.schedule.timezone)),
      timeWindow: TimeWindow.off(),
      enabled: true,
      target: new LambdaInvoke(this.function.fn, {
        role: this.schedulerRole,
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: SCHEDULE_RETRIES,
        maxEventAge: SCHEDULE_MAX_EVENT_AGE,
        // The handler ignores its event; the context attributes make each run traceable in the logs.
        input: ScheduleTargetInput.fromObject({
          source: 'vigie.scheduler',
          job: job.name,
          scheduledTime: ContextAttribute.scheduledTime,
          executionId: ContextAttribute.executionId,
          attempt: ContextAttribute.attemptNumber,
        }),
      }),
    });
    const schedulerPolicy = this.schedulerRole.node.tryFindChild('DefaultPolicy');
    if (schedulerPolicy) {
      Validations.of(schedulerPolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.function.fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason: `lambda:InvokeFunction on the ${job.name} job function only: Function.grantInvoke (called by LambdaInvoke) adds its qualified ARNs (versions, aliases) next to the unqualified one; no other function is reachable.`,
      });
    }

    this.errorsAlarm = this.function.errorsAlarm;
    this.deadLetterAlarm = deadLettersAlarm(
      this,
      this.deadLetterQueue,
      `Vigie ${job.name} job: a run failed after every retry (Lambda) or could not be delivered (Scheduler); see its DLQ and the function's logs.`,
    );
  }
}

/** The dead-letter queue of an asynchronously invoked function: SSE-SQS, TLS only, kept 14 days. */
export function newDeadLetterQueue(scope: Construct): Queue {
  const queue = new Queue(scope, 'DeadLetterQueue', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: DLQ_RETENTION });
  Validations.of(queue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason:
      'This queue IS the dead-letter queue of a Lambda (DeadLetterConfig): nothing consumes it, so nothing could redrive it; its depth is alarmed and a person reads and purges it (docs/aws.md).',
  });
  return queue;
}

/** Messages in the DLQ (maximum over ALARM_PERIOD) > 0: an event was lost after every retry. */
export function deadLettersAlarm(scope: Construct, dlq: Queue, description: string): Alarm {
  return new Alarm(scope, 'DeadLettersAlarm', {
    alarmDescription: description,
    metric: dlq.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
    ...ABOVE_ZERO,
  });
}
