/**
 * The Vigie stack: Cognito (with its hosted UI for the web app), the HTTP API (exactly `deployedRoutes` from
 * shared/api/routes.ts), one Lambda per route group, one scheduled Lambda per job (`jobs`: EventBridge Scheduler,
 * DLQ, alarms), the single DynamoDB table (TABLE in shared/store/table-def.ts), the idempotency table, the S3
 * buckets, and the web app on S3 + CloudFront with the API under /api (./web-hosting.ts).
 * Environment-agnostic: `cdk synth` needs no credentials and does no lookups.
 * docs/aws.md describes every resource and every cdk-nag acknowledgment below.
 */
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS, DEFAULTS } from '../../shared/store/config';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  LogGroupLogDestination,
  type CorsPreflightOptions,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  UserPoolEmail,
  UserPoolGroup,
  VerificationEmailStyle,
  type CfnUserPool,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type BucketProps, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { RuntimeConfig } from '../../web/src/auth/runtime-config';
import { CALLBACK_PATH } from '../../web/src/auth/oauth';
import type { Construct } from 'constructs';
import { deployedRoutes, jobs as allJobs, routeKey, workers, type JobDef, type RouteDef } from '../../shared/api/routes';
import { workerFunctionEnv } from '../../shared/store/workers';
import { ROLES, type Role } from '../../shared/domain/access';
import { IDEMPOTENCY_TABLE, TABLE, type BUCKETS } from '../../shared/store/table-def';
import {
  assertAccessCoversJobs,
  assertAccessCoversRoutes,
  GROUP_ACCESS,
  JOB_ACCESS,
  WORKER_ACCESS,
  type BucketName,
  type GroupAccess,
  type RouteGroup,
} from './group-access';
import { entriesDir, jobEntry, writeGroupEntry } from './group-entry';
import { AGREEMENT_FONT_SUBDIR, AGREEMENTS_BUNDLING, LAMBDA_TASK_ROOT, VigieFunction, type VigieFunctionProps } from './vigie-function';
import { AlarmTopicDestination, VigieAlarms } from './alarm-topic';
import { apiAlarms, tableThrottleAlarm, type ApiAlarms } from './api-alarms';
import { Alarm as AlarmClass, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { VigieBackups } from './backups';
import { VigieMailIdentity } from './mail-identity';
import { invitationEmail, verificationEmail } from './cognito-messages';
import { vigieDashboard } from './dashboard';
import type { Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { VigieJob } from './vigie-job';
import { VigieWorker } from './vigie-worker';
import { API_PATH_PREFIX, VigieWeb, type WebDomain } from './web-hosting';

export const DEFAULT_MAIL_FROM = DEFAULTS.mailFrom;
/** Agreements stay write-once this long by default (Object Lock); context `agreementsRetentionYears`. */
export const DEFAULT_AGREEMENT_RETENTION_YEARS = 10;
/**
 * Object Lock mode of the agreements bucket (context `agreementsLockMode`). COMPLIANCE (production): no one, not even
 * the root user, can delete a version or shorten its retention before it ends. GOVERNANCE (a trial account): users
 * with s3:BypassGovernanceRetention can, so the account can be cleaned up.
 */
export const AGREEMENTS_LOCK_MODES = ['COMPLIANCE', 'GOVERNANCE'] as const;
export type AgreementsLockMode = (typeof AGREEMENTS_LOCK_MODES)[number];
export const DEFAULT_AGREEMENTS_LOCK_MODE: AgreementsLockMode = 'COMPLIANCE';
export const EXPORT_EXPIRY_DAYS = 7;
/** Days an upload that was never confirmed (or a replayed form's bytes) stays under incoming/ in the documents bucket. */
export const INCOMING_UPLOAD_EXPIRY_DAYS = 2;

/** The web app's OAuth scopes: an ID token with the user's attributes (the API reads email, name, groups, custom:organizationId). */
export const WEB_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE];
/** Where Cognito's /logout sends the browser back. */
export const SIGN_OUT_PATH = '/sign-in';
/**
 * Without a custom domain the app's origin is the distribution's (a deploy-time value), which the documents
 * bucket's CORS cannot name: the distribution's CSP names that bucket, and CloudFormation refuses the cycle.
 */
export const CLOUDFRONT_ORIGINS = 'https://*.cloudfront.net';

const ROLE_DESCRIPTIONS: Record<Role, string> = {
  legal: 'Pôle legal staff: everything',
  committee: 'Support committee: reads all projects, decides committee steps',
  lawyer: 'IP lawyer: reads assigned projects, gives the lawyer opinion',
  partner: 'Partner representative: bound to one organization (custom:organizationId)',
};

export interface VigieStackProps extends StackProps {
  /** A custom domain for the web app (its CloudFront distribution); default: the distribution's own domain. */
  webDomain?: WebDomain;
  /** A WAF web ACL (CLOUDFRONT scope, us-east-1) for the distribution. */
  webAclArn?: string;
  /** Prefix of the Cognito hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`); default `<stack name>-<account>`. */
  authDomainPrefix?: string;
  /** Sender of the emails; the stack creates the SES identity of its domain (Easy DKIM). */
  mailFrom?: string;
  /** Name of an SES configuration set to create and make the identity's default; none by default. */
  sesConfigurationSet?: string;
  /** Cognito sends its invitations and codes through the SES identity (only once it is verified); default false. */
  cognitoEmailViaSes?: boolean;
  /** Who receives the alarms (an SNS email subscription); none: the topic exists, subscribe later. */
  alarmEmail?: string;
  /** Routes to deploy; defaults to `deployedRoutes`. */
  routes?: readonly RouteDef[];
  /** Per-group grants; defaults to GROUP_ACCESS. */
  access?: Record<RouteGroup, GroupAccess>;
  /** Scheduled jobs; defaults to `jobs`. */
  jobs?: readonly JobDef[];
  /** Per-job grants; defaults to JOB_ACCESS. */
  jobAccess?: Record<string, GroupAccess>;
  /** Repository root (holds package-lock.json and functions/). */
  repoRoot: string;
  /** Years of Object Lock retention of the agreements bucket; default 10. */
  agreementRetentionYears?: number;
  /** Object Lock mode of the agreements bucket; default COMPLIANCE. */
  agreementsLockMode?: AgreementsLockMode;
}

/** A host name for the web app (`vigie.pole.example`): no scheme, path or port. */
export function assertDomainName(value: string): string {
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(value)) {
    throw new Error(`webDomain must be a host name such as vigie.pole.example (got ${JSON.stringify(value)})`);
  }
  return value;
}

/**
 * What a route group needs beyond the defaults of VigieFunction. `agreements` renders PDFs: more time (a 20-partner,
 * 200-item agreement; 29 s, just under API Gateway's 30 s integration limit), 1024 MB, and the fonts bundled next
 * to the handler (AGREEMENTS_BUNDLING) where VIGIE_FONT_DIR points.
 */
export const GROUP_SETTINGS: Partial<Record<RouteGroup, Pick<VigieFunctionProps, 'memorySize' | 'timeout' | 'bundling' | 'environment'>>> = {
  agreements: {
    memorySize: 1024,
    timeout: Duration.seconds(29),
    bundling: AGREEMENTS_BUNDLING,
    environment: { VIGIE_FONT_DIR: `${LAMBDA_TASK_ROOT}/${AGREEMENT_FONT_SUBDIR}` },
  },
};

/** Per worker: the export worker renders the project-summary PDF with the agreement's fonts. */
export const WORKER_SETTINGS: Partial<Record<string, Pick<VigieFunctionProps, 'bundling' | 'environment'>>> = {
  export: { bundling: AGREEMENTS_BUNDLING, environment: { VIGIE_FONT_DIR: `${LAMBDA_TASK_ROOT}/${AGREEMENT_FONT_SUBDIR}` } },
};

/**
 * The HTTP API's CORS: exactly the web app's origin. With a custom domain that origin is a literal, and API Gateway
 * answers preflights and sets the CORS headers itself. Without one the origin is the distribution's domain, which the
 * API cannot name (the distribution has the API as an origin: CloudFormation refuses the cycle, as
 * test/infra/web-hosting.test.ts shows); then API Gateway has no CORS configuration (a preflight gets no CORS
 * headers, so a browser on another origin cannot call the API) and the handlers answer with exactly that origin
 * (middy http-cors with WEB_ORIGIN, the distribution's `https://` domain).
 */
export function apiCors(webDomain: WebDomain | undefined): CorsPreflightOptions | undefined {
  if (!webDomain) return undefined;
  return {
    allowOrigins: [`https://${webDomain.name}`],
    allowMethods: CORS_ALLOW_METHODS.map((m) => CorsHttpMethod[m]),
    allowHeaders: [...CORS_ALLOW_HEADERS],
    exposeHeaders: [...CORS_EXPOSE_HEADERS],
    allowCredentials: false,
    maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
  };
}

const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());

export class VigieStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly userPool: UserPool;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: the hosted UI (the same as `authDomain.baseUrl()`). */
  readonly hostedUiUrl: string;
  readonly webClient: UserPoolClient;
  readonly authDomain: UserPoolDomain;
  readonly web: VigieWeb;
  /** What the stack writes to the web bucket as /config.json (deploy-time values). */
  readonly webConfig: RuntimeConfig;
  readonly table: Table;
  readonly idempotencyTable: Table;
  readonly buckets: Record<BucketName, Bucket>;
  readonly functions: Map<string, VigieFunction> = new Map();
  readonly jobs: Map<string, VigieJob> = new Map();
  readonly workers: Map<string, VigieWorker> = new Map();
  readonly alarms: VigieAlarms;
  readonly backups: VigieBackups;
  readonly mail: VigieMailIdentity;
  readonly dashboard: Dashboard;
  readonly apiAlarms: ApiAlarms;
  readonly tableThrottleAlarms: Alarm[];

  constructor(scope: Construct, id: string, props: VigieStackProps) {
    super(scope, id, props);
    if (props.webDomain) assertDomainName(props.webDomain.name);
    const mailFrom = props.mailFrom ?? DEFAULT_MAIL_FROM;
    const retentionYears = props.agreementRetentionYears ?? DEFAULT_AGREEMENT_RETENTION_YEARS;
    if (!Number.isInteger(retentionYears) || retentionYears < 1 || retentionYears > 100) {
      throw new Error(`agreementsRetentionYears must be a whole number of years, 1 to 100 (got ${retentionYears})`);
    }
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mailFrom)) throw new Error(`mailFrom must be an email address (got ${mailFrom})`);
    const routes = props.routes ?? deployedRoutes;
    const local = routes.filter((r) => r.localOnly);
    if (local.length) throw new Error(`Local-only routes cannot be deployed: ${local.map(routeKey).join(', ')}`);
    const access = props.access ?? GROUP_ACCESS;
    assertAccessCoversRoutes(routes, access);
    const jobs = props.jobs ?? allJobs;
    const jobAccess = props.jobAccess ?? JOB_ACCESS;
    assertAccessCoversJobs(jobs, jobAccess);

    // ---------------------------------------------------------------- Alarm topic (every alarm of the stack notifies it)
    this.alarms = new VigieAlarms(this, 'Alarms', { email: props.alarmEmail });
    const onFailure = new AlarmTopicDestination(this.alarms);

    // ---------------------------------------------------------------- DynamoDB
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of TABLE.gsis) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.name,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    this.idempotencyTable = new Table(this, 'IdempotencyTable', {
      partitionKey: { name: IDEMPOTENCY_TABLE.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_TABLE.ttlAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      // Records live for the idempotency window (TTL) and only replay responses: nothing worth keeping.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.idempotencyTable).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Powertools idempotency records expire (TTL) at the end of the idempotency window and only replay responses; there is nothing worth restoring, so point-in-time recovery would only cost.',
    });

    // ---------------------------------------------------------------- S3
    const secure: BucketProps = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    const logsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...secure,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    // (AwsSolutions-S1 does not flag it: cdk-nag recognises it as the access-log target of the other buckets.)
    const logged = (prefix: BucketName): BucketProps => ({ ...secure, serverAccessLogsBucket: logsBucket, serverAccessLogsPrefix: `${prefix}/` });
    this.buckets = {
      // Versioned so that an uploaded document cannot be silently replaced; old versions expire after a year.
      // Presigned forms write under incoming/ only; confirmation copies to documents/ (served) and deletes the
      // upload, so whatever stays under incoming/ (never confirmed, or a form replayed) expires (docs/documents.md).
      documents: new Bucket(this, 'DocumentsBucket', {
        ...logged('documents'),
        versioned: true,
        lifecycleRules: [
          { id: 'expire-noncurrent', noncurrentVersionExpiration: Duration.days(365) },
          {
            id: 'expire-incoming-uploads',
            prefix: 'incoming/',
            expiration: Duration.days(INCOMING_UPLOAD_EXPIRY_DAYS),
            noncurrentVersionExpiration: Duration.days(1),
          },
        ],
        // The browser uploads with the presigned POST and may fetch the presigned GET: from the web app only (any
        // CloudFront distribution without a custom domain: see CLOUDFRONT_ORIGINS). The presigned URL or form is
        // the credential; CORS only lets a page read the answer.
        cors: [
          {
            allowedOrigins: [props.webDomain ? `https://${props.webDomain.name}` : CLOUDFRONT_ORIGINS],
            allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
            allowedHeaders: ['*'],
            exposedHeaders: ['ETag'],
            maxAge: CORS_MAX_AGE_SECONDS,
          },
        ],
      }),
      // Write-once (docs/agreements.md): every object version is kept for the retention period, and in COMPLIANCE
      // mode (the default) no one, not even the account's root user, can delete it or shorten the retention.
      agreements: new Bucket(this, 'AgreementsBucket', {
        ...logged('agreements'),
        versioned: true,
        objectLockEnabled: true,
      }),
      exports: new Bucket(this, 'ExportsBucket', {
        ...logged('exports'),
        lifecycleRules: [{ id: 'expire-exports', expiration: Duration.days(EXPORT_EXPIRY_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      }),
    } satisfies Record<(typeof BUCKETS)[number], Bucket>;
    // Default retention in years (CDK's ObjectLockRetention only takes days, and 3650 days is not 10 years).
    (this.buckets.agreements.node.defaultChild as CfnBucket).objectLockConfiguration = {
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: props.agreementsLockMode ?? DEFAULT_AGREEMENTS_LOCK_MODE, years: retentionYears } },
    };

    // ---------------------------------------------------------------- Backups (AWS Backup: the table and the agreements bucket)
    this.backups = new VigieBackups(this, 'Backups', { table: this.table, agreements: this.buckets.agreements });

    // ---------------------------------------------------------------- SES: the sender's domain identity (DKIM)
    this.mail = new VigieMailIdentity(this, 'Mail', { mailFrom, configurationSetName: props.sesConfigurationSet });

    // ---------------------------------------------------------------- Cognito
    this.userPool = new UserPool(this, 'UserPool', {
      // Cognito's own emails (invitations, verification codes): from the stack's SES identity once it is verified
      // (context cognitoEmailViaSes, docs/aws.md); until then Cognito's default sender (no-reply@verificationemail.com).
      email: props.cognitoEmailViaSes
        ? UserPoolEmail.withSES({
            fromEmail: mailFrom,
            fromName: 'Vigie',
            sesVerifiedDomain: this.mail.domain,
            sesRegion: this.region,
            configurationSetName: props.sesConfigurationSet,
          })
        : undefined,
      userVerification: { emailStyle: VerificationEmailStyle.CODE, emailSubject: verificationEmail.subject, emailBody: verificationEmail.body },
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        // Set by administrators only (the web client cannot write it): binds a partner to its organization.
        organizationId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    ROLES.forEach((role, precedence) => {
      new UserPoolGroup(this, `Group${pascal(role)}`, {
        userPool: this.userPool,
        groupName: role,
        description: ROLE_DESCRIPTIONS[role],
        precedence,
      });
    });
    // The hosted UI (managed login, localized: the app passes lang=fr|en), on a Cognito prefix domain.
    const domainPrefix = props.authDomainPrefix ?? `${this.stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${this.account}`;
    // Its URL spelled from the prefix, not from the domain resource: the user pool's invitation names the
    // distribution, whose CSP names this URL, so the distribution may not depend on the domain resource (a cycle).
    this.hostedUiUrl = `https://${domainPrefix}.auth.${this.region}.amazoncognito.com`;
    this.authDomain = this.userPool.addDomain('HostedUiDomain', {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    // ---------------------------------------------------------------- HTTP API
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `${this.stackName}-api`,
      description: 'Vigie HTTP API (routes from shared/api/routes.ts)',
      createDefaultStage: false,
      // The web app calls the API on its own origin, through CloudFront under /api (./web-hosting.ts): CORS is
      // defence in depth only, and allows exactly the app's origin (apiCors).
      corsPreflight: apiCors(props.webDomain),
    });

    // ---------------------------------------------------------------- Web app (S3 + CloudFront, the API under /api)
    this.web = new VigieWeb(this, 'Web', {
      repoRoot: props.repoRoot,
      bucketProps: (prefix) => ({ ...secure, serverAccessLogsBucket: logsBucket, serverAccessLogsPrefix: `${prefix}/` }),
      api: this.api,
      // The token endpoint (the sign-in's code exchange) and the presigned uploads and downloads of documents.
      connectSrc: [this.hostedUiUrl, `https://${this.buckets.documents.bucketRegionalDomainName}`],
      domain: props.webDomain,
      webAclArn: props.webAclArn,
    });
    const webOrigin = this.web.origin;
    // The invitation names the app's address, known only now (the distribution is built after the user pool).
    const invitation = invitationEmail(webOrigin);
    (this.userPool.node.defaultChild as CfnUserPool).addPropertyOverride('AdminCreateUserConfig.InviteMessageTemplate', {
      EmailSubject: invitation.subject,
      EmailMessage: invitation.body,
    });

    // The web app's client: authorization code grant only (the app sends a PKCE S256 challenge), no secret.
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: WEB_SCOPES,
        callbackUrls: [`${webOrigin}${CALLBACK_PATH}`],
        logoutUrls: [`${webOrigin}${SIGN_OUT_PATH}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Time to finish the hosted UI's steps, the first TOTP enrolment included (3 minutes by default).
      authSessionValidity: Duration.minutes(10),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('organizationId'),
      // Not email (lawyer assignments match on it) and not custom:organizationId: only administrators set those.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    // Managed login needs a style per client: Cognito's own.
    new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    // ---------------------------------------------------------------- HTTP API stage
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_YEAR });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            sub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            responseLength: '$context.responseLength',
          }),
        ),
      },
    });

    const authorizer = new HttpUserPoolAuthorizer('Cognito', this.userPool, {
      userPoolClients: [this.webClient],
      identitySource: ['$request.header.Authorization'],
    });
    const noAuth = new HttpNoneAuthorizer();

    // ---------------------------------------------------------------- Lambdas, one per route group
    const resources = {
      table: this.table,
      tableIndexes: TABLE.gsis.map((g) => g.name),
      idempotencyTable: this.idempotencyTable,
      buckets: this.buckets,
      mailFrom,
      mailSendArns: this.mail.sendEmailResources,
      webOrigin,
    };
    // ---------------------------------------------------------------- Asynchronous workers (before the groups that start them)
    for (const worker of workers) {
      const w = new VigieWorker(this, `${pascal(worker.name)}Worker`, {
        worker,
        entry: jobEntry(worker, props.repoRoot),
        repoRoot: props.repoRoot,
        access: WORKER_ACCESS[worker.name],
        resources,
        onFailure,
        settings: {
          ...WORKER_SETTINGS[worker.name],
          environment: { ...WORKER_SETTINGS[worker.name]?.environment, NODE_OPTIONS: ['--enable-source-maps', ...worker.nodeFlags].join(' ') },
        },
      });
      this.workers.set(worker.name, w);
    }
    const workerEnv = (group: string) =>
      Object.fromEntries(
        workers.filter((w) => w.startedBy.includes(group)).map((w) => [workerFunctionEnv(w.name), this.workers.get(w.name)!.function.fn.functionName]),
      );

    const byGroup = new Map<RouteGroup, RouteDef[]>();
    for (const r of routes) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
    const outDir = entriesDir(props.repoRoot);
    for (const [group, groupRoutes] of byGroup) {
      const fn = new VigieFunction(this, `${pascal(group)}Function`, {
        group,
        entry: writeGroupEntry(group, groupRoutes, props.repoRoot, outDir),
        repoRoot: props.repoRoot,
        description: `Vigie "${group}" routes: ${groupRoutes.map(routeKey).join(', ')}`,
        access: access[group],
        resources,
        ...GROUP_SETTINGS[group],
        environment: { ...GROUP_SETTINGS[group]?.environment, ...workerEnv(group) },
      });
      this.functions.set(group, fn);
      // lambda:InvokeFunction on the worker's unqualified ARN only (grantInvoke would add its versions, `:*`).
      for (const w of workers.filter((d) => d.startedBy.includes(group))) {
        fn.role.addToPrincipalPolicy(
          new PolicyStatement({
            sid: `Start${pascal(w.name)}Worker`,
            actions: ['lambda:InvokeFunction'],
            resources: [this.workers.get(w.name)!.function.fn.functionArn],
          }),
        );
      }
      const integration = new HttpLambdaIntegration(`${pascal(group)}Integration`, fn.fn);
      for (const r of groupRoutes) {
        const [route] = this.api.addRoutes({
          path: r.path,
          methods: [HttpMethod[r.method]],
          integration,
          authorizer: r.roles === 'public' ? noAuth : authorizer,
        });
        if (r.roles === 'public' && route) {
          Validations.of(route).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${routeKey(r)} is public by design (roles: 'public' in shared/api/routes.ts: ${r.summary}); it needs no caller identity.`,
          });
        }
      }
    }

    // ---------------------------------------------------------------- Scheduled jobs
    for (const job of jobs) {
      const j = new VigieJob(this, `${pascal(job.name)}Job`, {
        job,
        entry: jobEntry(job, props.repoRoot),
        repoRoot: props.repoRoot,
        access: jobAccess[job.name]!,
        resources,
        onFailure,
      });
      this.jobs.set(job.name, j);
      new CfnOutput(this, `${pascal(job.name)}JobFunctionName`, {
        value: j.function.fn.functionName,
        description: `Lambda of the ${job.name} job (aws lambda invoke)`,
      });
    }

    // ---------------------------------------------------------------- API and table alarms
    this.apiAlarms = apiAlarms(this, this.api);
    this.tableThrottleAlarms = [
      tableThrottleAlarm(this, 'TableThrottlesAlarm', this.table, 'table'),
      tableThrottleAlarm(this, 'IdempotencyTableThrottlesAlarm', this.idempotencyTable, 'idempotency table'),
    ];

    // ---------------------------------------------------------------- Dashboard
    this.dashboard = vigieDashboard(this, {
      api: this.api,
      groups: this.functions,
      background: new Map([...this.jobs, ...this.workers].map(([n, j]) => [n, { function: j.function, deadLetterQueue: j.deadLetterQueue }])),
      tables: [this.table, this.idempotencyTable],
      alarms: this.node.findAll().filter((c): c is Alarm => c instanceof AlarmClass),
    });

    // ---------------------------------------------------------------- The web app's files and /config.json (public values only)
    this.webConfig = {
      auth: 'cognito',
      apiBaseUrl: API_PATH_PREFIX,
      cognito: {
        domain: this.authDomain.baseUrl(),
        clientId: this.webClient.userPoolClientId,
        redirectUri: `${webOrigin}${CALLBACK_PATH}`,
        logoutUri: `${webOrigin}${SIGN_OUT_PATH}`,
        scopes: WEB_SCOPES.map((s) => s.scopeName),
        // As the API's JWT authorizer checks it (HttpUserPoolAuthorizer's issuer; ProviderURL has no scheme).
        issuer: `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`,
      },
    };
    this.web.deploy(this.webConfig);

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'WebUrl', { value: webOrigin, description: 'The web app (CloudFront); the API is also at <WebUrl>/api' });
    new CfnOutput(this, 'DistributionId', { value: this.web.distribution.distributionId });
    new CfnOutput(this, 'WebBucketName', { value: this.web.bucket.bucketName });
    new CfnOutput(this, 'HostedUiUrl', { value: this.authDomain.baseUrl(), description: 'Cognito managed login (hosted UI)' });
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url, description: 'Base URL of the HTTP API (execute-api)' });
    new CfnOutput(this, 'Region', { value: this.region });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'Every alarm notifies this topic (aws sns subscribe to add a recipient)',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.webClient.userPoolClientId, description: 'Web app client (no secret, authorization code + PKCE)' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BackupVaultName', { value: this.backups.vault.backupVaultName });
    new CfnOutput(this, 'BackupRoleArn', {
      value: this.backups.role.roleArn,
      description: 'The role AWS Backup assumes (aws backup start-restore-job --iam-role-arn)',
    });
    new CfnOutput(this, 'IdempotencyTableName', { value: this.idempotencyTable.tableName });
    for (const [name, bucket] of Object.entries(this.buckets)) {
      new CfnOutput(this, `${pascal(name)}BucketName`, { value: bucket.bucketName });
    }
  }
}
