/**
 * Builds the CDK app: the Vigie stack plus cdk-nag's AwsSolutions checks (a CDK policy-validation plugin
 * in cdk-nag 3: synth fails on any finding that is not acknowledged with a reason).
 * Shared by infra/aws/app.ts (the `cdk` entry) and test/infra.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { findRepoRoot } from './group-entry';
import { AGREEMENTS_LOCK_MODES, DEFAULT_MAIL_FROM, VigieStack, type AgreementsLockMode } from './vigie-stack';

export interface BuildOptions {
  /** An App to build into (tests pass one with `aws:cdk:bundling-stacks: []`). */
  app?: App;
  repoRoot?: string;
  /**
   * Register cdk-nag's AwsSolutions checks on the app (default true). Tests that assert on the template
   * turn it off so that a nag finding fails the nag test only, not every test through synth.
   */
  nag?: boolean;
}

/**
 * Feature flags the stack relies on (also in cdk.json; set here too so that a test App gets them).
 * serverAccessLogsUseBucketPolicy: the access-log bucket grants logging.s3.amazonaws.com through its bucket
 * policy instead of the LogDeliveryWrite ACL, so every bucket keeps ACLs disabled (BucketOwnerEnforced).
 */
export const FEATURE_FLAGS: Record<string, boolean> = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
};

/** Context `agreementsRetentionYears` (a number, or a string from `-c agreementsRetentionYears=7`); undefined → the default. */
function retentionYears(v: unknown): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw new Error(`agreementsRetentionYears must be a whole number of years (got ${JSON.stringify(v)})`);
  return n;
}

/** Context `agreementsLockMode`: COMPLIANCE (production, the default) or GOVERNANCE (a trial account). */
/** `-c cognitoEmailViaSes=true` (a string on the command line, a boolean in cdk.json). */
function flag(name: string, v: unknown): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new Error(`${name} must be true or false (got ${JSON.stringify(v)})`);
}

function lockMode(v: string | undefined): AgreementsLockMode | undefined {
  if (v === undefined) return undefined;
  const mode = v.toUpperCase();
  if (!(AGREEMENTS_LOCK_MODES as readonly string[]).includes(mode))
    throw new Error(`agreementsLockMode must be COMPLIANCE or GOVERNANCE (got ${JSON.stringify(v)})`);
  return mode as AgreementsLockMode;
}

export function buildVigieApp(options: BuildOptions = {}): { app: App; stack: VigieStack; nag: AwsSolutionsChecks; serverless: ServerlessChecks } {
  const app = options.app ?? new App();
  for (const [flag, value] of Object.entries(FEATURE_FLAGS)) {
    if (app.node.tryGetContext(flag) === undefined) app.node.setContext(flag, value);
  }
  const context = (key: string): string | undefined => {
    const v: unknown = app.node.tryGetContext(key);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  if (context('webOrigin') !== undefined) {
    throw new Error(
      'Context webOrigin is gone: the web app is served by the stack (CloudFront), so its origin is the distribution’s, or -c webDomain=<host> -c webCertificateArn=<us-east-1 ACM ARN> (docs/aws.md)',
    );
  }
  if (app.node.tryGetContext('agreementRetentionYears') !== undefined) {
    throw new Error('Context agreementRetentionYears is now agreementsRetentionYears (with agreementsLockMode: COMPLIANCE or GOVERNANCE; docs/aws.md)');
  }
  const webDomain = context('webDomain');
  const webCertificateArn = context('webCertificateArn');
  if (!webDomain !== !webCertificateArn) throw new Error('webDomain and webCertificateArn go together (the certificate of that name, in us-east-1)');
  const stack = new VigieStack(app, context('stackName') ?? 'Vigie', {
    description: 'Vigie: IP-protection and collaboration-agreement workflow (infra/aws)',
    repoRoot: options.repoRoot ?? findRepoRoot(),
    webDomain: webDomain && webCertificateArn ? { name: webDomain, certificateArn: webCertificateArn } : undefined,
    webAclArn: context('webAclArn'),
    authDomainPrefix: context('authDomainPrefix'),
    mailFrom: context('mailFrom') ?? DEFAULT_MAIL_FROM,
    sesConfigurationSet: context('sesConfigurationSet'),
    cognitoEmailViaSes: flag('cognitoEmailViaSes', app.node.tryGetContext('cognitoEmailViaSes')),
    alarmEmail: context('alarmEmail'),
    agreementRetentionYears: retentionYears(app.node.tryGetContext('agreementsRetentionYears')),
    agreementsLockMode: lockMode(context('agreementsLockMode')),
  });
  Tags.of(stack).add('project', 'vigie');
  const nag = new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: options.nag !== false });
  const serverless = new ServerlessChecks(app, { verbose: true, writeSuppressionsToCloudFormation: options.nag !== false });
  if (options.nag !== false) Validations.of(app).addPlugins(nag, serverless);
  return { app, stack, nag, serverless };
}
