/**
 * `npm run bench:api` — latency of two API routes on the local stack, next to the raw DynamoDB round-trips
 * each route performs (issue #2 §10). Budget: route p99 ≤ 3 × the p99 of its raw round-trips.
 *
 * What runs: DynamoDB Local in memory, s3rver and the SES sink (temp folder), the local API server
 * (infra/local/server.ts, the same handlers as Lambda) on a free 127.0.0.1 port. Loopback only.
 * Everything is sequential (one request at a time): this measures latency, not throughput.
 *
 * Series, measured in interleaved blocks so that drift (JIT, GC) hits all of them alike:
 *   GET /projects/{id}        route over HTTP · handler called in-process · raw Query
 *   POST /organizations       route over HTTP · handler called in-process · raw GetItem + TransactWriteItems
 *   POST /organizations + Idempotency-Key
 *                             route over HTTP · raw PutItem(idem) + GetItem + TransactWriteItems + UpdateItem(idem)
 *
 * Bounded: BENCH_WARMUP (default 50) + BENCH_N (default 500) iterations per series, and a global time cap
 * BENCH_MAX_SECONDS (default 300): past it, measuring stops and the partial numbers are reported; 30 s later
 * the process stops hard. The emulators are always stopped at the end, also on error or Ctrl-C.
 * A budget miss is reported, not an error: the exit code is 0 unless the bench itself failed.
 * Profiling: BENCH_ONLY='<regex on series names>' runs only those series, e.g.
 *   BENCH_ONLY='GET project · route' node --openssl-legacy-provider --cpu-prof --import tsx bench/api.bench.ts
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createBench, intEnv, regexEnv, selectWorkloads, warmUpAndMeasure } from './lib/bench';
import { aroundEachCommand } from './lib/ddb-meter';
import { frenchOrgBody, projectBody } from './lib/fixtures';
import { environmentLines } from './lib/machine';
import { rawDynamo, startApi, startStack } from './lib/stack';
import { createSamples, f2, STATS_TABLE_HEAD } from './lib/stats';

// ───────────────────────────── configuration ─────────────────────────────

const N = intEnv('BENCH_N', 500, 10);
const WARMUP = intEnv('BENCH_WARMUP', 50, 0);
const BLOCK = 50;
const MAX_SECONDS = intEnv('BENCH_MAX_SECONDS', 300, 10);
const BUDGET_FACTOR = 3;
/** Profiling aid: only the series whose name matches this regex (e.g. BENCH_ONLY='GET project · route'). */
const ONLY = regexEnv('BENCH_ONLY');
const PARTNERS = 5;

const bench = createBench({ maxSeconds: MAX_SECONDS });
const { log } = bench;

type LambdaHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const samples = createSamples();
const { record, stats } = samples;

// ───────────────────────────── test data ─────────────────────────────

let orgCounter = 0;
/** A valid French organization with 3 shareholders (none linked to a registered organization) and a representative. */
function nextOrgBody(): string {
  orgCounter++;
  return frenchOrgBody(`Bench Capteurs ${orgCounter} SAS`, [
    { name: 'Fondateurs', country: 'FR', votingRightsPct: 55.5, naturalPerson: true },
    { name: 'Bpifrance Participations', country: 'FR', votingRightsPct: 24.5 },
    { name: 'Alpen Ventures GmbH', country: 'DE', votingRightsPct: 20 },
  ]);
}

// ───────────────────────────── main ─────────────────────────────

let cappedAt: string | null = null;

async function main() {
  const stack = await startStack(bench, { tmpPrefix: 'vigie-bench-', devToken: true });

  // Imported only now: the SDK clients read their endpoints from the environment set above.
  const { signDevToken, verifyDevToken } = await import('../shared/services/dev-jwt');
  const { dynamo } = await import('../shared/store/clients');
  const { PutItemCommand, ScanCommand, UpdateItemCommand } = await import('@aws-sdk/client-dynamodb');
  const { GetCommand, QueryCommand, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const keys = await import('../shared/store/keys');
  const { queryInput } = await import('../shared/store/query');
  const getProjectHandler = ((await import('../functions/projects/get-project')) as { handler: LambdaHandler }).handler;
  const createOrgHandler = ((await import('../functions/organizations/create-organization')) as { handler: LambdaHandler }).handler;

  const TABLE = process.env.TABLE_NAME!;
  const IDEM_TABLE = process.env.IDEMPOTENCY_TABLE_NAME!;

  // Time spent inside the product's own DynamoDB client (whole send: marshalling, signing, HTTP, parsing).
  // Requests are sequential, so one accumulator per request is enough.
  let inRouteDdbMs = 0;
  let inRouteDdbCalls = 0;
  aroundEachCommand(dynamo(), 'benchDdbTimer', () => {
    const t = performance.now();
    return () => {
      inRouteDdbMs += performance.now() - t;
      inRouteDdbCalls++;
    };
  });

  // The raw client: configured exactly like shared/store/clients.ts, but a separate instance.
  const { low: rawLow, doc: raw } = await rawDynamo(bench, { removeUndefinedValues: true, convertClassInstanceToMap: false });

  const api = await startApi(bench, stack);
  const { base, devSecret } = api;

  const legalUser = { sub: 'bench-legal', role: 'legal' as const, email: 'legal@bench.example', name: 'Bench Legal' };
  const token = await signDevToken(legalUser, devSecret);
  const auth = { authorization: `Bearer ${token}` };
  const jsonHeaders = { ...auth, 'content-type': 'application/json' };

  // ── setup: 5 organizations and a project with them as partners ──
  const orgIds: string[] = [];
  for (let i = 0; i < PARTNERS; i++) {
    const r = await api.call('POST', '/organizations', jsonHeaders, nextOrgBody());
    if (r.status !== 201) throw new Error(`setup: POST /organizations → ${r.status} ${r.body}`);
    orgIds.push((JSON.parse(r.body) as { id: string }).id);
  }
  const pr = await api.call(
    'POST',
    '/projects',
    jsonHeaders,
    projectBody({
      acronym: 'BENCH',
      title: 'Projet de mesure de latence',
      summary: 'Projet collaboratif de démonstration utilisé par le benchmark.',
      technologyDomains: ['photonics', 'artificial-intelligence'],
      partners: orgIds,
    }),
  );
  if (pr.status !== 201) throw new Error(`setup: POST /projects → ${pr.status} ${pr.body}`);
  const projectId = (JSON.parse(pr.body) as { id: string }).id;
  const check = await api.call('GET', `/projects/${projectId}`, auth);
  const partnersSeen = (JSON.parse(check.body) as { partners?: unknown[] }).partners?.length;
  if (check.status !== 200 || partnersSeen !== PARTNERS) throw new Error(`setup: GET project → ${check.status}, ${partnersSeen} partners`);
  log(`project ${projectId} with ${PARTNERS} partners ready`);

  // ── in-process handler events (as infra/local/server.ts builds them) ──
  const claims: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(await verifyDevToken(token, devSecret))) {
    if (Array.isArray(v)) claims[k] = `[${v.join(' ')}]`;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') claims[k] = v;
  }
  const lambdaContext = (group: string) =>
    ({
      awsRequestId: randomUUID(),
      functionName: `vigie-local-${group}`,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:vigie-local-${group}`,
      memoryLimitInMB: '1024',
      logGroupName: '/local/vigie',
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => 29_000,
      done: () => {},
      fail: () => {},
      succeed: () => {},
    }) as Context;
  const lambdaEvent = (method: string, path: string, routeKey: string, pathParameters: Record<string, string> | undefined, body: string | undefined) => {
    const now = new Date();
    return {
      version: '2.0',
      routeKey,
      rawPath: path,
      rawQueryString: '',
      headers: { host: base.host, authorization: auth.authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(pathParameters ? { pathParameters } : {}),
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: base.host,
        domainPrefix: '127',
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
        requestId: randomUUID(),
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: null } },
      },
      ...(body ? { body } : {}),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  };

  // ── workloads: each runs one iteration; `rec` false during warm-up ──
  const expect = (what: string, status: number, want: number, body: string) => {
    if (status !== want) throw new Error(`${what} → ${status} (expected ${want}): ${body.slice(0, 300)}`);
  };
  const timedRoute = async (
    series: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    want: number,
    rec: boolean,
  ) => {
    inRouteDdbMs = 0;
    inRouteDdbCalls = 0;
    const r = await api.timed(method, path, headers, body);
    const { ms, serverMs } = r;
    expect(`${method} ${path}`, r.status, want, r.body);
    if (rec) {
      record(series, ms);
      record(`${series}#server`, serverMs);
      record(`${series}#ddb`, inRouteDdbMs);
      record(`${series}#calls`, inRouteDdbCalls);
      record(`${series}#overhead`, serverMs - inRouteDdbMs);
      record(`${series}#client`, ms - serverMs);
    }
    return r;
  };

  let lastOrgId: string | undefined;

  // Raw templates for POST /organizations, copied from items the route really wrote (same sizes).
  let orgTemplate: { org: Record<string, unknown>; event: Record<string, unknown>; head: Record<string, unknown>; id: string } | undefined;
  let idemTemplate: { put: Record<string, AttributeValue>; update: Record<string, AttributeValue>; key: string } | undefined;
  const rebind = <T>(template: T, oldId: string, newId: string): T => JSON.parse(JSON.stringify(template).split(oldId).join(newId)) as T;
  const newOrgId = () => `org_${randomUUID().replace(/-/g, '')}`;

  const rawOrgWrite = async (prefix: string, rec: boolean) => {
    const t = orgTemplate!;
    const { org, event, head } = rebind({ org: t.org, event: t.event, head: t.head }, t.id, newOrgId());
    const t0 = performance.now();
    await raw.send(new GetCommand({ TableName: TABLE, Key: { pk: head.pk, sk: head.sk }, ConsistentRead: true }));
    const t1 = performance.now();
    await raw.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: org, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: TABLE, Item: event, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: TABLE, Item: head, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    const t2 = performance.now();
    if (rec) {
      record(`${prefix}.get`, t1 - t0);
      record(`${prefix}.tx`, t2 - t1);
    }
    return { t0, t2 };
  };

  const workloads: { name: string; needsTemplates?: boolean; run: (rec: boolean) => Promise<void> }[] = [
    {
      name: 'GET project · route',
      run: async (rec) => void (await timedRoute('get.route', 'GET', `/projects/${projectId}`, auth, undefined, 200, rec)),
    },
    {
      name: 'GET project · handler in-process',
      run: async (rec) => {
        const ev = lambdaEvent('GET', `/projects/${projectId}`, 'GET /projects/{projectId}', { projectId }, undefined);
        const ctx = lambdaContext('projects');
        const t0 = performance.now();
        const out = await getProjectHandler(ev, ctx);
        const ms = performance.now() - t0;
        expect('GET project (in-process)', out.statusCode ?? 0, 200, out.body ?? '');
        if (rec) record('get.direct', ms);
      },
    },
    {
      name: 'GET project · raw Query',
      run: async (rec) => {
        const t0 = performance.now();
        const res = await raw.send(new QueryCommand({ ...queryInput(keys.queries.projectHeader(projectId)), TableName: TABLE }));
        const ms = performance.now() - t0;
        if ((res.Items?.length ?? 0) !== PARTNERS + 1) throw new Error(`raw Query returned ${res.Items?.length} items`);
        if (rec) record('get.raw.query', ms);
      },
    },
    {
      name: 'POST organization · route',
      run: async (rec) => {
        const r = await timedRoute('post.route', 'POST', '/organizations', jsonHeaders, nextOrgBody(), 201, rec);
        lastOrgId = (JSON.parse(r.body) as { id: string }).id;
      },
    },
    {
      name: 'POST organization · handler in-process',
      run: async (rec) => {
        const ev = lambdaEvent('POST', '/organizations', 'POST /organizations', undefined, nextOrgBody());
        const ctx = lambdaContext('organizations');
        const t0 = performance.now();
        const out = await createOrgHandler(ev, ctx);
        const ms = performance.now() - t0;
        expect('POST organization (in-process)', out.statusCode ?? 0, 201, out.body ?? '');
        if (rec) record('post.direct', ms);
      },
    },
    {
      name: 'POST organization · raw GetItem + TransactWriteItems',
      needsTemplates: true,
      run: async (rec) => {
        const { t0, t2 } = await rawOrgWrite('post.raw', rec);
        if (rec) record('post.raw.seq', t2 - t0);
      },
    },
    {
      name: 'POST organization + Idempotency-Key · route',
      run: async (rec) => {
        const headers = { ...jsonHeaders, 'idempotency-key': `bench-${randomUUID()}` };
        await timedRoute('idem.route', 'POST', '/organizations', headers, nextOrgBody(), 201, rec);
      },
    },
    {
      name: 'POST organization + Idempotency-Key · raw PutItem + GetItem + TransactWriteItems + UpdateItem',
      needsTemplates: true,
      run: async (rec) => {
        const it = idemTemplate!;
        const key = `${it.key.slice(0, it.key.length - 24)}${randomUUID().replace(/-/g, '').slice(0, 24)}`;
        const put = { ...it.put, id: { S: key } };
        const now = Date.now();
        const t0 = performance.now();
        await rawLow.send(
          new PutItemCommand({
            TableName: IDEM_TABLE,
            Item: put,
            ExpressionAttributeNames: { '#id': 'id', '#expiry': 'expiration', '#in_progress_expiry': 'in_progress_expiration', '#status': 'status' },
            ExpressionAttributeValues: { ':now': { N: String(now / 1000) }, ':now_in_millis': { N: String(now) }, ':inprogress': { S: 'INPROGRESS' } },
            ConditionExpression:
              'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        const t1 = performance.now();
        await rawOrgWrite('idem.raw', rec);
        const t2 = performance.now();
        await rawLow.send(
          new UpdateItemCommand({
            TableName: IDEM_TABLE,
            Key: { id: { S: key } },
            UpdateExpression: 'SET #expiry = :expiry, #status = :status, #response_data = :response_data, #validation_key = :validation_key',
            ExpressionAttributeNames: { '#expiry': 'expiration', '#status': 'status', '#response_data': 'data', '#validation_key': 'validation' },
            ExpressionAttributeValues: it.update,
          }),
        );
        const t3 = performance.now();
        if (rec) {
          record('idem.raw.put', t1 - t0);
          record('idem.raw.update', t3 - t2);
          record('idem.raw.seq', t3 - t0);
        }
      },
    },
  ];

  /** Copies the items one real POST /organizations wrote, to replay the same shapes and sizes raw. */
  const captureTemplates = async () => {
    const id = lastOrgId!;
    const get = async ({ pk, sk }: { pk: string; sk: string }) => {
      const { Item } = await raw.send(new GetCommand({ TableName: TABLE, Key: { pk, sk }, ConsistentRead: true }));
      if (!Item) throw new Error(`template item ${pk} ${sk} not found`);
      return Item;
    };
    orgTemplate = {
      id,
      org: await get(keys.orgKey(id)),
      event: await get(keys.auditEventKey(keys.orgChain(id), 1)),
      head: await get(keys.auditHeadKey(keys.orgChain(id))),
    };
    // One idempotency record written by the route (route first in the list, so the table is not empty).
    const scan = await rawLow.send(new ScanCommand({ TableName: IDEM_TABLE, Limit: 1 }));
    const rec = scan.Items?.[0];
    if (!rec?.id?.S || !rec.data || !rec.validation || !rec.expiration) throw new Error('no completed idempotency record to copy');
    const { data, validation, expiration, status: _s, ...rest } = rec;
    void _s;
    idemTemplate = {
      key: rec.id.S,
      put: { ...rest, expiration, status: { S: 'INPROGRESS' }, validation },
      update: { ':expiry': expiration, ':status': { S: 'COMPLETED' }, ':response_data': data, ':validation_key': validation },
    };
    log(
      `raw templates: org item ${JSON.stringify(orgTemplate.org).length} B, audit event ${JSON.stringify(orgTemplate.event).length} B, ` +
        `idempotency record ${JSON.stringify(rec).length} B`,
    );
  };

  // ── JWT verification alone (what the local stand-in for the API Gateway authorizer costs per request) ──
  for (let i = 0; i < (!ONLY || ONLY.test('dev JWT verification') ? WARMUP + N : 0); i++) {
    const t0 = performance.now();
    await verifyDevToken(token, devSecret);
    if (i >= WARMUP) record('jwt.verify', performance.now() - t0);
  }

  const selected = selectWorkloads(bench, workloads, ONLY);

  // ── templates for the raw POST series: one real POST of each kind, then copy what it wrote ──
  if (selected.some((w) => w.needsTemplates)) {
    for (const name of ['POST organization · route', 'POST organization + Idempotency-Key · route']) await workloads.find((w) => w.name === name)!.run(false);
    await captureTemplates();
  }

  // ── warm-up, then measurement in interleaved blocks ──
  cappedAt = await warmUpAndMeasure(bench, selected, { n: N, warmup: WARMUP, block: BLOCK });

  report({ projectId });
}

// ───────────────────────────── report ─────────────────────────────

function report(info: { projectId: string }) {
  const { row } = samples;
  const lines: string[] = [];
  lines.push('', '## Environment', '');
  lines.push(...environmentLines());
  lines.push(
    `- settings: BENCH_N=${N}, BENCH_WARMUP=${WARMUP}, BENCH_MAX_SECONDS=${MAX_SECONDS}, sequential (1 request at a time), loopback, DynamoDB Local in memory`,
  );
  lines.push(`- project under test: ${info.projectId} (${PARTNERS} partners; the GET reads META + ${PARTNERS} MEMBER items)`);
  if (cappedAt) lines.push(`- **partial run**: ${cappedAt}`);

  lines.push('', '## GET /projects/{id} (legal token)', '', ...STATS_TABLE_HEAD);
  lines.push(row('route over HTTP (client-observed)', 'get.route'));
  lines.push(row('  ↳ server time (request in → response finished)', 'get.route#server'));
  lines.push(row('  ↳ DynamoDB time inside the route', 'get.route#ddb'));
  lines.push(row('  ↳ server time outside DynamoDB (JWT, routing, middy, zod, JSON, …)', 'get.route#overhead'));
  lines.push(row('  ↳ client + socket (client-observed − server time)', 'get.route#client'));
  lines.push(row('handler called in-process (no HTTP, no JWT)', 'get.direct'));
  lines.push(row('raw Query (pk = PROJ#id, sk BETWEEN LAWYER# AND META)', 'get.raw.query'));

  lines.push('', '## POST /organizations (French org, 3 shareholders), no Idempotency-Key', '', ...STATS_TABLE_HEAD);
  lines.push(row('route over HTTP (client-observed)', 'post.route'));
  lines.push(row('  ↳ server time', 'post.route#server'));
  lines.push(row('  ↳ DynamoDB time inside the route', 'post.route#ddb'));
  lines.push(row('  ↳ server time outside DynamoDB (JWT, routing, middy, zod, JSON, …)', 'post.route#overhead'));
  lines.push(row('  ↳ client + socket (client-observed − server time)', 'post.route#client'));
  lines.push(row('handler called in-process (no HTTP, no JWT)', 'post.direct'));
  lines.push(row('raw GetItem (consistent, audit head)', 'post.raw.get'));
  lines.push(row('raw TransactWriteItems (3 conditional Puts)', 'post.raw.tx'));
  lines.push(row('raw sequence GetItem → TransactWriteItems', 'post.raw.seq'));

  lines.push('', '## POST /organizations with a unique Idempotency-Key', '', ...STATS_TABLE_HEAD);
  lines.push(row('route over HTTP (client-observed)', 'idem.route'));
  lines.push(row('  ↳ server time', 'idem.route#server'));
  lines.push(row('  ↳ DynamoDB time inside the route', 'idem.route#ddb'));
  lines.push(row('  ↳ server time outside DynamoDB (JWT, routing, middy, zod, JSON, …)', 'idem.route#overhead'));
  lines.push(row('  ↳ client + socket (client-observed − server time)', 'idem.route#client'));
  lines.push(row('raw PutItem (idempotency record, conditional)', 'idem.raw.put'));
  lines.push(row('raw GetItem (consistent, audit head)', 'idem.raw.get'));
  lines.push(row('raw TransactWriteItems (3 conditional Puts)', 'idem.raw.tx'));
  lines.push(row('raw UpdateItem (idempotency record → COMPLETED)', 'idem.raw.update'));
  lines.push(row('raw sequence of the 4 calls', 'idem.raw.seq'));

  lines.push('', '## Local authorizer', '', ...STATS_TABLE_HEAD);
  lines.push(row('dev JWT verification (HS256, jose) in-process', 'jwt.verify'));

  const calls = (series: string) => stats(`${series}#calls`).mean;
  lines.push(
    '',
    `DynamoDB calls per request seen inside the routes: GET ${f2(calls('get.route'))}, POST ${f2(calls('post.route'))}, POST+key ${f2(calls('idem.route'))}.`,
  );

  // Budget
  const budget = (label: string, routeSeries: string, rawParts: string[], rawSeq: string) => {
    const route = stats(routeSeries).p99;
    const sumP99 = rawParts.reduce((a, s) => a + stats(s).p99, 0);
    const seqP99 = stats(rawSeq).p99;
    const verdict = (r: number) => (!Number.isFinite(route) || !Number.isFinite(r) ? 'n/a' : route <= BUDGET_FACTOR * r ? 'PASS' : 'FAIL');
    return `| ${label} | ${f2(route)} | ${f2(sumP99)} | ${f2(route / sumP99)}× | **${verdict(sumP99)}** | ${f2(seqP99)} | ${f2(route / seqP99)}× | ${verdict(seqP99)} |`;
  };
  lines.push('', `## Budget: route p99 ≤ ${BUDGET_FACTOR} × raw p99`, '');
  lines.push(
    '"raw p99" = sum of the p99 of each raw round-trip (the budget of issue #2 §10). The p99 of the raw sequence measured end to end is the fairer (stricter) reference and is shown next to it.',
    '',
  );
  lines.push('| route | route p99 ms | raw p99 ms (Σ p99) | ratio | budget | raw seq p99 ms | ratio | vs seq |');
  lines.push('|---|---:|---:|---:|---|---:|---:|---|');
  lines.push(budget('GET /projects/{id}', 'get.route', ['get.raw.query'], 'get.raw.query'));
  lines.push(budget('POST /organizations', 'post.route', ['post.raw.get', 'post.raw.tx'], 'post.raw.seq'));
  lines.push(budget('POST /organizations + Idempotency-Key', 'idem.route', ['idem.raw.put', 'idem.raw.get', 'idem.raw.tx', 'idem.raw.update'], 'idem.raw.seq'));
  const idemVs2 = stats('idem.route').p99 / (stats('post.raw.get').p99 + stats('post.raw.tx').p99);
  if (Number.isFinite(idemVs2))
    lines.push(
      '',
      `(POST + Idempotency-Key against the 2 round-trips of the plain POST only: ${f2(idemVs2)}× — ${idemVs2 <= BUDGET_FACTOR ? 'PASS' : 'FAIL'}.)`,
    );
  lines.push('', 'A budget miss is reported here; it does not make this script fail.');
  console.log(lines.join('\n'));
}

bench.run(main);
