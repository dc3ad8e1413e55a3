/**
 * THE Lambda construct: every Vigie function (route groups and scheduled jobs alike) gets its defaults here
 * (runtime, architecture, esbuild bundling, environment, logging, tracing) and a role of its own that grants
 * only what its route group or job needs (infra/aws/group-access.ts). No managed policies, no wildcard actions.
 * Scheduled jobs add their DLQ, schedule and alarms around it (infra/aws/vigie-job.ts).
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Policy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing, type IDestination } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { TABLE_WRITE_ACTIONS, type BucketName, type GroupAccess, type ObjectAction } from './group-access';

const OBJECT_ACTIONS = { get: 's3:GetObject', put: 's3:PutObject', delete: 's3:DeleteObject', abort: 's3:AbortMultipartUpload' } as const satisfies Record<
  Exclude<ObjectAction, 'list'>,
  string
>;

/**
 * Newest Node.js LTS runtime known to the installed aws-cdk-lib (cdk-nag AwsSolutions-L1 wants the
 * latest of the family). Node 24 runtimes no longer accept callback-style handlers: ours are async.
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;
export const LAMBDA_ARCHITECTURE = Architecture.ARM_64;

/** ESM bundles have no `require`; some CommonJS dependencies call it. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * How every Vigie function is bundled (NodejsFunction `bundling`). bench/bundles.bench.ts and
 * test/infra/bundle-size.test.ts build with exactly these options, translated to esbuild's by
 * `esbuildOptions` (infra/aws/esbuild-options.ts) the way aws-cdk-lib does.
 */
/** The module that replaces the SDK's default credential chain in the bundles (relative to the repository root). */
export const LAMBDA_CREDENTIALS_SHIM = 'infra/aws/lambda/credential-provider-env-only.ts';

export const LAMBDA_BUNDLING: BundlingOptions = {
  // Local esbuild from node_modules; Docker is never used.
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  // Not passed to esbuild by aws-cdk-lib 2.276 (its Bundling has no --charset flag): the bundles are ASCII,
  // non-ASCII characters escaped (esbuild's default). esbuildOptions() follows aws-cdk-lib here too.
  charset: Charset.UTF8,
  // Bundle the AWS SDK too: the versions in package-lock.json (s3-presigned-post, lib-dynamodb, the
  // ones Powertools was tested with) rather than whatever the runtime image ships.
  bundleAwsSDK: true,
  externalModules: [],
  // Credentials come from the environment in Lambda: the SDK's default provider chain stays out of the bundle.
  esbuildArgs: { '--alias': `@aws-sdk/credential-provider-node=./${LAMBDA_CREDENTIALS_SHIM}` },
};

/** The fonts the agreement renderer embeds (shared/pdf/render-agreement.ts), from the npm package dejavu-fonts-ttf. */
export const AGREEMENT_FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;
/** Where the bundle puts them, relative to the handler; VIGIE_FONT_DIR points there in Lambda (code lives in /var/task). */
export const AGREEMENT_FONT_SUBDIR = 'fonts';
export const LAMBDA_TASK_ROOT = '/var/task';

/**
 * The bundling of the `agreements` function: LAMBDA_BUNDLING (same esbuild flags), plus the two DejaVu TTFs copied
 * next to the handler after esbuild ran. The renderer reads them from VIGIE_FONT_DIR; no other function ships them.
 */
export const AGREEMENTS_BUNDLING: BundlingOptions = {
  ...LAMBDA_BUNDLING,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      `mkdir -p "${outputDir}/${AGREEMENT_FONT_SUBDIR}"`,
      ...AGREEMENT_FONT_FILES.map((f) => `cp "${inputDir}/node_modules/dejavu-fonts-ttf/ttf/${f}" "${outputDir}/${AGREEMENT_FONT_SUBDIR}/${f}"`),
    ],
  },
};

export interface VigieResources {
  table: ITable;
  /** GSI names of the single table (from TABLE in shared/store/table-def.ts), for Query grants. */
  tableIndexes: readonly string[];
  idempotencyTable: ITable;
  buckets: Record<BucketName, IBucket>;
  /** Sender address (`MAIL_FROM`). */
  mailFrom: string;
  /** What ses:SendEmail is scoped to: the SES domain identity of `mailFrom`, and its configuration set if any (./mail-identity.ts). */
  mailSendArns: readonly string[];
  /** Origin of the web UI (CORS in the handlers' middy stack, links in emails). */
  webOrigin: string;
}

export interface VigieFunctionProps {
  /** Route group name (a function per group), or job name for a scheduled job. */
  group: string;
  /** What the function serves (role description); default 'route group'. */
  kind?: 'route group' | 'scheduled job' | 'worker';
  /** Absolute path of the entry: the generated group entry, or a job's handler module (infra/aws/group-entry.ts). */
  entry: string;
  /** Directory holding package-lock.json; entries and handlers must live under it. */
  repoRoot: string;
  description: string;
  access: GroupAccess;
  resources: VigieResources;
  memorySize?: number;
  timeout?: Duration;
  /** Reserved concurrency (a job: 1, never two runs at once). Default: unreserved. */
  reservedConcurrentExecutions?: number;
  /** Where asynchronous invocations that still fail after `retryAttempts` go (Lambda DeadLetterConfig). */
  deadLetterQueue?: IQueue;
  /** Retries of a failed asynchronous invocation (0-2). Default: Lambda's (2). */
  retryAttempts?: number;
  /** Where the record of an asynchronous invocation that failed for good goes (event, error), besides the DLQ. */
  onFailure?: IDestination;
  /** Bundling options; default LAMBDA_BUNDLING (e.g. AGREEMENTS_BUNDLING adds the fonts). */
  bundling?: BundlingOptions;
  /** Variables added to the common environment (e.g. VIGIE_FONT_DIR). */
  environment?: Record<string, string>;
  /** What an error of this function means, for its Errors alarm (default: a generic text). */
  errorsAlarmDescription?: string;
}

/** Period of the function alarms (Errors, Throttles) and of the job and worker alarms. */
export const ALARM_PERIOD = Duration.minutes(5);
/** Any datapoint above 0 in one period; no data (no invocation) is OK. */
export const ABOVE_ZERO = {
  threshold: 0,
  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
  evaluationPeriods: 1,
  treatMissingData: TreatMissingData.NOT_BREACHING,
} as const;

export class VigieFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** Errors (sum) > 0 over ALARM_PERIOD: an unhandled error or a timeout (handled API errors are answers, not errors). */
  readonly errorsAlarm: Alarm;
  /** Throttles (sum) > 0 over ALARM_PERIOD: the account's (or the reserved) concurrency is exhausted. */
  readonly throttlesAlarm: Alarm;

  constructor(scope: Construct, id: string, props: VigieFunctionProps) {
    super(scope, id);
    const res = props.resources;

    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Vigie ${props.group} ${props.kind ?? 'route group'}`,
    });
    // Instead of the AWSLambdaBasicExecutionRole managed policy (logs:* on every log group): this log group only.
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.repoRoot,
      depsLockFilePath: join(props.repoRoot, 'package-lock.json'),
      description: props.description.slice(0, 256),
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(15),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      onFailure: props.onFailure,
      role: this.role,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.INFO,
      environment: {
        TABLE_NAME: res.table.tableName,
        IDEMPOTENCY_TABLE_NAME: res.idempotencyTable.tableName,
        DOCUMENTS_BUCKET: res.buckets.documents.bucketName,
        AGREEMENTS_BUCKET: res.buckets.agreements.bucketName,
        EXPORTS_BUCKET: res.buckets.exports.bucketName,
        MAIL_FROM: res.mailFrom,
        WEB_ORIGIN: res.webOrigin,
        POWERTOOLS_SERVICE_NAME: 'vigie',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: props.bundling ?? LAMBDA_BUNDLING,
    });

    const what = `Vigie ${props.group} ${props.kind ?? 'route group'}`;
    this.errorsAlarm = new Alarm(this, 'ErrorsAlarm', {
      alarmDescription: props.errorsAlarmDescription ?? `${what}: an invocation failed (unhandled error or timeout); see the function's logs.`,
      metric: this.fn.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
      ...ABOVE_ZERO,
    });
    this.throttlesAlarm = new Alarm(this, 'ThrottlesAlarm', {
      alarmDescription: `${what}: invocations were throttled (concurrency exhausted: reserved concurrency, or the account's limit).`,
      metric: this.fn.metricThrottles({ period: ALARM_PERIOD, statistic: 'Sum' }),
      ...ABOVE_ZERO,
    });

    if (!props.deadLetterQueue) {
      Validations.of(this.fn).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: `The ${props.group} route group is invoked synchronously by API Gateway: a Lambda DLQ only ever receives failed asynchronous invocations. A failed request is answered with a 5xx to its caller and counted by the Errors and API 5xx-rate alarms.`,
      });
    }

    const statements = this.statements(props);
    if (statements.length) {
      // Data grants in a policy of their own, so that the role's DefaultPolicy only holds what CDK adds
      // (X-Ray, logs) and the acknowledgment below cannot hide a data wildcard.
      new Policy(this, 'DataAccess', { roles: [this.role], statements });
    }
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy) {
      Validations.of(defaultPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only the X-Ray statement added by `tracing: ACTIVE` (xray:PutTraceSegments, xray:PutTelemetryRecords): these actions do not support resource-level permissions.',
      });
    }
  }

  private statements(props: VigieFunctionProps): PolicyStatement[] {
    const { resources: res, access } = props;
    const out: PolicyStatement[] = [];
    if (access.table) {
      const tableArn = res.table.tableArn;
      out.push(new PolicyStatement({ sid: 'TableRead', actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], resources: [tableArn] }));
      if (res.tableIndexes.length) {
        out.push(
          new PolicyStatement({
            sid: 'TableIndexQuery',
            actions: ['dynamodb:Query'],
            resources: res.tableIndexes.map((name) => `${tableArn}/index/${name}`),
          }),
        );
      }
      if (access.table === 'readwrite') {
        const writes = access.tableWrite?.actions ?? TABLE_WRITE_ACTIONS;
        const prefixes = access.tableWrite?.partitionKeyPrefixes ?? [];
        if (writes.length === 0) throw new Error(`${props.group}: tableWrite.actions is empty; use table: 'read'`);
        if (prefixes.some((p) => p === '' || /[*?]/.test(p))) throw new Error(`${props.group}: partitionKeyPrefixes must be non-empty literals`);
        out.push(
          new PolicyStatement({
            sid: 'TableWrite',
            // TransactWriteItems is authorized through these per-item actions.
            actions: writes.map((a) => `dynamodb:${a}`),
            resources: [tableArn],
            // Only items whose partition key starts with one of the prefixes (every key of the request must match).
            conditions: prefixes.length ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) } } : undefined,
          }),
        );
      }
    }
    if (access.idempotency) {
      out.push(
        new PolicyStatement({
          sid: 'IdempotencyRecords',
          // What the Powertools DynamoDBPersistenceLayer calls.
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
          resources: [res.idempotencyTable.tableArn],
        }),
      );
    }
    for (const [name, wanted] of Object.entries(access.buckets ?? {}) as [BucketName, readonly ObjectAction[]][]) {
      const bucket = res.buckets[name];
      const sid = `${name[0]!.toUpperCase()}${name.slice(1)}`;
      const actions = (['get', 'put', 'delete', 'abort'] as const).filter((a) => wanted.includes(a)).map((a) => OBJECT_ACTIONS[a]);
      if (actions.length) {
        out.push(new PolicyStatement({ sid: `${sid}Objects`, actions, resources: [bucket.arnForObjects('*')] }));
        const cfn = bucket.node.defaultChild as CfnBucket | undefined;
        if (cfn) {
          Validations.of(this).acknowledge({
            id: `AwsSolutions-IAM5[Resource::<${Stack.of(bucket).getLogicalId(cfn)}.Arn>/*]`,
            reason: `Objects of the ${name} bucket have generated keys (one per document, agreement or export); the function needs ${actions.join(', ')} on any object of that bucket only.`,
          });
        }
      }
      if (wanted.includes('list')) {
        out.push(new PolicyStatement({ sid: `${sid}List`, actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
      }
    }
    if (access.sendMail) {
      if (res.mailSendArns.length === 0) throw new Error(`${props.group}: sendMail without an SES identity`);
      out.push(new PolicyStatement({ sid: 'SendMail', actions: ['ses:SendEmail'], resources: [...res.mailSendArns] }));
    }
    return out;
  }
}
