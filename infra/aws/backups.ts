/**
 * AWS Backup for what cannot be rebuilt: the single table and the agreements bucket. A daily plan (03:00 UTC),
 * recovery points kept BACKUP_RETENTION, in a vault of its own encrypted with a KMS key of its own (rotated,
 * retained: a deleted key would make every recovery point unreadable). Point-in-time recovery (35 days, to the
 * second) stays on the table; AWS Backup adds copies outside the table's own lifecycle (a deleted table's PITR
 * is gone with it), and the only backup of the agreements bucket besides its versions. Restore: docs/aws.md.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export const BACKUP_RETENTION = Duration.days(35);
/** The AWS-managed policies AWS Backup documents for backing up and restoring DynamoDB and S3. */
export const BACKUP_MANAGED_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
] as const;

export interface VigieBackupsProps {
  table: Table;
  agreements: Bucket;
}

export class VigieBackups extends Construct {
  readonly key: Key;
  readonly vault: BackupVault;
  readonly plan: BackupPlan;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: VigieBackupsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new Key(this, 'Key', {
      description: `${stack.stackName}: encrypts the AWS Backup vault (table and agreements recovery points)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new BackupVault(this, 'Vault', { encryptionKey: this.key, removalPolicy: RemovalPolicy.RETAIN });
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `${stack.stackName}-daily`,
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'daily',
          scheduleExpression: Schedule.cron({ hour: '3', minute: '0' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: BACKUP_RETENTION,
        }),
      ],
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: 'Vigie: AWS Backup backs up and restores the table and the agreements bucket',
      managedPolicies: BACKUP_MANAGED_POLICIES.map((name) => ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    this.plan.addSelection('Selection', {
      role: this.role,
      resources: [BackupResource.fromDynamoDbTable(props.table), BackupResource.fromArn(props.agreements.bucketArn)],
      allowRestores: false,
    });
    for (const name of BACKUP_MANAGED_POLICIES) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        reason: `${name.replace('service-role/', '')}: one of the four policies AWS documents for the role AWS Backup assumes (DynamoDB and S3 backup and restore); AWS keeps them in step with the service, an inline copy would silently fall behind. This role is assumable by backup.amazonaws.com only.`,
      });
    }
  }
}
