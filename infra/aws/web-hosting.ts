/**
 * The web app in AWS: web/dist in a private S3 bucket behind CloudFront (origin access control), with the HTTP
 * API on the same distribution under /api, so that the app calls its API on its own origin (no CORS, CSP
 * `connect-src 'self'`). docs/aws.md ("Web app") describes every choice below.
 *
 * - `/*` → the web bucket. A CloudFront Function serves index.html for every page path (deep links, the email
 *   links, /auth/callback); files (`/assets/*`, top-level files such as /config.json) are served as they are, and
 *   a missing one is S3's 403, not the app.
 * - `/api/*` → the HTTP API's `$default` stage, `/api` stripped by a CloudFront Function; no caching, every
 *   viewer header but Host forwarded (Authorization included: AWS allows it with caching disabled).
 * - One response-headers policy on both: the CSP of the local server (infra/local/web-static.ts) with the
 *   Cognito domain and the documents bucket's regional endpoint in `connect-src`, HSTS, nosniff, DENY,
 *   same-origin referrer and opener policies.
 * - The build: `Source.asset(web/)` bundled locally by Vite into the asset (offline, no Docker; skipped when
 *   bundling is, as in the CDK tests), keyed by the hash of web/'s sources and the lockfile. Two deployments:
 *   the hashed assets (immutable, never pruned: an open tab may still load an old chunk), then index.html,
 *   favicon and /config.json (`no-cache`). /config.json is written at deploy time with the Cognito settings.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AssetHashType, DockerImage, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as CloudFrontFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, ObjectOwnership, type BucketProps, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { webSourceHash } from '../local/web-build';
import { contentSecurityPolicy, RUNTIME_CONFIG_PATH, SECURITY_HEADERS } from '../local/web-static';
import type { RuntimeConfig } from '../../web/src/auth/runtime-config';

/** Where the distribution serves the HTTP API (the app's `apiBaseUrl`). */
export const API_PATH_PREFIX = '/api';
/** HSTS max-age: two years (the value hstspreload.org asks for). */
export const HSTS_MAX_AGE = Duration.days(730);
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE = 'no-cache';

/**
 * CloudFront Function (viewer request, default behavior): any path that is not a file of the build is a page
 * of the app → /index.html. Files: under /assets/, or a top-level name with an extension (/config.json,
 * /favicon.svg). Deep paths never are, whatever their dots (ids, emails).
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (!(uri.indexOf('/assets/') === 0 || /^\\/[^/]+\\.[A-Za-z0-9]+$/.test(uri))) request.uri = '/index.html';
  return request;
}`;

/** CloudFront Function (viewer request, /api/*): `/api/projects/1` → `/projects/1` at the API. */
export const API_PREFIX_STRIP_CODE = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.substring(${API_PATH_PREFIX.length}) || '/';
  return request;
}`;

export interface WebDomain {
  /** e.g. vigie.pole.example: a CNAME (or alias) to the distribution, made outside this stack. */
  name: string;
  /** An ACM certificate for that name, in us-east-1 (CloudFront's region). */
  certificateArn: string;
}

export interface VigieWebProps {
  repoRoot: string;
  /** Props of a private, TLS-only bucket that logs to the access-log bucket under `prefix`. */
  bucketProps: (prefix: string) => BucketProps;
  api: HttpApi;
  /** Origins the page may fetch besides its own (CSP connect-src): the Cognito domain, the documents bucket. */
  connectSrc: string[];
  domain?: WebDomain;
  /** A WAF web ACL (CLOUDFRONT scope, us-east-1) to attach. */
  webAclArn?: string;
}

export class VigieWeb extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  /** `https://<custom domain or distribution domain>`: the app's origin (callback URLs, email links). */
  readonly origin: string;
  private readonly repoRoot: string;

  constructor(scope: Construct, id: string, props: VigieWebProps) {
    super(scope, id);
    this.repoRoot = props.repoRoot;
    const stack = Stack.of(this);

    this.bucket = new Bucket(this, 'Bucket', props.bucketProps('web'));
    // CloudFront standard logs are written with the awslogsdelivery ACL: this bucket alone has ACLs enabled.
    this.logBucket = new Bucket(this, 'CloudFrontLogsBucket', {
      ...props.bucketProps('cloudfront-logs'),
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-cloudfront-logs', expiration: Duration.days(365) }],
    });

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Vigie: CSP, HSTS, nosniff, no framing, same-origin referrer and opener',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.connectSrc), override: true },
        strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cross-Origin-Opener-Policy', value: SECURITY_HEADERS['cross-origin-opener-policy'], override: true }],
      },
    });

    const fn = (name: string, code: string, comment: string) =>
      new CloudFrontFunction(this, name, { code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0, comment });
    const spaRewrite = fn('SpaRewrite', SPA_REWRITE_CODE, 'Vigie: page paths → /index.html');
    const apiPrefix = fn('ApiPrefix', API_PREFIX_STRIP_CODE, `Vigie: strip ${API_PATH_PREFIX} before the HTTP API`);

    const apiDomain = `${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${stack.stackName}: web app (S3) and HTTP API (${API_PATH_PREFIX}/*)`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: spaRewrite }],
      },
      additionalBehaviors: {
        [`${API_PATH_PREFIX}/*`]: {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            readTimeout: Duration.seconds(30),
          }),
          // A redirect would turn a POST into a GET: plain HTTP is refused.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.headers,
          functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: apiPrefix }],
        },
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America edges: the pôle's users are in Europe.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'distribution/',
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.origin = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: partners of the pôle’s projects work from several countries (Switzerland, the US…); access is by Cognito account with MFA, not by location.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL by default (a CLOUDFRONT-scope ACL costs per month and per rule): sign-in is Cognito’s (Plus threat protection), the API stage is throttled, every API call needs a token. Deploy with -c webAclArn=<us-east-1 web ACL ARN> to attach one.',
      });
    }
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose minimum protocol CloudFront fixes at TLSv1 (browsers negotiate TLS 1.2/1.3). Deploy with -c webDomain=… -c webCertificateArn=… for TLSv1.2_2021.',
      });
    }
  }

  /**
   * Uploads the build and `/config.json`. `config` may hold deploy-time values (the client id, the domain…):
   * BucketDeployment resolves them when it writes the file.
   */
  deploy(config: RuntimeConfig): void {
    const webDir = join(this.repoRoot, 'web');
    const vite = join(this.repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const build = Source.asset(webDir, {
      assetHash: webSourceHash(webDir),
      assetHashType: AssetHashType.CUSTOM,
      bundling: {
        // Never pulled: the local build below always succeeds or throws.
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24-slim'),
        local: {
          tryBundle(outputDir: string) {
            execFileSync(process.execPath, [vite, 'build', webDir, '--outDir', outputDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
            return true;
          },
        },
      },
    });
    // aws-cdk-lib's deployment Lambda (one for both deployments), with a role and a log group of its own instead
    // of AWSLambdaBasicExecutionRole (logs:* on every log group).
    const logGroup = new LogGroup(this, 'DeployLogs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Vigie: copies the web app build from the CDK assets bucket to the web bucket (BucketDeployment)',
    });
    logGroup.grantWrite(role);
    const common = { destinationBucket: this.bucket, role, logGroup, prune: false } as const;
    const assets = new BucketDeployment(this, 'DeployAssets', {
      ...common,
      sources: [build],
      exclude: ['*'],
      include: ['assets/*'],
      cacheControl: [CacheControl.fromString(IMMUTABLE_CACHE)],
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      ...common,
      sources: [build, Source.jsonData(RUNTIME_CONFIG_PATH.slice(1), config)],
      exclude: ['assets/*', '.source-hash'],
      cacheControl: [CacheControl.fromString(REVALIDATE_CACHE)],
    });
    // index.html names the new chunks: they must be there first.
    pages.node.addDependency(assets);
    this.acknowledgeDeployment(role);
  }

  /** cdk-nag on aws-cdk-lib's deployment handler: what its grants are, and why they stay. */
  private acknowledgeDeployment(role: Role): void {
    const stack = Stack.of(this);
    const policy = role.node.tryFindChild('DefaultPolicy');
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const reasons: Record<string, string> = {
      'Action::s3:GetObject*':
        'BucketDeployment reads the zipped build from the CDK assets bucket and lists/reads the web bucket (s3 sync): grantRead’s action groups, on those two buckets only.',
      'Action::s3:GetBucket*': 'BucketDeployment (s3 sync) reads the location and settings of the CDK assets bucket and of the web bucket only.',
      'Action::s3:List*': 's3 sync lists the CDK assets bucket and the web bucket only (grantRead / grantReadWrite on them).',
      'Action::s3:DeleteObject*': 'grantReadWrite on the web bucket (the only destination); prune is off, so the handler deletes nothing in practice.',
      'Action::s3:Abort*': 'Multipart uploads of the build to the web bucket (grantReadWrite on that bucket only).',
      [`Resource::<${bucketId}.Arn>/*`]: 'Objects of the web bucket: the app’s files have generated (hashed) names; the web bucket holds nothing else.',
      [`Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*`]:
        'Objects of the CDK bootstrap assets bucket, where `cdk deploy` uploads the zipped build under a content hash: read only.',
    };
    if (policy) {
      for (const [appliesTo, reason] of Object.entries(reasons)) Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[${appliesTo}]`, reason });
    }
    // The singleton handler lives at the stack's root (one per stack, whatever the number of deployments).
    for (const c of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      Validations.of(c).acknowledge({
        id: 'Serverless-LambdaLatestVersion',
        reason:
          'aws-cdk-lib’s BucketDeployment handler (Python, with the AWS CLI layer) chooses its own runtime and moves with aws-cdk-lib; it runs only during `cdk deploy`, never on a request.',
      });
      Validations.of(c).acknowledge({
        id: 'Serverless-LambdaTracing',
        reason:
          'aws-cdk-lib’s BucketDeployment handler copies the web build once per `cdk deploy`; its outcome is the CloudFormation event of the deployment, and it exposes no tracing option.',
      });
      Validations.of(c).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason:
          'aws-cdk-lib’s BucketDeployment handler is a CloudFormation custom resource: a failure fails (and rolls back) the deployment that called it, which is where it is seen; there is no event to keep.',
      });
      Validations.of(c).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'aws-cdk-lib’s BucketDeployment handler (Python, with the AWS CLI layer) chooses its own runtime and moves with aws-cdk-lib; it runs only during `cdk deploy`, never on a request.',
      });
    }
  }
}
