/**
 * The web app in AWS (infra/aws/web-hosting.ts and the Cognito hosted UI in vigie-stack.ts): assertions on the
 * synthesized template, bundling skipped like test/infra/cdk.test.ts (`npm run synth` runs the Vite build).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnUserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { IConstruct } from 'constructs';
import { buildVigieApp } from '../../infra/aws/build-app';
import { findRepoRoot } from '../../infra/aws/group-entry';
import type { VigieStack } from '../../infra/aws/vigie-stack';
import { API_PREFIX_STRIP_CODE, HSTS_MAX_AGE, IMMUTABLE_CACHE, REVALIDATE_CACHE, SPA_REWRITE_CODE } from '../../infra/aws/web-hosting';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../../infra/local/web-static';
import { parseRuntimeConfig } from '../../web/src/auth/runtime-config';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS } from '../../shared/domain/cors';

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };

const repoRoot = findRepoRoot();
const testApp = (context: Record<string, unknown> = {}) => new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
const customDomain = {
  webDomain: 'vigie.pole.example',
  webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
};
/** Managed policies CloudFront documents (CachingOptimized, CachingDisabled, AllViewerExceptHostHeader). */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let stack: VigieStack;
let resources: Record<string, Resource>;
const ofType = (type: string, res = resources) => Object.entries(res).filter(([, r]) => r.Type === type) as [string, Resource][];
const one = (type: string, res = resources) => {
  const all = ofType(type, res);
  expect(all).toHaveLength(1);
  return all[0]![1].Properties;
};
const logicalId = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as any);
/** `https://<distribution domain>` as the template writes it, in parts (to append a path). */
const originParts = (s: VigieStack): unknown[] => ['https://', { 'Fn::GetAtt': [logicalId(s.web.distribution), 'DomainName'] }];

beforeAll(() => {
  ({ stack } = buildVigieApp({ app: testApp(), repoRoot, nag: false }));
  resources = Template.fromStack(stack).toJSON().Resources;
});

describe('deployable as one stack', () => {
  test('no dependency cycle: the CSP names the API and the documents bucket, so neither may name the distribution', () => {
    // Template.fromStack refuses a template with a cycle ("Template is undeployable"): it passed above, and for a custom domain.
    expect(() => Template.fromStack(buildVigieApp({ app: testApp(customDomain), repoRoot, nag: false }).stack)).not.toThrow();
    // CORS on the API for the distribution's origin (with the API on another origin) would be such a cycle.
    const { stack: cyclic } = buildVigieApp({ app: testApp(), repoRoot, nag: false });
    (cyclic.api.node.defaultChild as CfnApi).corsConfiguration = { allowOrigins: [cyclic.web.origin] };
    expect(() => Template.fromStack(cyclic)).toThrow(/dependency cycle: .*WebDistribution.*HttpApi.*WebDistribution/);
  });
});

describe('web bucket and origin access control', () => {
  test('the web bucket is private, encrypted, TLS-only, ACLs disabled, logged; only this distribution may read it (OAC)', () => {
    const bucket = resources[logicalId(stack.web.bucket)]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: expect.stringMatching(/^AccessLogsBucket/) }, LogFilePrefix: 'web/' });
    expect(bucket.WebsiteConfiguration).toBeUndefined();

    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === logicalId(stack.web.bucket))!;
    const statements = policy.Properties.PolicyDocument.Statement as any[];
    expect(statements.find((s) => s.Effect === 'Deny')).toMatchObject({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([{ Ref: logicalId(stack.web.distribution) }])] }),
          },
        },
      }),
    ]);
  });

  test('the S3 origin goes through an origin access control that signs every request (no OAI, no website endpoint)', () => {
    const oac = one('AWS::CloudFront::OriginAccessControl').OriginAccessControlConfig;
    expect(oac).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const config = one('AWS::CloudFront::Distribution').DistributionConfig;
    const s3Origin = config.Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [logicalId(stack.web.bucket), 'RegionalDomainName'] });
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [ofType('AWS::CloudFront::OriginAccessControl')[0]![0], 'Id'] });
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
  });
});

describe('distribution', () => {
  const config = () => one('AWS::CloudFront::Distribution').DistributionConfig;
  const fnId = (name: string) => ofType('AWS::CloudFront::Function').find(([id]) => id.startsWith(`Web${name}`))![0];

  test('default behavior: the bucket, HTTPS, GET/HEAD, cached by the files’ Cache-Control, page paths → index.html, security headers', () => {
    const d = config().DefaultCacheBehavior;
    expect(d).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: CACHING_OPTIMIZED,
      Compress: true,
      ResponseHeadersPolicyId: { Ref: logicalId(stack.web.headers) },
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId('SpaRewrite'), 'FunctionARN'] } }],
    });
    expect(config().DefaultRootObject).toBe('index.html');
    // Deep links are served by the function, not by error pages that would also hide a missing asset.
    expect(config().CustomErrorResponses).toBeUndefined();
  });

  test('/api/*: the HTTP API over HTTPS (TLS 1.2), every method, no cache, every viewer header but Host (Authorization), /api stripped', () => {
    const behaviors = config().CacheBehaviors as any[];
    expect(behaviors.map((b) => b.PathPattern)).toEqual(['/api/*']);
    const api = behaviors[0];
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
      ResponseHeadersPolicyId: { Ref: logicalId(stack.web.headers) },
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId('ApiPrefix'), 'FunctionARN'] } }],
    });
    const origin = config().Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin.DomainName).toEqual({
      'Fn::Join': ['', [{ Ref: logicalId(stack.api) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
    });
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 30 });
  });

  test('the functions in the template are the tested ones (cloudfront-js-2.0)', () => {
    const code = new Map(ofType('AWS::CloudFront::Function').map(([id, f]) => [id, f.Properties]));
    expect(code.get(fnId('SpaRewrite'))).toMatchObject({ FunctionCode: SPA_REWRITE_CODE, FunctionConfig: { Runtime: 'cloudfront-js-2.0' }, AutoPublish: true });
    expect(code.get(fnId('ApiPrefix'))).toMatchObject({
      FunctionCode: API_PREFIX_STRIP_CODE,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      AutoPublish: true,
    });
  });

  test('SPA fallback: every page path (email links, /auth/callback) is index.html; files are served as they are', () => {
    const handler = new Function(`${SPA_REWRITE_CODE}; return handler;`)() as (e: unknown) => { uri: string };
    const uri = (u: string) => handler({ request: { uri: u, method: 'GET', headers: {}, querystring: {} } }).uri;
    for (const page of ['/', '/sign-in', '/auth/callback', '/me/tasks', '/projects/01J9Z/workflow', '/projects/P1/flags/F.2', '/x/a.b@c.example']) {
      expect({ page, uri: uri(page) }).toEqual({ page, uri: '/index.html' });
    }
    for (const file of ['/assets/index-BBkEcxSG.js', '/assets/index-aCqsdptL.css', '/config.json', '/favicon.svg', '/index.html']) {
      expect({ file, uri: uri(file) }).toEqual({ file, uri: file });
    }
  });

  test('/api is stripped before the API (its routes have no prefix)', () => {
    const handler = new Function(`${API_PREFIX_STRIP_CODE}; return handler;`)() as (e: unknown) => { uri: string };
    const uri = (u: string) => handler({ request: { uri: u, method: 'GET', headers: {}, querystring: {} } }).uri;
    expect(uri('/api/projects/P1/workflow')).toBe('/projects/P1/workflow');
    expect(uri('/api/me/tasks')).toBe('/me/tasks');
    expect(uri('/api/')).toBe('/');
  });

  test('HTTP/2 and 3, European and North American edges, standard logs to a bucket of their own (ACLs only there)', () => {
    expect(config()).toMatchObject({ HttpVersion: 'http2and3', PriceClass: 'PriceClass_100', Enabled: true });
    expect(config().Logging).toEqual({ Bucket: { 'Fn::GetAtt': [logicalId(stack.web.logBucket), 'RegionalDomainName'] }, Prefix: 'distribution/' });
    const logBucket = resources[logicalId(stack.web.logBucket)]!.Properties;
    expect(logBucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] });
    expect(logBucket.PublicAccessBlockConfiguration.BlockPublicAcls).toBe(true);
    expect(logBucket.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 365 })]);
    // No custom domain: CloudFront's certificate, no aliases, no WAF unless asked.
    expect(config().Aliases).toBeUndefined();
    expect(config().WebACLId).toBeUndefined();
  });
});

describe('response headers policy', () => {
  const headers = () => one('AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig;

  test("the hosted UI URL in the CSP is the user pool domain's own URL (spelled from its prefix, not its resource)", () => {
    /** A resolved string token as text, a Ref as ${name}. */
    const text = (v: any): string =>
      typeof v === 'string' ? v : v.Ref ? `\${${v.Ref}}` : v['Fn::Join'] ? (v['Fn::Join'][1] as any[]).map(text).join(v['Fn::Join'][0]) : JSON.stringify(v);
    const domain = text(stack.resolve((stack.authDomain.node.defaultChild as CfnUserPoolDomain).domain));
    expect(domain).toMatch(/^vigie-\$\{AWS::AccountId\}$/);
    expect(text(stack.resolve(stack.hostedUiUrl))).toBe(`https://${domain}.auth.\${AWS::Region}.amazoncognito.com`);
    expect(text(stack.resolve(stack.authDomain.baseUrl()))).toMatch(/^https:\/\/\$\{UserPoolHostedUiDomain\w+\}\.auth\.\$\{AWS::Region\}\.amazoncognito\.com$/);
  });

  test('the CSP of the local server, connecting to the Cognito domain (token endpoint) and the documents bucket (presigned uploads)', () => {
    const csp = headers().SecurityHeadersConfig.ContentSecurityPolicy;
    expect(csp.Override).toBe(true);
    const expected = stack.resolve(contentSecurityPolicy([stack.hostedUiUrl, `https://${stack.buckets.documents.bucketRegionalDomainName}`]));
    expect(csp.ContentSecurityPolicy).toEqual(expected);
    const parts = csp.ContentSecurityPolicy['Fn::Join'][1] as unknown[];
    const text = parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join('');
    for (const directive of [
      "default-src 'self'",
      "script-src 'self';",
      "style-src 'self';",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(text).toContain(directive);
    }
    expect(text).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    const connect = /connect-src ([^;]+);/.exec(text)![1]!;
    expect(connect).toContain(`'self' https://vigie-{"Ref":"AWS::AccountId"}.auth.{"Ref":"AWS::Region"}.amazoncognito.com`);
    expect(connect).toContain(`https://{"Fn::GetAtt":["${logicalId(stack.buckets.documents)}","RegionalDomainName"]}`);
  });

  test('HSTS two years with subdomains, nosniff, DENY, same-origin referrer and opener policies (as locally)', () => {
    const h = headers();
    expect(h.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: HSTS_MAX_AGE.toSeconds(), IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: SECURITY_HEADERS['x-frame-options'], Override: true },
      ReferrerPolicy: { ReferrerPolicy: SECURITY_HEADERS['referrer-policy'], Override: true },
    });
    expect(HSTS_MAX_AGE.toSeconds()).toBe(63072000);
    expect(h.CustomHeadersConfig.Items).toEqual([
      { Header: 'Cross-Origin-Opener-Policy', Value: SECURITY_HEADERS['cross-origin-opener-policy'], Override: true },
    ]);
  });
});

describe('deployment of the build and /config.json', () => {
  const deployments = () => ofType('Custom::CDKBucketDeployment');

  test('hashed assets first, immutable and never pruned; then the pages and config.json, revalidated', () => {
    const [assets, pages] = ['WebDeployAssets', 'WebDeployPages'].map((p) => deployments().find(([id]) => id.startsWith(p))!);
    expect(assets![1].Properties).toMatchObject({
      DestinationBucketName: { Ref: logicalId(stack.web.bucket) },
      Include: ['assets/*'],
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'cache-control': IMMUTABLE_CACHE },
    });
    expect(pages![1].Properties).toMatchObject({
      DestinationBucketName: { Ref: logicalId(stack.web.bucket) },
      Exclude: ['assets/*', '.source-hash'],
      Prune: false,
      SystemMetadata: { 'cache-control': REVALIDATE_CACHE },
    });
    expect(pages![1].DependsOn).toContain(assets![0]);
    // The same build (one asset) for both, and config.json as a second source of the pages.
    expect(pages![1].Properties.SourceObjectKeys[0]).toBe(assets![1].Properties.SourceObjectKeys[0]);
    expect(pages![1].Properties.SourceObjectKeys).toHaveLength(2);
  });

  test('config.json: Cognito mode, the API under /api, the client, the registered callback and logout URLs, the authorizer’s issuer', () => {
    const c = stack.resolve(stack.webConfig);
    const origin = originParts(stack);
    const joined = (parts: unknown[]) => ({ 'Fn::Join': ['', parts] });
    expect(c).toEqual({
      auth: 'cognito',
      apiBaseUrl: '/api',
      cognito: {
        domain: joined(['https://', { Ref: logicalId(stack.authDomain) }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']),
        clientId: { Ref: logicalId(stack.webClient) },
        redirectUri: joined([...origin, '/auth/callback']),
        logoutUri: joined([...origin, '/sign-in']),
        scopes: ['openid', 'email', 'profile'],
        issuer: expect.anything(),
      },
    });
    const [[, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    expect(c.cognito.issuer).toEqual(authorizer.Properties.JwtConfiguration.Issuer);
    // What the app will read once CloudFormation has filled the values in.
    const filled = JSON.parse(
      JSON.stringify(c)
        .replace(
          /\{"Fn::Join":\["",\["https:\/\/",\{"Ref":"[^"]+"\},"\.auth\.",\{"Ref":"AWS::Region"\},"\.amazoncognito\.com"\]\]\}/,
          '"https://vigie-1.auth.eu-west-3.amazoncognito.com"',
        )
        .replace(/\{"Fn::Join":\["",\["https:\/\/",\{"Fn::GetAtt":\["[^"]+","DomainName"\]\},"(\/[a-z/-]+)"\]\]\}/g, '"https://d1.cloudfront.net$1"')
        .replace(
          /\{"Fn::Join":\["",\["https:\/\/cognito-idp\.",\{"Ref":"AWS::Region"\},"\.amazonaws\.com\/",\{"Ref":"[^"]+"\}\]\]\}/,
          '"https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_X"',
        )
        .replace(/\{"Ref":"[^"]+"\}/, '"client-id"'),
    );
    expect(parseRuntimeConfig(filled)).toEqual(filled);
  });

  test('the deployment Lambda has a role of its own: its log group, the CDK assets bucket read-only, the web bucket', () => {
    const role = logicalId(stack.web.node.findChild('DeployRole'));
    expect(resources[role]!.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
    const targets = statements.map((s) => JSON.stringify(s.Resource));
    expect(statements).toHaveLength(3);
    expect(targets[0]).toContain(logicalId(stack.web.node.findChild('DeployLogs')));
    expect(targets[1]).toContain('cdk-hnb659fds-assets-');
    expect(statements[1].Action).toEqual(['s3:GetObject*', 's3:GetBucket*', 's3:List*']);
    expect(targets[2]).toContain(logicalId(stack.web.bucket));
    for (const s of statements) expect(JSON.stringify(s.Resource)).not.toMatch(/"\*"|Documents|Agreements|Exports/);
    const handler = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('CustomCDKBucketDeployment'))![1];
    expect(handler.Properties.Role).toEqual({ 'Fn::GetAtt': [role, 'Arn'] });
  });
});

describe('Cognito hosted UI', () => {
  test('the web client: authorization code grant only, no secret, openid email profile, the distribution’s callback and logout URLs', () => {
    const p = one('AWS::Cognito::UserPoolClient');
    expect(p).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
    });
    const origin = originParts(stack);
    expect(p.CallbackURLs).toEqual([{ 'Fn::Join': ['', [...origin, '/auth/callback']] }]);
    expect(p.LogoutURLs).toEqual([{ 'Fn::Join': ['', [...origin, '/sign-in']] }]);
  });

  test('a managed login domain with Cognito’s style for the client; MFA stays required', () => {
    const domain = one('AWS::Cognito::UserPoolDomain');
    expect(domain).toMatchObject({ ManagedLoginVersion: 2, Domain: { 'Fn::Join': ['', ['vigie-', { Ref: 'AWS::AccountId' }]] } });
    expect(one('AWS::Cognito::ManagedLoginBranding')).toEqual({
      UserPoolId: { Ref: logicalId(stack.userPool) },
      ClientId: { Ref: logicalId(stack.webClient) },
      UseCognitoProvidedValues: true,
    });
    expect(one('AWS::Cognito::UserPool')).toMatchObject({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  });

  test('the domain prefix follows the stack name, or context authDomainPrefix', () => {
    const named = Template.fromStack(buildVigieApp({ app: testApp({ stackName: 'VigieStaging' }), repoRoot, nag: false }).stack).toJSON().Resources;
    expect(one('AWS::Cognito::UserPoolDomain', named).Domain).toEqual({ 'Fn::Join': ['', ['vigiestaging-', { Ref: 'AWS::AccountId' }]] });
    const chosen = Template.fromStack(buildVigieApp({ app: testApp({ authDomainPrefix: 'vigie-pole-alpes' }), repoRoot, nag: false }).stack).toJSON().Resources;
    expect(one('AWS::Cognito::UserPoolDomain', chosen).Domain).toBe('vigie-pole-alpes');
  });
});

describe('documents bucket CORS', () => {
  test('any CloudFront origin without a custom domain (the exact one would close a cycle), the custom origin otherwise', () => {
    const cors = (res: Record<string, Resource>, id: string) => res[id]!.Properties.CorsConfiguration.CorsRules[0].AllowedOrigins;
    expect(cors(resources, logicalId(stack.buckets.documents))).toEqual(['https://*.cloudfront.net']);
    const { stack: custom } = buildVigieApp({ app: testApp(customDomain), repoRoot, nag: false });
    expect(cors(Template.fromStack(custom).toJSON().Resources, logicalId(custom.buckets.documents))).toEqual(['https://vigie.pole.example']);
  });
});

describe("API CORS: exactly the web app's origin", () => {
  test("custom domain: API Gateway allows exactly https://<webDomain>, with the handlers' methods, headers and max age", () => {
    const { stack: custom } = buildVigieApp({ app: testApp(customDomain), repoRoot, nag: false });
    expect(one('AWS::ApiGatewayV2::Api', Template.fromStack(custom).toJSON().Resources).CorsConfiguration).toEqual({
      AllowOrigins: ['https://vigie.pole.example'],
      AllowMethods: [...CORS_ALLOW_METHODS],
      AllowHeaders: [...CORS_ALLOW_HEADERS],
      ExposeHeaders: [...CORS_EXPOSE_HEADERS],
      AllowCredentials: false,
      MaxAge: CORS_MAX_AGE_SECONDS,
    });
  });

  test("no custom domain: no API Gateway CORS (it cannot name the distribution), and every handler allows exactly the distribution's origin", () => {
    expect(one('AWS::ApiGatewayV2::Api').CorsConfiguration).toBeUndefined();
    // WEB_ORIGIN is what middy http-cors answers with (functions/http/http-handler.ts): the distribution's https:// origin, not a wildcard.
    const fns = [...stack.functions.values()].map((f) => resources[logicalId(f.fn)]!.Properties);
    expect(fns.length).toBeGreaterThan(0);
    for (const fn of fns) expect(fn.Environment.Variables.WEB_ORIGIN).toEqual({ 'Fn::Join': ['', originParts(stack)] });
  });
});

describe('custom domain, WAF and cdk-nag', () => {
  test('webDomain + webCertificateArn: the alias, the certificate with TLSv1.2_2021 (SNI), literal callback URLs', () => {
    const { stack: custom } = buildVigieApp({ app: testApp(customDomain), repoRoot, nag: false });
    const res = Template.fromStack(custom).toJSON().Resources;
    const config = one('AWS::CloudFront::Distribution', res).DistributionConfig;
    expect(config.Aliases).toEqual(['vigie.pole.example']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: customDomain.webCertificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(one('AWS::Cognito::UserPoolClient', res)).toMatchObject({
      CallbackURLs: ['https://vigie.pole.example/auth/callback'],
      LogoutURLs: ['https://vigie.pole.example/sign-in'],
    });
    expect(custom.resolve(custom.webConfig).cognito.redirectUri).toBe('https://vigie.pole.example/auth/callback');
  });

  test('refuses a domain without its certificate, a certificate outside us-east-1, a malformed domain', () => {
    expect(() => buildVigieApp({ app: testApp({ webDomain: 'vigie.pole.example' }), repoRoot, nag: false })).toThrow(/go together/);
    expect(() =>
      buildVigieApp({
        app: testApp({ ...customDomain, webCertificateArn: customDomain.webCertificateArn.replace('us-east-1', 'eu-west-3') }),
        repoRoot,
        nag: false,
      }),
    ).toThrow(/us-east-1/);
    expect(() => buildVigieApp({ app: testApp({ ...customDomain, webDomain: 'https://vigie.pole.example/' }), repoRoot, nag: false })).toThrow(/host name/);
  });

  test('cdk-nag reports nothing, default or with a custom domain and a web ACL; each acknowledgment only where it applies', () => {
    const acks = (s: VigieStack) => {
      const ids: string[] = [];
      for (const m of s.web.distribution.node.metadata)
        if (m.type === 'aws:cdk:acknowledged-rules' || /acknowledg/i.test(m.type)) ids.push(...Object.keys(m.data as object));
      return ids.map((i) => /CFR\d/.exec(i)?.[0]).filter(Boolean);
    };
    const plain = buildVigieApp({ app: testApp(), repoRoot });
    expect(plain.nag.validateScope(plain.stack).violations).toEqual([]);
    expect(plain.serverless.validateScope(plain.stack).violations).toEqual([]);
    expect(acks(plain.stack).sort()).toEqual(['CFR1', 'CFR2', 'CFR4']);

    const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/vigie/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';
    const full = buildVigieApp({ app: testApp({ ...customDomain, webAclArn }), repoRoot });
    expect(full.nag.validateScope(full.stack).violations).toEqual([]);
    expect(full.serverless.validateScope(full.stack).violations).toEqual([]);
    expect(acks(full.stack)).toEqual(['CFR1']);
    expect(one('AWS::CloudFront::Distribution', Template.fromStack(full.stack).toJSON().Resources).DistributionConfig.WebACLId).toBe(webAclArn);
  });
});
