/**
 * Property-based fuzzing of every write route of the route table (issue 13 §3), over the wire: thousands of
 * arbitrary bodies, bodies shaped like the route's own schema with wrong values, valid bodies with one part
 * broken, malformed JSON and garbage path parameters. Whatever comes in, the API answers without a 5xx, and
 * every 4xx is application/problem+json; a 400 names the offending field paths (`errors[].path`, '' for the body).
 *
 * `FUZZ_RUNS` sets the bodies per route and generator (default 25: about 2,500 requests in all).
 */
import fc from 'fast-check';
import * as z from 'zod';
import { routes } from '../../shared/api/routes';
import type { RouteDef } from '../../shared/api/route';

type Route = RouteDef<any, any, any>;
import { completeDeclaration } from '../fixtures/declaration';
import { consortium, uploadDocument, type Consortium } from './helpers/consortium';
import { frenchOrg, projectBody, startApi, tokenFor, type Api, type ApiResponse } from './helpers/api';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const writeRoutes = routes.filter((r) => r.method !== 'GET' && !r.localOnly) as Route[];

let api: Api;
let legal: string;
let c: Consortium;
let params: Record<string, string>;
const seen = { requests: 0, byStatus: new Map<number, number>() };

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  c = await consortium(api, legal, 'FUZZ');
  const flag = await api.call('POST', `/projects/${c.project}/flags`, {
    token: legal,
    body: { title: 'Signalement de test', severity: 'low', explanation: 'Créé pour le fuzzing' },
  });
  const doc = await uploadDocument(api, c.tokens[0]!, c.project, new TextEncoder().encode('%PDF-1.4 fuzz'));
  params = {
    projectId: c.project,
    orgId: c.orgs[0]!,
    email: 'fuzz@pole.example',
    docId: doc,
    flagId: flag.body?.id ?? 'flg_missing',
    stepId: 'partner-approval',
    n: '1',
  };
}, 120_000);
afterAll(async () => {
  // The distribution is part of the evidence: a fuzz that only ever met 400s would test little.
  console.log(`fuzz: ${seen.requests} requests, by status ${JSON.stringify(Object.fromEntries([...seen.byStatus].sort()))}`);
  await api.close();
});

const pathOf = (route: Route, values: Record<string, string>) =>
  route.path.replace(/\{(\w+)\}/g, (_: string, name: string) => encodeURIComponent(values[name] ?? `x-${name}`));

/** Every property name the route's body schema knows, at any depth: the shaped generator draws keys from it. */
function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return ['x'];
  const keys = new Set<string>();
  const walk = (s: unknown) => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) keys.add(k);
    for (const v of Object.values(o)) walk(v);
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  return keys.size ? [...keys] : ['x'];
}

/** A body the route accepts (where one is easy to write): the "one part broken" generator starts from it. */
function validSample(route: Route): unknown {
  switch (`${route.method} ${route.path}`) {
    case 'PUT /projects/{projectId}/declarations/{orgId}':
      return completeDeclaration(c.orgs[0]!, c.orgs[1]!, c.orgs[2]!);
    case 'POST /organizations':
      return frenchOrg('Fuzz SAS');
    case 'POST /projects':
      return projectBody({ partners: [{ organizationId: c.orgs[0], role: 'coordinator' }] });
    case 'POST /projects/{projectId}/flags':
      return { title: 'Signalement', severity: 'medium', explanation: 'Explication' };
    case 'POST /organizations/{orgId}/control-events':
      return { kind: 'acquisition', investor: { name: 'Fonds', country: 'US' }, votingRightsBefore: 0, votingRightsAfter: 30, effectiveDate: '2027-02-01' };
    case 'POST /projects/{projectId}/documents':
      return { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 };
    default:
      return {};
  }
}

const leaf = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 4 },
  { arbitrary: fc.string({ maxLength: 120 }), weight: 4 },
  // Longer than any field allows, now and then.
  { arbitrary: fc.string({ minLength: 2_000, maxLength: 6_000 }), weight: 1 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.double(), weight: 2 },
  {
    arbitrary: fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '<script>alert(1)</script>', '9'.repeat(400), '2027-02-30', 'NaN', '__proto__'),
    weight: 3,
  },
);

/** `value` with the node at one path (chosen by `choices`) replaced by `replacement`, or deleted. */
function breakAt(value: unknown, choices: number[], replacement: unknown, remove: boolean): unknown {
  if (!choices.length || value === null || typeof value !== 'object') return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (!entries.length) return replacement;
  const [key, child] = entries[choices[0]! % entries.length]!;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  if (choices.length === 1 && remove) {
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
  } else copy[key] = breakAt(child, choices.slice(1), replacement, remove);
  return copy;
}

function check(route: Route, res: ApiResponse, sent: string): void {
  seen.requests++;
  seen.byStatus.set(res.status, (seen.byStatus.get(res.status) ?? 0) + 1);
  const where = `${route.method} ${route.path} → ${res.status} for ${sent.slice(0, 300)}: ${res.text.slice(0, 300)}`;
  if (res.status >= 500 || res.status < 200) throw new Error(`5xx: ${where}`);
  if (res.status < 400) return;
  if (!res.headers.get('content-type')?.startsWith('application/problem+json')) throw new Error(`not problem+json: ${where}`);
  if (res.body?.status !== res.status || typeof res.body?.title !== 'string') throw new Error(`problem without status/title: ${where}`);
  if (res.status === 400) {
    const errors = res.body.errors as { path?: unknown }[] | undefined;
    if (!Array.isArray(errors) || !errors.length || !errors.every((e) => typeof e.path === 'string')) throw new Error(`400 without field paths: ${where}`);
  }
}

async function send(route: Route, body: string | undefined, headers: Record<string, string> = {}, values = params): Promise<void> {
  const token = route.roles !== 'public' && route.roles.includes('partner') && body && body.length % 2 ? c.tokens[0]! : legal;
  const h: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (route.requiresIfMatch && !('if-match' in h)) h['if-match'] = '"1"';
  const path = pathOf(route, values);
  let res: ApiResponse;
  try {
    res = await api.call(route.method, path, { token, rawBody: body, headers: h });
  } catch (e) {
    // No answer at all (the connection dropped) is as bad as a 5xx.
    throw new Error(`${route.method} ${path}: no response (${String((e as Error).cause ?? e)}) for ${(body ?? '').slice(0, 200)}`, { cause: e });
  }
  check(route, res, body ?? '');
}

describe.each(writeRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
  const opts = { numRuns: RUNS, endOnFailure: true } as const;

  it('answers any JSON value with a 4xx problem (or a success), never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => send(route, JSON.stringify(v) ?? 'null')),
      opts,
    );
  }, 120_000);

  it('answers objects shaped like its schema, with wrong values, with field paths', async () => {
    const keys = keysOf(route.body);
    const shaped: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.dictionary(fc.constantFrom(...keys), fc.oneof({ depthSize: 'xsmall' }, leaf, fc.array(tie('node'), { maxLength: 2 }), tie('node')), {
        maxKeys: 6,
      }),
    })).node;
    await fc.assert(
      fc.asyncProperty(shaped, async (v) => send(route, JSON.stringify(v))),
      opts,
    );
  }, 120_000);

  it('answers a valid body with one part broken or removed', async () => {
    const sample = validSample(route);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), leaf, fc.boolean(), async (choices, replacement, remove) =>
        send(route, JSON.stringify(breakAt(sample, choices, replacement, remove))),
      ),
      opts,
    );
  }, 120_000);

  it('answers malformed JSON, wrong content types, bad If-Match and garbage path parameters with a 4xx problem', async () => {
    const garbage = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('%', '..', 'prj_' + 'f'.repeat(32), 'org_' + '0'.repeat(31), '\u00ff\u0000'));
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }).filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
        fc.record({ projectId: garbage, orgId: garbage, email: garbage, docId: garbage, flagId: garbage, stepId: garbage, n: garbage }),
        fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/json'),
        fc.oneof(fc.constant('*'), fc.string({ maxLength: 30 }), fc.constant('"999999"')),
        async (raw, values, type, ifMatch) => {
          await send(route, raw, { 'content-type': type });
          await send(route, JSON.stringify(validSample(route)), { 'if-match': ifMatch });
          await send(route, JSON.stringify(validSample(route)), {}, values);
        },
      ),
      { ...opts, numRuns: Math.max(5, Math.round(RUNS / 2)) },
    );
  }, 120_000);
});

it('covered every write route of the route table', () => {
  expect(writeRoutes.length).toBeGreaterThanOrEqual(20);
  expect(seen.requests).toBeGreaterThan(writeRoutes.length * RUNS * 3);
});
