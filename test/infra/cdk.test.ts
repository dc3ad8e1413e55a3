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
import { deployedRoutes, routeKey, routes, type RouteDef } from '../../functions/routes';
import { ROLES } from '../../shared/domain/access';
import { IDEMPOTENCY_TABLE, TABLE } from '../../shared/store/table-def';
import { buildVigieApp } from '../../infra/aws/build-app';
import { assertAccessCoversRoutes, GROUP_ACCESS } from '../../infra/aws/group-access';
import { findRepoRoot, groupEntrySource, writeGroupEntry } from '../../infra/aws/group-entry';
import { AGREEMENT_RETENTION_DAYS, EXPORT_EXPIRY_DAYS, type VigieStack } from '../../infra/aws/vigie-stack';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const repoRoot = findRepoRoot();
const testApp = (context: Record<string, unknown> = {}) => new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });

let stack: VigieStack;
let nag: ReturnType<typeof buildVigieApp>['nag'];
let template: Template;
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type) as [string, Resource][];
const logicalId = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as any);

beforeAll(() => {
  // Without the nag plugin on this app: a finding fails the cdk-nag tests below, not every synth here.
  ({ stack, nag } = buildVigieApp({ app: testApp(), repoRoot, nag: false }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

describe('HTTP API', () => {
  const routeResources = () => ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

  test('routes are exactly deployedRoutes (no local-only route)', () => {
    const deployed = routeResources().map((p) => p.RouteKey as string).sort();
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
    expect(ofType('AWS::Lambda::Function')).toHaveLength(groups.length);
    const integrationFn = new Map(
      ofType('AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, r.Properties.IntegrationUri['Fn::GetAtt'][0] as string]),
    );
    const byKey = new Map(routeResources().map((p) => [p.RouteKey as string, p]));
    for (const r of deployedRoutes) {
      const target = byKey.get(routeKey(r))?.Target['Fn::Join'][1][1].Ref as string;
      expect({ route: routeKey(r), fn: integrationFn.get(target) }).toEqual({ route: routeKey(r), fn: logicalId(stack.functions.get(r.group)!.fn) });
    }
  });

  test('CORS for the web origin, with the headers of the HTTP contract', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['http://localhost:3000'],
        AllowHeaders: Match.arrayWith(['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key']),
        ExposeHeaders: Match.arrayWith(['ETag', 'Location']),
      },
    });
  });

  test('webOrigin comes from context and must be a bare origin', () => {
    const { stack: other } = buildVigieApp({ app: testApp({ webOrigin: 'https://vigie.example.org' }), repoRoot, nag: false });
    const t = Template.fromStack(other);
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: ['https://vigie.example.org'] } });
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ WEB_ORIGIN: 'https://vigie.example.org' }) } });
    expect(() => buildVigieApp({ app: testApp({ webOrigin: 'https://vigie.example.org/' }), repoRoot, nag: false })).toThrow(/bare origin/);
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

  test('newest Node.js LTS runtime, arm64, tracing, memory 512-1024 MB, timeout under the API limit, own log group', () => {
    const fns = ofType('AWS::Lambda::Function');
    expect(fns.length).toBeGreaterThan(0);
    for (const [, fn] of fns) {
      const p = fn.Properties;
      expect(p.Runtime).toBe(`nodejs${newestNodeLts()}.x`);
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.MemorySize).toBeGreaterThanOrEqual(512);
      expect(p.MemorySize).toBeLessThanOrEqual(1024);
      expect(p.Timeout).toBeGreaterThanOrEqual(10);
      expect(p.Timeout).toBeLessThanOrEqual(29);
      expect(p.Handler).toBe('index.handler');
      expect(p.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
    }
    for (const [, lg] of ofType('AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays).toEqual(expect.any(Number));
  });

  test('every Lambda gets every variable shared/store/config.ts reads, plus the Powertools ones', () => {
    const source = readFileSync(join(repoRoot, 'shared/store/config.ts'), 'utf8');
    const names = [...source.matchAll(/env\('([A-Z0-9_]+)'/g)].map((m) => m[1]!);
    expect(names).toEqual(expect.arrayContaining(['TABLE_NAME', 'IDEMPOTENCY_TABLE_NAME', 'DOCUMENTS_BUCKET', 'AGREEMENTS_BUCKET', 'EXPORTS_BUCKET', 'MAIL_FROM', 'WEB_ORIGIN']));
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const vars = fn.Properties.Environment.Variables;
      for (const n of names) expect({ n, defined: vars[n] !== undefined }).toEqual({ n, defined: true });
      expect(vars).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'vigie', POWERTOOLS_LOG_LEVEL: 'INFO', TABLE_NAME: { Ref: logicalId(stack.table) } });
    }
  });

  test('least privilege: no managed policies, no wildcard action, data grants follow GROUP_ACCESS', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statementsOfRole = new Map<string, any[]>();
    for (const [, policy] of ofType('AWS::IAM::Policy')) {
      for (const s of policy.Properties.PolicyDocument.Statement) {
        for (const a of [s.Action].flat()) expect(a).not.toMatch(/\*/);
        for (const role of policy.Properties.Roles) statementsOfRole.set(role.Ref, [...(statementsOfRole.get(role.Ref) ?? []), s]);
      }
    }
    for (const [group, fn] of stack.functions) {
      const access = GROUP_ACCESS[group as keyof typeof GROUP_ACCESS];
      const actions = new Set((statementsOfRole.get(logicalId(fn.role)) ?? []).flatMap((s) => [s.Action].flat()));
      expect({ group, read: actions.has('dynamodb:Query') }).toEqual({ group, read: !!access.table });
      expect({ group, write: actions.has('dynamodb:PutItem') }).toEqual({ group, write: access.table === 'readwrite' || !!access.idempotency });
      expect({ group, mail: actions.has('ses:SendEmail') }).toEqual({ group, mail: !!access.sendMail });
      expect({ group, s3: [...actions].some((a) => a.startsWith('s3:')) }).toEqual({ group, s3: Object.keys(access.buckets ?? {}).length > 0 });
      expect(actions.has('dynamodb:Scan')).toBe(false);
    }
  });

  test('GROUP_ACCESS gives the idempotency table to every group with an idempotent route', () => {
    expect(() => assertAccessCoversRoutes(deployedRoutes)).not.toThrow();
    const idempotent = deployedRoutes.find((r) => r.idempotent);
    if (idempotent) {
      expect(() => assertAccessCoversRoutes(deployedRoutes, { ...GROUP_ACCESS, [idempotent.group]: { table: 'readwrite' } })).toThrow(/idempotent/);
    }
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
      Policies: { PasswordPolicy: { MinimumLength: Match.anyValue(), RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'organizationId', AttributeDataType: 'String', Mutable: true })]),
    });
    const pool = ofType('AWS::Cognito::UserPool')[0]![1];
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  test('one group per role (the Lambda reads cognito:groups)', () => {
    expect(ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName).sort()).toEqual([...ROLES].sort());
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
    expect(buckets).toHaveLength(4);
    for (const [, b] of buckets) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
      expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    }
    for (const bucket of Object.values(stack.buckets)) {
      expect(resources[logicalId(bucket)]!.Properties.LoggingConfiguration.DestinationBucketName).toEqual(expect.objectContaining({ Ref: expect.any(String) }));
    }
    const denyInsecure = ofType('AWS::S3::BucketPolicy').filter(([, p]) =>
      p.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    );
    expect(denyInsecure).toHaveLength(4);
  });

  test('agreements are write-once (Object Lock, GOVERNANCE), exports expire', () => {
    expect(resources[logicalId(stack.buckets.agreements)]!.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: AGREEMENT_RETENTION_DAYS } } },
    });
    expect(resources[logicalId(stack.buckets.exports)]!.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ ExpirationInDays: EXPORT_EXPIRY_DAYS, Status: 'Enabled' })]),
    );
  });
});

describe('cdk-nag AwsSolutions', () => {
  test('no unacknowledged finding (errors or warnings)', () => {
    const report = nag.validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    // The v2 style (Aspects → annotations) must not report anything either.
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions'))).toEqual([]);
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
    for (const a of acks) {
      expect(a.id).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(a.reason.length).toBeGreaterThan(40);
    }
  });

  test('environment-agnostic: no account or region pinned, so synth needs no credentials', () => {
    expect(Token.isUnresolved(stack.account)).toBe(true);
    expect(Token.isUnresolved(stack.region)).toBe(true);
  });
});
