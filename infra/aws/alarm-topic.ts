/**
 * Alarms that reach someone: one SNS topic (encrypted with a customer-managed KMS key, TLS-only), with an email
 * subscription to context `alarmEmail`, and an aspect that gives EVERY CloudWatch alarm of the stack this topic as
 * its alarm action and its OK action (so an alarm added later cannot be forgotten; test/infra checks them all).
 *
 * CloudWatch publishes as the service principal `cloudwatch.amazonaws.com`: the topic policy allows it (this
 * account's alarms only), and so does the key policy (an alarm cannot publish to a topic under the AWS-managed
 * `aws/sns` key, whose policy cannot name CloudWatch).
 */
import { ArnFormat, Aspects, Duration, RemovalPolicy, Stack, type IAspect } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { DestinationOptions, DestinationConfig, IDestination, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';

export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface VigieAlarmsProps {
  /** Who receives the alarms (context `alarmEmail`): an SNS email subscription, confirmed from the first message. */
  email?: string;
}

export class VigieAlarms extends Construct {
  readonly key: Key;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: VigieAlarmsProps) {
    super(scope, id);
    if (props.email !== undefined && !EMAIL_PATTERN.test(props.email)) throw new Error(`alarmEmail must be an email address (got ${props.email})`);
    const stack = Stack.of(this);
    this.key = new Key(this, 'Key', {
      description: `${stack.stackName}: encrypts the alarm topic`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      // Alarm notifications are transient: nothing encrypted with this key outlives the topic.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fromThisAccountsAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    };
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromThisAccountsAlarms,
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: `${stack.stackName} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromThisAccountsAlarms,
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    Aspects.of(stack).add(new NotifyOnAlarm(this.topic));
  }
}

/**
 * The topic as a Lambda on-failure destination: the failed event and its error, by email. Instead of aws-cdk-lib's
 * SnsDestination, whose grantPublish adds `kms:GenerateDataKey*`: explicit actions, on this topic and its key only.
 */
export class AlarmTopicDestination implements IDestination {
  constructor(private readonly alarms: VigieAlarms) {}

  bind(_scope: Construct, fn: IFunction, _options?: DestinationOptions): DestinationConfig {
    fn.addToRolePolicy(new PolicyStatement({ sid: 'PublishFailures', actions: ['sns:Publish'], resources: [this.alarms.topic.topicArn] }));
    fn.addToRolePolicy(new PolicyStatement({ sid: 'EncryptFailures', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.alarms.key.keyArn] }));
    return { destination: this.alarms.topic.topicArn };
  }
}

/** Adds the topic as alarm and OK action of every Alarm in its scope (once each). */
export class NotifyOnAlarm implements IAspect {
  private readonly done = new WeakSet<Alarm>();
  private readonly action: SnsAction;

  constructor(topic: Topic) {
    this.action = new SnsAction(topic);
  }

  visit(node: IConstruct): void {
    if (!(node instanceof Alarm) || this.done.has(node)) return;
    this.done.add(node);
    node.addAlarmAction(this.action);
    node.addOkAction(this.action);
  }
}
