/**
 * Assertions on the synthesized Vigie stack (no snapshots). Bundling is skipped
 * (`aws:cdk:bundling-stacks: []`), so no esbuild run: `npx cdk synth -q` covers the bundles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Token, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { deployedRoutes, jobs, routeKey, routes, workers, type JobDef, type RouteDef } from '../../shared/api/routes';
import { ROLES } from '../../shared/domain/access';
import { IDEMPOTENCY_TABLE, TABLE } from '../../shared/store/table-def';
import { buildVigieApp, FEATURE_FLAGS } from '../../infra/aws/build-app';
import { assertAccessCoversJobs, assertAccessCoversRoutes, DIGEST_PK_PREFIX, GROUP_ACCESS, JOB_ACCESS, type GroupAccess } from '../../infra/aws/group-access';
import { findRepoRoot, groupEntrySource, handlerFile, jobEntry, writeGroupEntry } from '../../infra/aws/group-entry';
import { JOB_TIMEOUT } from '../../infra/aws/vigie-job';
import { COGNITO_SUBJECT_MAX, verificationEmail } from '../../infra/aws/cognito-messages';
import { DEFAULT_AGREEMENT_RETENTION_YEARS, EXPORT_EXPIRY_DAYS, INCOMING_UPLOAD_EXPIRY_DAYS, VigieStack } from '../../infra/aws/vigie-stack';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const repoRoot = findRepoRoot();
const testApp = (context: Record<string, unknown> = {}) => new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
const customDomain = {
  webDomain: 'vigie.pole.example',
  webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
};

let stack: VigieStack;
let nag: ReturnType<typeof buildVigieApp>['nag'];
let serverless: ReturnType<typeof buildVigieApp>['serverless'];
let template: Template;
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type) as [string, Resource][];
/** aws-cdk-lib's BucketDeployment handler (the web app's upload, at deploy time only) is not one of Vigie's functions. */
const isDeployHandler = (id: string) => id.startsWith('CustomCDKBucketDeployment');
const vigieFunctions = () => ofType('AWS::Lambda::Function').filter(([id]) => !isDeployHandler(id));
const logicalId = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as any);
/** IAM statements of every inline policy, by the logical id of the role they are attached to. */
const statementsByRole = (res: Record<string, Resource>): Map<string, any[]> => {
  const out = new Map<string, any[]>();
  for (const r of Object.values(res)) {
    if (r.Type !== 'AWS::IAM::Policy') continue;
    for (const s of r.Properties.PolicyDocument.Statement) {
      for (const role of r.Properties.Roles) out.set(role.Ref, [...(out.get(role.Ref) ?? []), s]);
    }
  }
  return out;
};
const actionsOf = (statements: readonly any[] = []) => new Set(statements.flatMap((s) => [s.Action].flat() as string[]));
/** The literal tail of an ARN built with Fn::Join (`:identity/pole.example`), or the ARN itself. */
const arnTail = (arn: any): string => (typeof arn === 'string' ? arn : String(arn['Fn::Join'][1].at(-1)));

beforeAll(() => {
  // Without the nag plugin on this app: a finding fails the cdk-nag tests below, not every synth here.
  ({ stack, nag, serverless } = buildVigieApp({ app: testApp(), repoRoot, nag: false }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

describe('HTTP API', () => {
  const routeResources = () => ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

  test('routes are exactly deployedRoutes (no local-only route)', () => {
    const deployed = routeResources()
      .map((p) => p.RouteKey as string)
      .sort();
    expect(deployed).toEqual(deployedRoutes.map(routeKey).sort());
    for (const local of routes.filter((r) => r.localOnly)) expect(deployed).not.toContain(routeKey(local));
  });

  test('public routes have no authorizer; every other route uses the Cognito JWT authorizer', () => {
    const [[authorizerId, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: logicalId(stack.webClient) }] },
    });
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain(logicalId(stack.userPool));
    const byKey = new Map(routeResources().map((p) => [p.RouteKey as string, p]));
    for (const r of deployedRoutes) {
      const p = byKey.get(routeKey(r));
      if (r.roles === 'public') {
        expect({ key: routeKey(r), type: p?.AuthorizationType, id: p?.AuthorizerId }).toEqual({ key: routeKey(r), type: 'NONE', id: undefined });
      } else {
        expect({ key: routeKey(r), type: p?.AuthorizationType, id: p?.AuthorizerId }).toEqual({ key: routeKey(r), type: 'JWT', id: { Ref: authorizerId } });
      }
    }
  });

  test("each route is served by its group's Lambda, one Lambda per group", () => {
    const groups = [...new Set(deployedRoutes.map((r) => r.group))].sort();
    expect([...stack.functions.keys()].sort()).toEqual(groups);
    // …plus one per scheduled job, and nothing else.
    expect(vigieFunctions()).toHaveLength(groups.length + jobs.length + workers.length);
    expect(ofType('AWS::Lambda::Function').filter(([id]) => isDeployHandler(id))).toHaveLength(1);
    const integrationFn = new Map(ofType('AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, r.Properties.IntegrationUri['Fn::GetAtt'][0] as string]));
    const byKey = new Map(routeResources().map((p) => [p.RouteKey as string, p]));
    for (const r of deployedRoutes) {
      const target = byKey.get(routeKey(r))?.Target['Fn::Join'][1][1].Ref as string;
      expect({ route: routeKey(r), fn: integrationFn.get(target) }).toEqual({ route: routeKey(r), fn: logicalId(stack.functions.get(r.group)!.fn) });
    }
  });

  test('no CORS: the web app calls the API on its own origin (CloudFront, under /api), so no other origin may read it', () => {
    const [[, api]] = ofType('AWS::ApiGatewayV2::Api') as [[string, Resource]];
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  test('the Lambdas link to the web app: WEB_ORIGIN is the distribution (or the custom domain of context webDomain)', () => {
    const distribution = logicalId(stack.web.distribution);
    for (const [, fn] of vigieFunctions()) {
      expect(fn.Properties.Environment.Variables.WEB_ORIGIN).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] });
    }
    const { stack: other } = buildVigieApp({ app: testApp(customDomain), repoRoot, nag: false });
    Template.fromStack(other).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ WEB_ORIGIN: 'https://vigie.pole.example' }) },
    });
    // The former context key is refused with the way forward.
    expect(() => buildVigieApp({ app: testApp({ webOrigin: 'https://vigie.example.org' }), repoRoot, nag: false })).toThrow(/webDomain/);
  });

  test('the stage writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });
});

describe('DynamoDB', () => {
  test('the single table follows TABLE (pk/sk, GSIs with ALL projection), PITR, deletion protection, retained', () => {
    const table = resources[logicalId(stack.table)]!;
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      TABLE.gsis.map((g) => ({
        IndexName: g.name,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const attrs = [TABLE.partitionKey, TABLE.sortKey, ...TABLE.gsis.flatMap((g) => [g.partitionKey, g.sortKey])];
    expect(table.Properties.AttributeDefinitions).toEqual(attrs.map((a) => ({ AttributeName: a, AttributeType: 'S' })));
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
    });
    expect(table.Properties.SSESpecification.KMSMasterKeyId).toBeUndefined(); // AWS managed key
    expect([table.DeletionPolicy, table.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  test('AWS Backup: a daily plan keeping 35 days, in a vault with its own retained, rotated KMS key, selecting the table and the agreements bucket', () => {
    const [[, vault]] = ofType('AWS::Backup::BackupVault') as [[string, Resource]];
    expect(vault.Properties.EncryptionKeyArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.backups.key), 'Arn'] });
    expect(vault.DeletionPolicy).toBe('Retain');
    const key = resources[logicalId(stack.backups.key)]!;
    expect([key.Properties.EnableKeyRotation, key.DeletionPolicy]).toEqual([true, 'Retain']);
    const [[, plan]] = ofType('AWS::Backup::BackupPlan') as [[string, Resource]];
    expect(plan.Properties.BackupPlan.BackupPlanRule).toEqual([
      expect.objectContaining({ ScheduleExpression: 'cron(0 3 * * ? *)', Lifecycle: { DeleteAfterDays: 35 }, TargetBackupVault: expect.anything() }),
    ]);
    const [[, selection]] = ofType('AWS::Backup::BackupSelection') as [[string, Resource]];
    expect(selection.Properties.BackupSelection.Resources).toEqual([
      { 'Fn::GetAtt': [logicalId(stack.table), 'Arn'] },
      { 'Fn::GetAtt': [logicalId(stack.buckets.agreements), 'Arn'] },
    ]);
    const role = resources[logicalId(stack.backups.role)]!.Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({ Principal: { Service: 'backup.amazonaws.com' } })]);
    expect(JSON.stringify(role.ManagedPolicyArns)).toMatch(
      /AWSBackupServiceRolePolicyForBackup.*AWSBackupServiceRolePolicyForRestores.*ForS3Backup.*ForS3Restore/,
    );
    // What the restore steps of docs/aws.md read from the outputs.
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.BackupVaultName!.Value).toEqual({ 'Fn::GetAtt': [logicalId(stack.backups.vault), 'BackupVaultName'] });
    expect(outputs.BackupRoleArn!.Value).toEqual({ 'Fn::GetAtt': [logicalId(stack.backups.role), 'Arn'] });
  });

  test('the idempotency table has the key and TTL attribute Powertools uses', () => {
    const table = resources[logicalId(stack.idempotencyTable)]!;
    expect(table.Properties.KeySchema).toEqual([{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, KeyType: 'HASH' }]);
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: IDEMPOTENCY_TABLE.ttlAttribute, Enabled: true });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
  });
});

describe('Lambda', () => {
  const newestNodeLts = () =>
    Runtime.ALL.map((r) => /^nodejs(\d+)\.x$/.exec(r.name))
      .filter((m): m is RegExpExecArray => !!m && Number(m[1]) % 2 === 0)
      .map((m) => Number(m[1]))
      .sort((a, b) => b - a)[0];

  test('newest Node.js LTS runtime, arm64, tracing, memory 512-1024 MB, timeout under the API limit (jobs: JOB_TIMEOUT), own log group', () => {
    const jobFunctions = new Set([...stack.jobs.values()].map((j) => logicalId(j.function.fn)));
    const workerTimeouts = new Map([...stack.workers].map(([name, w]) => [logicalId(w.function.fn), workers.find((d) => d.name === name)!.timeoutSeconds]));
    const fns = vigieFunctions();
    expect(fns.length).toBeGreaterThan(0);
    for (const [id, fn] of fns) {
      const p = fn.Properties;
      expect(p.Runtime).toBe(`nodejs${newestNodeLts()}.x`);
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.MemorySize).toBeGreaterThanOrEqual(512);
      expect(p.MemorySize).toBeLessThanOrEqual(1024);
      if (jobFunctions.has(id)) {
        expect({ id, timeout: p.Timeout }).toEqual({ id, timeout: JOB_TIMEOUT.toSeconds() });
      } else if (workerTimeouts.has(id)) {
        expect({ id, timeout: p.Timeout }).toEqual({ id, timeout: workerTimeouts.get(id) });
        expect(p.Timeout).toBeLessThanOrEqual(900);
      } else {
        expect(p.Timeout).toBeGreaterThanOrEqual(10);
        expect(p.Timeout).toBeLessThanOrEqual(29);
      }
      expect(p.Handler).toBe('index.handler');
      expect(p.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
    }
    for (const [, lg] of ofType('AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays).toEqual(expect.any(Number));
  });

  test('every Lambda gets every variable shared/store/config.ts reads, plus the Powertools ones', () => {
    const source = readFileSync(join(repoRoot, 'shared/store/config.ts'), 'utf8');
    const names = [...source.matchAll(/env\('([A-Z0-9_]+)'/g)].map((m) => m[1]!);
    expect(names).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'IDEMPOTENCY_TABLE_NAME', 'DOCUMENTS_BUCKET', 'AGREEMENTS_BUCKET', 'EXPORTS_BUCKET', 'MAIL_FROM', 'WEB_ORIGIN']),
    );
    for (const [, fn] of vigieFunctions()) {
      const vars = fn.Properties.Environment.Variables;
      for (const n of names) expect({ n, defined: vars[n] !== undefined }).toEqual({ n, defined: true });
      expect(vars).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'vigie', POWERTOOLS_LOG_LEVEL: 'INFO', TABLE_NAME: { Ref: logicalId(stack.table) } });
    }
  });

  test('least privilege: no managed policies, no wildcard action, data grants follow GROUP_ACCESS and JOB_ACCESS', () => {
    // (Except the role AWS Backup assumes: the four policies AWS documents for it, tested with the backups.)
    const backupRole = logicalId(stack.backups.role);
    for (const [id, role] of ofType('AWS::IAM::Role').filter(([id]) => id !== backupRole))
      expect({ id, m: role.Properties.ManagedPolicyArns }).toEqual({ id, m: undefined });
    // (The web app's deployment role has the S3 grants of BucketDeployment: tested with the web app.)
    const deployRole = logicalId(stack.web.node.findChild('DeployRole'));
    for (const [, policy] of ofType('AWS::IAM::Policy').filter(([, p]) => !p.Properties.Roles.some((r: any) => r.Ref === deployRole))) {
      for (const s of policy.Properties.PolicyDocument.Statement) {
        for (const a of [s.Action].flat()) expect(a).not.toMatch(/\*/);
      }
    }
    const statementsOfRole = statementsByRole(resources);
    const checked: [string, GroupAccess, IConstruct][] = [
      ...[...stack.functions].map(([group, fn]): [string, GroupAccess, IConstruct] => [group, GROUP_ACCESS[group as keyof typeof GROUP_ACCESS], fn.role]),
      ...[...stack.jobs].map(([name, job]): [string, GroupAccess, IConstruct] => [`job ${name}`, JOB_ACCESS[name]!, job.function.role]),
    ];
    for (const [group, access, role] of checked) {
      const actions = actionsOf(statementsOfRole.get(logicalId(role)));
      expect({ group, read: actions.has('dynamodb:Query') }).toEqual({ group, read: !!access.table });
      expect({ group, write: actions.has('dynamodb:PutItem') }).toEqual({ group, write: access.table === 'readwrite' || !!access.idempotency });
      expect({ group, mail: actions.has('ses:SendEmail') }).toEqual({ group, mail: !!access.sendMail });
      expect({ group, s3: [...actions].some((a) => a.startsWith('s3:')) }).toEqual({ group, s3: Object.keys(access.buckets ?? {}).length > 0 });
      expect(actions.has('dynamodb:Scan')).toBe(false);
    }
  });

  test('agreements: the only function with the fonts (VIGIE_FONT_DIR), 1024 MB, 29 s; the only one that may read or write the agreements bucket', () => {
    const fnOf = (group: string) => resources[logicalId(stack.functions.get(group)!.fn)]!.Properties;
    expect(fnOf('agreements')).toMatchObject({ MemorySize: 1024, Timeout: 29, Environment: { Variables: { VIGIE_FONT_DIR: '/var/task/fonts' } } });
    for (const group of stack.functions.keys()) if (group !== 'agreements') expect(fnOf(group).Environment.Variables.VIGIE_FONT_DIR).toBeUndefined();
    const statementsOfRole = statementsByRole(resources);
    const bucketId = logicalId(stack.buckets.agreements);
    const touching = [...stack.functions, ...[...stack.jobs].map(([n, j]) => [n, j.function] as const)]
      .filter(([, fn]) => JSON.stringify(statementsOfRole.get(logicalId(fn.role)) ?? []).includes(bucketId))
      .map(([name]) => name);
    expect(touching).toEqual(['agreements']);
    const statements = statementsOfRole.get(logicalId(stack.functions.get('agreements')!.role))!;
    const sid = (id: string) => statements.find((s) => s.Sid === id);
    expect(sid('AgreementsObjects')).toMatchObject({ Action: ['s3:GetObject', 's3:PutObject'] });
    expect(JSON.stringify(sid('AgreementsObjects')!.Resource)).toContain(bucketId);
    expect(sid('AgreementsList')).toMatchObject({ Action: 's3:ListBucket' });
    expect(sid('DocumentsObjects')).toMatchObject({ Action: 's3:GetObject' });
    expect(JSON.stringify(sid('DocumentsObjects')!.Resource)).toContain(logicalId(stack.buckets.documents));
    expect(sid('TableWrite')).toMatchObject({
      Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PROJ#*', 'AUDIT#*'] } },
    });
    expect(actionsOf(statements).has('s3:DeleteObject')).toBe(false);
  });

  test('the SES domain identity of mailFrom is created with Easy DKIM (2048-bit), no configuration set by default', () => {
    const identities = ofType('AWS::SES::EmailIdentity');
    expect(identities).toHaveLength(1);
    expect(identities[0]![1].Properties).toMatchObject({
      EmailIdentity: 'pole.example',
      DkimAttributes: { SigningEnabled: true },
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
    expect(ofType('AWS::SES::ConfigurationSet')).toHaveLength(0);
    // The three CNAMEs to publish are outputs.
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.MailIdentity!.Value).toBe('pole.example');
    for (const i of [1, 2, 3]) expect(JSON.stringify(outputs[`MailDkimRecord${i}`]!.Value)).toContain(`DkimDNSTokenName${i}`);
  });

  /** ses:SendEmail statements of a role, each as its action and the logical ids its resources name. */
  const sesGrants = (res: Record<string, Resource>, roleId: string) =>
    (statementsByRole(res).get(roleId) ?? [])
      .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('ses:')))
      .map((s) => ({ action: s.Action, resources: [s.Resource].flat().map((r: unknown) => JSON.stringify(r)) }));

  test("ses:SendEmail is wired for every sendMail group or job, on the stack's SES identity only", () => {
    const identityId = logicalId(stack.mail.identity);
    const mailers = [
      ...[...stack.functions].filter(([g]) => GROUP_ACCESS[g as keyof typeof GROUP_ACCESS].sendMail).map(([, fn]) => fn.role),
      ...[...stack.jobs].filter(([n]) => JOB_ACCESS[n]!.sendMail).map(([, j]) => j.function.role),
    ];
    expect(mailers.length).toBeGreaterThan(0);
    for (const role of mailers) {
      const grants = sesGrants(resources, logicalId(role));
      expect(grants).toHaveLength(1);
      expect(grants[0]!.action).toBe('ses:SendEmail');
      expect(grants[0]!.resources).toHaveLength(1);
      expect(grants[0]!.resources[0]).toContain(`"Ref":"${identityId}"`);
      expect(grants[0]!.resources[0]).toContain(':identity/');
    }
    // The others may not send at all.
    const others = [...stack.functions].filter(([g]) => !GROUP_ACCESS[g as keyof typeof GROUP_ACCESS].sendMail).map(([, fn]) => fn.role);
    for (const role of [...others, ...[...stack.workers.values()].map((w) => w.function.role)]) expect(sesGrants(resources, logicalId(role))).toEqual([]);
  });

  test("the SES identity follows the mailFrom context; sesConfigurationSet adds a configuration set, the identity's default, granted too", () => {
    const { stack: other } = buildVigieApp({
      app: testApp({ mailFrom: 'alertes@vigie.pole.example.org', sesConfigurationSet: 'vigie-mail' }),
      repoRoot,
      nag: false,
    });
    const res = Template.fromStack(other).toJSON().Resources as Record<string, Resource>;
    const identity = res[logicalId(other.mail.identity)]!.Properties;
    expect(identity.EmailIdentity).toBe('vigie.pole.example.org');
    expect(identity.ConfigurationSetAttributes).toEqual({ ConfigurationSetName: { Ref: logicalId(other.mail.configurationSet!) } });
    expect(res[logicalId(other.mail.configurationSet!)]!.Properties).toMatchObject({
      Name: 'vigie-mail',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    const job = other.jobs.get('reminders')!;
    const [grant] = sesGrants(res, logicalId(job.function.role));
    expect(grant!.resources).toHaveLength(2);
    expect(grant!.resources[0]).toContain(`"Ref":"${logicalId(other.mail.identity)}"`);
    expect(grant!.resources[1]).toContain(`:configuration-set/",{"Ref":"${logicalId(other.mail.configurationSet!)}"}`);
    expect(res[logicalId(job.function.fn)]!.Properties.Environment.Variables.MAIL_FROM).toBe('alertes@vigie.pole.example.org');
    expect(() => buildVigieApp({ app: testApp({ sesConfigurationSet: 'not a name' }), repoRoot, nag: false })).toThrow(/sesConfigurationSet/);
  });

  test('GROUP_ACCESS gives the idempotency table to every group with an idempotent route', () => {
    expect(() => assertAccessCoversRoutes(deployedRoutes)).not.toThrow();
    const idempotent = deployedRoutes.find((r) => r.idempotent);
    if (idempotent) {
      expect(() => assertAccessCoversRoutes(deployedRoutes, { ...GROUP_ACCESS, [idempotent.group]: { table: 'readwrite' } })).toThrow(/idempotent/);
    }
  });
});

describe('scheduled jobs', () => {
  const jobResource = (job: JobDef) => stack.jobs.get(job.name)!;
  const schedules = () => ofType('AWS::Scheduler::Schedule');

  test('one VigieJob per entry of `jobs`, each with a JOB_ACCESS entry; nothing else is scheduled', () => {
    expect([...stack.jobs.keys()].sort()).toEqual(jobs.map((j) => j.name).sort());
    expect(() => assertAccessCoversJobs(jobs)).not.toThrow();
    expect(() => assertAccessCoversJobs(jobs, {})).toThrow(/no entry in JOB_ACCESS/);
    expect(schedules()).toHaveLength(jobs.length);
  });

  test.each(jobs.map((j) => [j.name, j] as const))('%s: one schedule with the exact expression and time zone, targeting its Lambda', (_name, job) => {
    const j = jobResource(job);
    const mine = schedules().filter(([, s]) => s.Properties.Target.Arn['Fn::GetAtt']?.[0] === logicalId(j.function.fn));
    expect(mine).toHaveLength(1);
    const p = mine[0]![1].Properties;
    expect(p).toMatchObject({
      ScheduleExpression: job.schedule.expression,
      ScheduleExpressionTimezone: job.schedule.timezone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [logicalId(j.function.fn), 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [logicalId(j.schedulerRole), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(j.deadLetterQueue), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) },
      },
    });
    expect(p.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(JSON.parse(p.Target.Input)).toMatchObject({ job: job.name });
  });

  test('the reminders job runs daily at 08:00 Europe/Paris', () => {
    expect(jobs.find((j) => j.name === 'reminders')?.schedule).toEqual({ expression: 'cron(0 8 * * ? *)', timezone: 'Europe/Paris' });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 8 * * ? *)', ScheduleExpressionTimezone: 'Europe/Paris' });
  });

  test.each(jobs.map((j) => [j.name, j] as const))('%s: the Lambda has reserved concurrency 1, a longer timeout, async retries and a DLQ', (_name, job) => {
    const j = jobResource(job);
    expect(jobEntry(job, repoRoot)).toBe(handlerFile(repoRoot, job));
    const fn = resources[logicalId(j.function.fn)]!.Properties;
    expect(fn).toMatchObject({
      ReservedConcurrentExecutions: 1,
      Timeout: JOB_TIMEOUT.toSeconds(),
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [logicalId(j.deadLetterQueue), 'Arn'] } },
    });
    const invokeConfigs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName.Ref === logicalId(j.function.fn));
    expect(invokeConfigs.map(([, c]) => c.Properties.MaximumRetryAttempts)).toEqual([2]);
  });

  test.each(jobs.map((j) => [j.name, j] as const))('%s: the DLQ is encrypted and TLS-only; alarms on its depth and on the Errors metric', (_name, job) => {
    const j = jobResource(job);
    const queueId = logicalId(j.deadLetterQueue);
    expect(resources[queueId]!.Properties.SqsManagedSseEnabled).toBe(true);
    const tlsOnly = ofType('AWS::SQS::QueuePolicy').filter(
      ([, p]) =>
        p.Properties.Queues.some((q: any) => q.Ref === queueId) &&
        p.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    );
    expect(tlsOnly).toHaveLength(1);
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const aboveZero = { ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, EvaluationPeriods: 1, TreatMissingData: 'notBreaching' };
    expect(alarms).toContainEqual(
      expect.objectContaining({
        ...aboveZero,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      }),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({
        ...aboveZero,
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(j.function.fn) } }],
      }),
    );
  });

  test.each(jobs.map((j) => [j.name, j] as const))('%s: the scheduler role may only invoke this function and feed its DLQ', (_name, job) => {
    const j = jobResource(job);
    const role = resources[logicalId(j.schedulerRole)]!.Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': expect.anything() } },
      }),
    ]);
    const statements = statementsByRole(resources).get(logicalId(j.schedulerRole))!;
    expect([...actionsOf(statements)].sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    for (const s of statements) {
      const refs = JSON.stringify(s.Resource);
      expect(refs).toContain(s.Action === 'sqs:SendMessage' ? logicalId(j.deadLetterQueue) : logicalId(j.function.fn));
    }
  });

  test('least privilege for the reminders role: no S3, ses:SendEmail only, writes only digest items, no idempotency table', () => {
    const j = stack.jobs.get('reminders')!;
    const statements = statementsByRole(resources).get(logicalId(j.function.role))!;
    const actions = actionsOf(statements);
    expect([...actions].filter((a) => a.startsWith('s3:'))).toEqual([]);
    expect([...actions].filter((a) => a.startsWith('ses:'))).toEqual(['ses:SendEmail']);
    // Reads: GetItem/BatchGetItem/Query on the table, Query on gsi1 (staff) and gsi2 (due steps).
    expect(statements.find((s) => s.Sid === 'TableRead')!.Action).toEqual(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']);
    expect(
      statements
        .find((s) => s.Sid === 'TableIndexQuery')!
        .Resource.map(arnTail)
        .sort(),
    ).toEqual(['/index/gsi1', '/index/gsi2', '/index/gsi3']);
    // Writes: the conditional PutItem (claim) and UpdateItem (settle) of DIGEST#<email> items only.
    const write = statements.find((s) => s.Sid === 'TableWrite')!;
    expect(write).toMatchObject({
      Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      Resource: { 'Fn::GetAtt': [logicalId(stack.table), 'Arn'] },
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${DIGEST_PK_PREFIX}*`] } },
    });
    expect(DIGEST_PK_PREFIX).toBe('DIGEST#');
    for (const a of ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:Scan']) expect(actions.has(a)).toBe(false);
    expect(JSON.stringify(statements)).not.toContain(logicalId(stack.idempotencyTable));
    // Its DLQ, its log group and its on-failure destination (the alarm topic and its key), nothing else beyond the data grants and X-Ray.
    expect([...actions].filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('ses:')).sort()).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'sns:Publish',
      'sqs:SendMessage',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  test('a job whose module is missing, or whose schedule is malformed, stops the synth', () => {
    const reminders = jobs.find((j) => j.name === 'reminders')!;
    expect(() => jobEntry({ name: 'ghost', handler: 'jobs/no-such-job' }, repoRoot)).toThrow(/functions\/jobs\/no-such-job\.ts/);
    // A bare VigieStack (as buildVigieApp builds it, with its feature flags), for jobs other than `jobs`.
    const stackWith =
      (job: JobDef, jobAccess: Record<string, GroupAccess> = { [job.name]: JOB_ACCESS.reminders! }) =>
      () =>
        new VigieStack(testApp(FEATURE_FLAGS), 'Other', { repoRoot, jobs: [job], jobAccess });
    expect(stackWith(reminders)).not.toThrow();
    expect(stackWith({ ...reminders, schedule: { ...reminders.schedule, timezone: 'Europe/Atlantis' } })).toThrow(/IANA time zone/);
    expect(stackWith({ ...reminders, schedule: { ...reminders.schedule, expression: '0 8 * * *' } })).toThrow(/Scheduler expression/);
    expect(stackWith({ ...reminders, handler: 'jobs/no-such-job' })).toThrow(/no module functions\/jobs\/no-such-job\.ts/);
    expect(stackWith(reminders, {})).toThrow(/no entry in JOB_ACCESS/);
  });
});

describe('generated group entries', () => {
  const group = deployedRoutes[0]!.group;
  const groupRoutes = deployedRoutes.filter((r) => r.group === group);

  test("import every route's handler module and dispatch on its route key", () => {
    const src = groupEntrySource(group, groupRoutes, repoRoot, join(repoRoot, 'cdk.out', 'vigie-entries'));
    for (const r of groupRoutes) {
      expect(src).toContain(`from "../../functions/${r.handler}"`);
      expect(src).toMatch(new RegExp(`^  ${JSON.stringify(routeKey(r)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: h\\d+,$`, 'm'));
    }
    expect(src).toContain('event.routeKey');
  });

  test('refuse a route whose module does not exist, or a route of another group', () => {
    const ghost: RouteDef = { ...groupRoutes[0]!, path: '/ghost', handler: 'no/such-module' };
    expect(() => writeGroupEntry(group, [ghost], repoRoot, join(repoRoot, 'cdk.out', 'vigie-entries-test'))).toThrow(/functions\/no\/such-module\.ts/);
    const stranger = deployedRoutes.find((r) => r.group !== group)!;
    expect(() => groupEntrySource(group, [stranger], repoRoot, repoRoot)).toThrow(/not in group/);
  });
});

describe('Cognito', () => {
  test('admin-only sign-up, TOTP MFA required, strong passwords, Plus threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: { MinimumLength: Match.anyValue(), RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'organizationId', AttributeDataType: 'String', Mutable: true })]),
    });
    const pool = ofType('AWS::Cognito::UserPool')[0]![1];
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  test("Cognito's own emails: bilingual invitation naming the web app's address, bilingual code, default sender until cognitoEmailViaSes", () => {
    const pool = ofType('AWS::Cognito::UserPool')[0]![1].Properties;
    const invite = pool.AdminCreateUserConfig.InviteMessageTemplate;
    expect(invite.EmailSubject.length).toBeLessThanOrEqual(COGNITO_SUBJECT_MAX);
    // The message is a Fn::Join (the distribution's domain is a token): its literal parts hold both placeholders.
    const message = JSON.stringify(invite.EmailMessage);
    for (const part of ['{username}', '{####}', 'Connectez-vous', 'Sign in at', 'mot de passe temporaire']) expect(message).toContain(part);
    expect(message).toContain(logicalId(stack.web.distribution));
    expect(pool.VerificationMessageTemplate).toMatchObject({ DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailSubject: verificationEmail.subject });
    expect(pool.VerificationMessageTemplate.EmailMessage).toContain('{####}');
    // Not through SES by default: the identity is not verified at the first deploy, and Cognito refuses an unverified one.
    expect(pool.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe('COGNITO_DEFAULT');
  });

  test('cognitoEmailViaSes=true: Cognito sends from mailFrom through the SES identity (and its configuration set)', () => {
    const { stack: viaSes } = buildVigieApp({
      app: testApp({ cognitoEmailViaSes: 'true', mailFrom: 'vigie@pole.example', sesConfigurationSet: 'vigie-mail' }),
      repoRoot,
      nag: false,
    });
    const pool = Object.values(Template.fromStack(viaSes).toJSON().Resources as Record<string, Resource>).find((r) => r.Type === 'AWS::Cognito::UserPool')!;
    const config = pool.Properties.EmailConfiguration;
    expect(config).toMatchObject({ EmailSendingAccount: 'DEVELOPER', From: 'Vigie <vigie@pole.example>', ConfigurationSet: 'vigie-mail' });
    expect(JSON.stringify(config.SourceArn)).toContain('identity/pole.example');
    expect(() => buildVigieApp({ app: testApp({ cognitoEmailViaSes: 'yes' }), repoRoot, nag: false })).toThrow(/cognitoEmailViaSes/);
  });

  test('one group per role (the Lambda reads cognito:groups)', () => {
    expect(
      ofType('AWS::Cognito::UserPoolGroup')
        .map(([, g]) => g.Properties.GroupName)
        .sort(),
    ).toEqual([...ROLES].sort());
  });

  test('the web client has no secret, reads custom:organizationId and cannot write it (nor email)', () => {
    const clients = ofType('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const p = clients[0]![1].Properties;
    expect(p.GenerateSecret).toBe(false);
    expect(p.ReadAttributes).toEqual(expect.arrayContaining(['custom:organizationId', 'email', 'name']));
    expect(p.WriteAttributes).not.toContain('custom:organizationId');
    expect(p.WriteAttributes).not.toContain('email');
  });
});

describe('S3', () => {
  test('every bucket blocks public access, is S3-encrypted, TLS-only; data buckets log to the access-log bucket', () => {
    const buckets = ofType('AWS::S3::Bucket');
    // access logs, documents, agreements, exports; the web app and CloudFront's logs.
    expect(buckets).toHaveLength(6);
    for (const [, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    }
    for (const bucket of Object.values(stack.buckets)) {
      expect(resources[logicalId(bucket)]!.Properties.LoggingConfiguration.DestinationBucketName).toEqual(expect.objectContaining({ Ref: expect.any(String) }));
    }
    const denyInsecure = ofType('AWS::S3::BucketPolicy').filter(([, p]) =>
      p.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    );
    expect(denyInsecure).toHaveLength(6);
  });

  test('agreements are write-once (versioned, Object Lock in COMPLIANCE mode for 10 years by default), exports expire', () => {
    expect(resources[logicalId(stack.buckets.agreements)]!.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: DEFAULT_AGREEMENT_RETENTION_YEARS } } },
    });
    expect(DEFAULT_AGREEMENT_RETENTION_YEARS).toBe(10);
    expect(resources[logicalId(stack.buckets.exports)]!.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ ExpirationInDays: EXPORT_EXPIRY_DAYS, Status: 'Enabled' })]),
    );
  });

  test('the retention comes from context agreementsRetentionYears (whole years, 1 to 100), the mode from agreementsLockMode', () => {
    const retention = (context: Record<string, unknown>) => {
      const { stack: other } = buildVigieApp({ app: testApp(context), repoRoot, nag: false });
      const res = Template.fromStack(other).toJSON().Resources as Record<string, Resource>;
      return res[logicalId(other.buckets.agreements)]!.Properties.ObjectLockConfiguration.Rule.DefaultRetention;
    };
    expect(retention({ agreementsRetentionYears: 7 })).toEqual({ Mode: 'COMPLIANCE', Years: 7 });
    expect(retention({ agreementsRetentionYears: '12' })).toEqual({ Mode: 'COMPLIANCE', Years: 12 });
    expect(retention({ agreementsLockMode: 'GOVERNANCE', agreementsRetentionYears: '1' })).toEqual({ Mode: 'GOVERNANCE', Years: 1 });
    expect(retention({ agreementsLockMode: 'governance' })).toEqual({ Mode: 'GOVERNANCE', Years: DEFAULT_AGREEMENT_RETENTION_YEARS });
    expect(retention({ agreementsLockMode: 'COMPLIANCE' })).toEqual({ Mode: 'COMPLIANCE', Years: DEFAULT_AGREEMENT_RETENTION_YEARS });
    expect(() => retention({ agreementsLockMode: 'LEGAL_HOLD' })).toThrow(/agreementsLockMode/);
    expect(() => retention({ agreementsRetentionYears: 'dix' })).toThrow(/agreementsRetentionYears/);
    expect(() => retention({ agreementsRetentionYears: 0 })).toThrow(/agreementsRetentionYears/);
    expect(() => retention({ agreementsRetentionYears: 2.5 })).toThrow(/agreementsRetentionYears/);
    // The former key is refused with the new names, not silently ignored (a shorter retention would be lost).
    expect(() => retention({ agreementRetentionYears: 7 })).toThrow(/agreementsRetentionYears/);
  });

  test('documents: versioned; what the upload forms left under incoming/ expires (served copies live under documents/)', () => {
    const props = resources[logicalId(stack.buckets.documents)]!.Properties;
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: INCOMING_UPLOAD_EXPIRY_DAYS, Status: 'Enabled' })]),
    );
    expect(
      props.LifecycleConfiguration.Rules.filter((r: { ExpirationInDays?: number }) => r.ExpirationInDays !== undefined).every(
        (r: { Prefix?: string }) => r.Prefix === 'incoming/',
      ),
    ).toBe(true);
  });
});

describe('cdk-nag AwsSolutions and Serverless', () => {
  test('no unacknowledged finding (errors or warnings) from either pack', () => {
    for (const pack of [nag, serverless]) {
      const report = pack.validateScope(stack);
      expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
    // The v2 style (Aspects → annotations) must not report anything either.
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions|Serverless'))).toEqual([]);
  });

  test('the Serverless pack is registered too: synth fails on a function without a DLQ or a queue without a redrive policy', async () => {
    const { Queue, QueueEncryption } = await import('aws-cdk-lib/aws-sqs');
    const dirty = buildVigieApp({ app: testApp(), repoRoot });
    new Queue(dirty.stack, 'Naughty', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
    expect(dirty.serverless.validateScope(dirty.stack).violations.map((v) => v.ruleName)).toEqual(['Serverless-SQSRedrivePolicy']);
    expect(() => dirty.app.synth()).toThrow(/Serverless-SQSRedrivePolicy/);
  });

  test('the checks are registered on the app: synth passes as is, and fails on a non-compliant resource', () => {
    const clean = buildVigieApp({ app: testApp(), repoRoot });
    expect(() => clean.app.synth()).not.toThrow();
    const dirty = buildVigieApp({ app: testApp(), repoRoot });
    new Bucket(dirty.stack, 'Naughty');
    expect(dirty.nag.validateScope(dirty.stack).violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
    expect(() => dirty.app.synth()).toThrow(/AwsSolutions/);
  });

  test('every acknowledgment carries a written reason', () => {
    const acks: { path: string; id: string; reason: string }[] = [];
    const walk = (c: IConstruct) => {
      for (const m of c.node.metadata) {
        if (m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
          for (const [id, reason] of Object.entries(m.data as Record<string, unknown>)) acks.push({ path: c.node.path, id, reason: String(reason) });
        }
      }
      c.node.children.forEach(walk);
    };
    walk(stack);
    expect(acks.length).toBeGreaterThan(0);
    expect(acks.some((a) => a.id.includes('Serverless-'))).toBe(true);
    for (const a of acks) {
      expect(a.id).toMatch(/(AwsSolutions-[A-Z]+\d+|Serverless-[A-Za-z]+)/);
      expect(a.reason.length).toBeGreaterThan(40);
      // No blanket acknowledgment: on a resource (or the construct that owns it), never on the app or the stack.
      expect({ path: a.path, id: a.id, blanket: a.path === stack.node.path || a.path === '' }).toEqual({ path: a.path, id: a.id, blanket: false });
    }
  });

  test('environment-agnostic: no account or region pinned, so synth needs no credentials', () => {
    expect(Token.isUnresolved(stack.account)).toBe(true);
    expect(Token.isUnresolved(stack.region)).toBe(true);
  });
});

describe('asynchronous workers', () => {
  const worker = () => stack.workers.get('export')!;

  test('the export worker: its own Lambda, reserved concurrency, 15-minute timeout, no async retry, an encrypted DLQ with an alarm', () => {
    expect([...stack.workers.keys()]).toEqual(workers.map((w) => w.name));
    const w = worker();
    const fn = resources[logicalId(w.function.fn)]!.Properties;
    const def = workers.find((d) => d.name === 'export')!;
    expect(fn).toMatchObject({
      ReservedConcurrentExecutions: def.reservedConcurrency,
      Timeout: 900,
      MemorySize: def.memoryMb,
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [logicalId(w.deadLetterQueue), 'Arn'] } },
    });
    // The fonts of the PDF summary travel with it.
    expect(fn.Environment.Variables.VIGIE_FONT_DIR).toBe('/var/task/fonts');
    // Its V8 flags (flat memory, measured by bench/exports.bench.ts with the same flags).
    expect(fn.Environment.Variables.NODE_OPTIONS).toBe(['--enable-source-maps', ...def.nodeFlags].join(' '));
    const invokeConfigs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName.Ref === logicalId(w.function.fn));
    expect(invokeConfigs.map(([, c]) => c.Properties.MaximumRetryAttempts)).toEqual([0]);
    expect(resources[logicalId(w.deadLetterQueue)]!.Properties.SqsManagedSseEnabled).toBe(true);
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms).toContainEqual(
      expect.objectContaining({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(w.deadLetterQueue), 'QueueName'] } }],
      }),
    );
  });

  test('each worker is started by its groups only (its name in their environment, InvokeFunction on its unqualified ARN only); no other group may', () => {
    const byRole = statementsByRole(resources);
    for (const [group, fn] of stack.functions) {
      const invoke = byRole.get(logicalId(fn.role))!.filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
      const env = resources[logicalId(fn.fn)]!.Properties.Environment.Variables;
      const starts = workers.filter((d) => d.startedBy.includes(group));
      expect({ group, invoke: invoke.map((s) => s.Resource) }).toEqual({
        group,
        invoke: starts.map((d) => ({ 'Fn::GetAtt': [logicalId(stack.workers.get(d.name)!.function.fn), 'Arn'] })),
      });
      for (const d of workers) {
        const name = `${d.name.toUpperCase().replaceAll('-', '_')}_WORKER_FUNCTION`;
        if (starts.includes(d)) expect(env[name]).toEqual({ Ref: logicalId(stack.workers.get(d.name)!.function.fn) });
        else expect(env[name]).toBeUndefined();
      }
    }
    expect(workers.find((d) => d.name === 'export')!.startedBy).toEqual(['exports']);
    expect(workers.find((d) => d.name === 'audit-verification')!.startedBy).toEqual(['audit']);
  });

  test('least privilege for the audit verification worker and the audit routes: PutItem on AUDIT# items only, no bucket, no mail', () => {
    const byRole = statementsByRole(resources);
    for (const role of [stack.workers.get('audit-verification')!.function.role, stack.functions.get('audit')!.role]) {
      const statements = byRole.get(logicalId(role))!;
      const actions = actionsOf(statements);
      expect(statements.find((s) => s.Sid === 'TableWrite')).toMatchObject({
        Action: 'dynamodb:PutItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
      });
      expect([...actions].some((a) => a.startsWith('s3:') || a.startsWith('ses:'))).toBe(false);
      expect(actions.has('dynamodb:Scan')).toBe(false);
    }
  });

  test('least privilege for the export worker: writes only EXPORT# and AUDIT# items, puts to the exports bucket, reads declarations in the documents bucket, no mail', () => {
    const statements = statementsByRole(resources).get(logicalId(worker().function.role))!;
    const actions = actionsOf(statements);
    expect(statements.find((s) => s.Sid === 'TableWrite')).toMatchObject({
      Action: 'dynamodb:PutItem',
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['EXPORT#*', 'AUDIT#*'] } },
    });
    expect([...actions].filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject']);
    const s3 = JSON.stringify(statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:'))));
    expect(s3).toContain(logicalId(stack.buckets.exports));
    expect([...actions].some((a) => a.startsWith('ses:'))).toBe(false);
    expect(actions.has('dynamodb:Scan')).toBe(false);
  });

  test('the exports bucket deletes files after 7 days', () => {
    const rules = resources[logicalId(stack.buckets.exports)]!.Properties.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(expect.objectContaining({ ExpirationInDays: 7, Status: 'Enabled' }));
  });
});
