import { routes, routeKey } from '../../shared/api/routes';
import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';

/**
 * Walks the whole route × role matrix over HTTP. Every route of shared/api/routes.ts must have a row here
 * (the last test fails otherwise), so a new route cannot ship without its access rules being tested.
 *
 * Fixture: partner A's organization is in project P1 (lawyer L assigned); organization B is only in P2.
 */
type Who = 'anonymous' | 'legal' | 'committee' | 'lawyer' | 'partnerA';
const WHO: Who[] = ['anonymous', 'legal', 'committee', 'lawyer', 'partnerA'];

let api: Api;
let tokens: Record<Who, string | undefined>;
let legal: string;
let orgA: { id: string };
let orgB: { id: string };
let orgC: { id: string };
let p1: { id: string };
let p2: { id: string };
const LAWYER = 'lawyer-matrix@cabinet.example';

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  orgA = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Matrix A') })).body;
  orgB = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Matrix B') })).body;
  orgC = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Matrix C') })).body;
  p1 = (
    await api.call('POST', '/projects', {
      token: legal,
      body: projectBody({
        partners: [
          { organizationId: orgA.id, role: 'coordinator' },
          { organizationId: orgC.id, role: 'partner' },
        ],
      }),
    })
  ).body;
  p2 = (await api.call('POST', '/projects', { token: legal, body: projectBody({ partners: [{ organizationId: orgB.id, role: 'coordinator' }] }) })).body;
  expect((await api.call('PUT', `/projects/${p1.id}/lawyers/${encodeURIComponent(LAWYER)}`, { token: legal })).status).toBe(201);
  // Drafts: A's and C's in P1, B's in P2.
  for (const [p, o] of [
    [p1, orgA],
    [p1, orgC],
    [p2, orgB],
  ] as const) {
    expect(
      (await api.call('PUT', `/projects/${p.id}/declarations/${o.id}`, { token: legal, body: { background: [{ key: 'k1', title: 'Brouillon' }] } })).status,
    ).toBe(201);
  }
  for (const p of [p1, p2]) expect((await api.call('POST', `/projects/${p.id}/workflow`, { token: legal, body: {} })).status).toBe(201);
  tokens = {
    anonymous: undefined,
    legal,
    committee: await tokenFor('committee'),
    lawyer: await tokenFor('lawyer', undefined, LAWYER),
    partnerA: await tokenFor('partner', orgA.id),
  };
});
afterAll(() => api.close());

interface Case {
  name: string;
  /** Builds the request; `fresh` gives a new project/org so a mutating call by one role cannot affect another. */
  request: () => Promise<{ path: string; body?: unknown; headers?: Record<string, string> }>;
  expect: Record<Who, number>;
}

const freshProject = async () =>
  (await api.call('POST', '/projects', { token: legal, body: projectBody({ partners: [{ organizationId: orgA.id, role: 'coordinator' }] }) })).body;
let n = 0;
const uniq = () => `staff-${Date.now()}-${n++}`;
const verifications = new Map<string, Promise<string>>();
/** A full verification of the chain under `base` (`/projects/{id}` or `/organizations/{id}`), started once by legal staff. */
const verificationOf = (base: string) => {
  let v = verifications.get(base);
  if (!v) {
    v = api.call('POST', `${base}/audit/verifications`, { token: legal }).then((r) => r.body.id as string);
    verifications.set(base, v);
  }
  return v;
};
let bDoc: { id: string } | undefined;
/** A pending document of organization B in P2 (uploaded by legal staff). */
const docOfB = async () =>
  (bDoc ??= (
    await api.call('POST', `/projects/${p2.id}/documents`, {
      token: legal,
      body: { fileName: 'b.pdf', contentType: 'application/pdf', size: 100, organizationId: orgB.id },
    })
  ).body.document as { id: string });
const freshOrg = async () => (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Fresh') })).body;
const freshEvent = async (orgId: string) =>
  (
    await api.call('POST', `/organizations/${orgId}/control-events`, {
      token: legal,
      body: {
        kind: 'shareholding-change',
        status: 'planned',
        investor: { name: 'Fonds Alpin', country: 'FR' },
        votingRightsAfterPct: 5,
        effectiveDate: '2027-01-01',
      },
    })
  ).body.event;

const matrix: Record<string, Case[]> = {
  'GET /health': [
    { name: 'health', request: async () => ({ path: '/health' }), expect: { anonymous: 200, legal: 200, committee: 200, lawyer: 200, partnerA: 200 } },
  ],
  'GET /openapi.json': [
    { name: 'openapi', request: async () => ({ path: '/openapi.json' }), expect: { anonymous: 200, legal: 200, committee: 200, lawyer: 200, partnerA: 200 } },
  ],
  'POST /dev/token': [
    {
      name: 'dev token',
      request: async () => ({ path: '/dev/token', body: { role: 'committee' } }),
      expect: { anonymous: 201, legal: 201, committee: 201, lawyer: 201, partnerA: 201 },
    },
  ],
  'GET /forms/{formId}': [
    {
      name: 'form',
      request: async () => ({ path: '/forms/organization' }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
  ],
  'POST /organizations': [
    {
      name: 'create org',
      request: async () => ({ path: '/organizations', body: frenchOrg('New') }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /organizations': [
    {
      name: 'list orgs',
      request: async () => ({ path: '/organizations' }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /organizations/{orgId}': [
    {
      name: 'own org A',
      request: async () => ({ path: `/organizations/${orgA.id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'other org B',
      request: async () => ({ path: `/organizations/${orgB.id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
    {
      name: 'missing org',
      request: async () => ({ path: `/organizations/org_${'f'.repeat(32)}` }),
      expect: { anonymous: 401, legal: 404, committee: 404, lawyer: 404, partnerA: 404 },
    },
  ],
  'PATCH /organizations/{orgId}': [
    {
      name: 'patch org',
      request: async () => ({ path: `/organizations/${(await freshOrg()).id}`, body: { city: 'Grenoble' }, headers: { 'if-match': '"1"' } }),
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
    {
      name: 'partner patches its own org',
      request: async () => ({ path: `/organizations/${orgA.id}`, body: { city: 'Nice' }, headers: { 'if-match': '"1"' } }),
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /organizations/{orgId}/audit': [
    {
      name: 'org audit',
      request: async () => ({ path: `/organizations/${orgA.id}/audit` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /organizations/{orgId}/audit/verify': [
    {
      name: 'org audit verify',
      request: async () => ({ path: `/organizations/${orgA.id}/audit/verify` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /organizations/{orgId}/audit/verifications': [
    {
      name: 'start a full verification of A',
      request: async () => ({ path: `/organizations/${orgA.id}/audit/verifications` }),
      expect: { anonymous: 401, legal: 202, committee: 202, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /organizations/{orgId}/audit/verifications/{verificationId}': [
    {
      name: "A's verification",
      request: async () => ({ path: `/organizations/${orgA.id}/audit/verifications/${await verificationOf(`/organizations/${orgA.id}`)}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
    {
      name: "A's verification read through B",
      request: async () => ({ path: `/organizations/${orgB.id}/audit/verifications/${await verificationOf(`/organizations/${orgA.id}`)}` }),
      expect: { anonymous: 401, legal: 404, committee: 404, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /organizations/{orgId}/control-chain': [
    {
      name: 'chain of A',
      request: async () => ({ path: `/organizations/${orgA.id}/control-chain` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 403 },
    },
    {
      name: "chain of B (not in the lawyer's projects)",
      request: async () => ({ path: `/organizations/${orgB.id}/control-chain` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 403 },
    },
  ],
  'GET /organizations/{orgId}/projects': [
    {
      name: 'projects of A',
      request: async () => ({ path: `/organizations/${orgA.id}/projects` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'projects of B',
      request: async () => ({ path: `/organizations/${orgB.id}/projects` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
    {
      name: 'projects of a missing org',
      request: async () => ({ path: `/organizations/org_${'e'.repeat(32)}/projects` }),
      expect: { anonymous: 401, legal: 404, committee: 404, lawyer: 404, partnerA: 404 },
    },
  ],
  'POST /projects': [
    {
      name: 'create project',
      request: async () => ({ path: '/projects', body: projectBody() }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects': [
    { name: 'list projects', request: async () => ({ path: '/projects' }), expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 } },
  ],
  'GET /projects/{projectId}': [
    {
      name: 'project P1 (A is in)',
      request: async () => ({ path: `/projects/${p1.id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'project P2 (A is not in)',
      request: async () => ({ path: `/projects/${p2.id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'PATCH /projects/{projectId}': [
    {
      name: 'patch project',
      request: async () => ({ path: `/projects/${(await freshProject()).id}`, body: { title: 'T' }, headers: { 'if-match': '"1"' } }),
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'PUT /projects/{projectId}/partners/{orgId}': [
    {
      name: 'add partner',
      request: async () => ({ path: `/projects/${(await freshProject()).id}/partners/${orgB.id}`, body: { role: 'partner' } }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'DELETE /projects/{projectId}/partners/{orgId}': [
    {
      name: 'remove partner',
      request: async () => ({ path: `/projects/${(await freshProject()).id}/partners/${orgA.id}` }),
      expect: { anonymous: 401, legal: 204, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'PUT /projects/{projectId}/lawyers/{email}': [
    {
      name: 'assign lawyer',
      request: async () => ({ path: `/projects/${(await freshProject()).id}/lawyers/x%40y.example` }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'DELETE /projects/{projectId}/lawyers/{email}': [
    {
      name: 'unassign lawyer',
      request: async () => {
        const p = await freshProject();
        await api.call('PUT', `/projects/${p.id}/lawyers/z%40y.example`, { token: legal });
        return { path: `/projects/${p.id}/lawyers/z%40y.example` };
      },
      expect: { anonymous: 401, legal: 204, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects/{projectId}/declarations': [
    {
      name: 'P1 statuses',
      request: async () => ({ path: `/projects/${p1.id}/declarations` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'P2 statuses',
      request: async () => ({ path: `/projects/${p2.id}/declarations` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/declarations/{orgId}': [
    {
      name: "A's draft in P1",
      request: async () => ({ path: `/projects/${p1.id}/declarations/${orgA.id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: "C's draft in P1 (another partner's draft)",
      request: async () => ({ path: `/projects/${p1.id}/declarations/${orgC.id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 404 },
    },
    {
      name: "B's draft in P2",
      request: async () => ({ path: `/projects/${p2.id}/declarations/${orgB.id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'PUT /projects/{projectId}/declarations/{orgId}': [
    {
      name: "first save of A's",
      request: async () => ({ path: `/projects/${(await freshProject()).id}/declarations/${orgA.id}`, body: { background: [] } }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 201 },
    },
    {
      name: "C's in P1",
      request: async () => ({ path: `/projects/${p1.id}/declarations/${orgC.id}`, body: { background: [] }, headers: { 'if-match': '"1"' } }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects/{projectId}/declarations/{orgId}/versions': [
    {
      name: "A's history",
      request: async () => ({ path: `/projects/${p1.id}/declarations/${orgA.id}/versions` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: "B's history in P2",
      request: async () => ({ path: `/projects/${p2.id}/declarations/${orgB.id}/versions` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/declarations/{orgId}/versions/{n}': [
    {
      name: "A's v1",
      request: async () => ({ path: `/projects/${p1.id}/declarations/${orgA.id}/versions/1` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: "C's draft v1",
      request: async () => ({ path: `/projects/${p1.id}/declarations/${orgC.id}/versions/1` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/declarations/{orgId}/diff': [
    {
      name: "A's diff",
      request: async () => ({ path: `/projects/${p1.id}/declarations/${orgA.id}/diff?from=1&to=1` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
  ],
  'POST /projects/{projectId}/declarations/{orgId}/submit': [
    {
      name: "A's incomplete draft",
      request: async () => {
        const p = await freshProject();
        await api.call('PUT', `/projects/${p.id}/declarations/${orgA.id}`, { token: legal, body: { background: [] } });
        return { path: `/projects/${p.id}/declarations/${orgA.id}/submit` };
      },
      expect: { anonymous: 401, legal: 400, committee: 403, lawyer: 403, partnerA: 400 },
    },
    {
      name: "B's in P2",
      request: async () => ({ path: `/projects/${p2.id}/declarations/${orgB.id}/submit` }),
      expect: { anonymous: 401, legal: 400, committee: 403, lawyer: 403, partnerA: 404 },
    },
  ],
  'POST /projects/{projectId}/documents': [
    {
      name: 'upload to P1',
      request: async () => ({
        path: `/projects/${p1.id}/documents`,
        body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 100, organizationId: orgA.id },
      }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 201 },
    },
    {
      name: 'upload to P2',
      request: async () => ({ path: `/projects/${p2.id}/documents`, body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 100 } }),
      expect: { anonymous: 401, legal: 400, committee: 403, lawyer: 403, partnerA: 404 },
    },
  ],
  'POST /projects/{projectId}/documents/{docId}/confirm': [
    {
      name: 'confirm B doc in P2',
      request: async () => ({ path: `/projects/${p2.id}/documents/${(await docOfB()).id}/confirm` }),
      expect: { anonymous: 401, legal: 409, committee: 403, lawyer: 403, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/documents': [
    {
      name: 'list P1',
      request: async () => ({ path: `/projects/${p1.id}/documents` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'list P2',
      request: async () => ({ path: `/projects/${p2.id}/documents` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'GET /documents/{docId}': [
    {
      name: 'B doc in P2',
      request: async () => ({ path: `/documents/${(await docOfB()).id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/ip-file': [
    {
      name: 'P1 IP file',
      request: async () => ({ path: `/projects/${p1.id}/ip-file` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'P2 IP file',
      request: async () => ({ path: `/projects/${p2.id}/ip-file` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'POST /projects/{projectId}/workflow': [
    {
      name: 'start',
      request: async () => ({ path: `/projects/${(await freshProject()).id}/workflow`, body: {} }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects/{projectId}/workflow': [
    {
      name: 'P1 workflow',
      request: async () => ({ path: `/projects/${p1.id}/workflow` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'P2 workflow',
      request: async () => ({ path: `/projects/${p2.id}/workflow` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'PATCH /projects/{projectId}/workflow': [
    {
      name: 'SLA',
      request: async () => {
        const p = await freshProject();
        await api.call('POST', `/projects/${p.id}/workflow`, { token: legal, body: {} });
        return { path: `/projects/${p.id}/workflow`, body: { slaDays: { legal: 7 } }, headers: { 'if-match': '"1"' } };
      },
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /projects/{projectId}/workflow/steps/{stepId}/decision': [
    {
      name: 'legal review not open yet',
      request: async () => ({ path: `/projects/${p1.id}/workflow/steps/legal-review/decision`, body: { decision: 'approve', comment: '' } }),
      expect: { anonymous: 401, legal: 409, committee: 403, lawyer: 403, partnerA: 403 },
    },
    {
      name: 'in P2',
      request: async () => ({ path: `/projects/${p2.id}/workflow/steps/committee/decision`, body: { decision: 'approve', comment: '' } }),
      expect: { anonymous: 401, legal: 403, committee: 409, lawyer: 404, partnerA: 404 },
    },
  ],
  'POST /projects/{projectId}/workflow/reopen': [
    {
      name: 'reopen (not rejected)',
      request: async () => ({ path: `/projects/${p1.id}/workflow/reopen` }),
      expect: { anonymous: 401, legal: 409, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /projects/{projectId}/agreements': [
    {
      name: 'generate in P1 (still at declarations)',
      request: async () => ({ path: `/projects/${p1.id}/agreements`, body: { language: 'fr' } }),
      expect: { anonymous: 401, legal: 409, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects/{projectId}/agreements': [
    {
      name: 'P1 versions',
      request: async () => ({ path: `/projects/${p1.id}/agreements` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'P2 versions',
      request: async () => ({ path: `/projects/${p2.id}/agreements` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/agreements/{n}': [
    {
      name: 'P1 version 1 (none yet)',
      request: async () => ({ path: `/projects/${p1.id}/agreements/1` }),
      expect: { anonymous: 401, legal: 404, committee: 404, lawyer: 404, partnerA: 404 },
    },
  ],
  'POST /projects/{projectId}/agreements/{n}/signatures': [
    {
      name: "A's signature in P1 (no version yet)",
      request: async () => ({
        path: `/projects/${p1.id}/agreements/1/signatures`,
        body: { organizationId: orgA.id, signatoryName: 'A', signatoryRole: 'PDG', signedOn: '2027-01-04', documentId: `doc_${'0'.repeat(32)}` },
      }),
      expect: { anonymous: 401, legal: 404, committee: 403, lawyer: 403, partnerA: 404 },
    },
    {
      name: "C's signature by A's representative",
      request: async () => ({
        path: `/projects/${p1.id}/agreements/1/signatures`,
        body: { organizationId: orgC.id, signatoryName: 'C', signatoryRole: 'PDG', signedOn: '2027-01-04', documentId: `doc_${'0'.repeat(32)}` },
      }),
      expect: { anonymous: 401, legal: 404, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /projects/{projectId}/publications': [
    {
      name: 'notice in P1 (manuscript not available)',
      request: async () => ({
        path: `/projects/${p1.id}/publications`,
        body: { organizationId: orgA.id, title: 'T', authors: ['X'], venue: 'V', plannedDate: '2099-01-01', documentId: `doc_${'0'.repeat(32)}` },
      }),
      expect: { anonymous: 401, legal: 400, committee: 403, lawyer: 403, partnerA: 400 },
    },
    {
      name: 'notice for C by A',
      request: async () => ({
        path: `/projects/${p1.id}/publications`,
        body: { organizationId: orgC.id, title: 'T', authors: ['X'], venue: 'V', plannedDate: '2099-01-01', documentId: `doc_${'0'.repeat(32)}` },
      }),
      expect: { anonymous: 401, legal: 400, committee: 403, lawyer: 403, partnerA: 403 },
    },
    {
      name: 'notice in P2',
      request: async () => ({
        path: `/projects/${p2.id}/publications`,
        body: { organizationId: orgB.id, title: 'T', authors: ['X'], venue: 'V', plannedDate: '2099-01-01', documentId: `doc_${'0'.repeat(32)}` },
      }),
      expect: { anonymous: 401, legal: 400, committee: 403, lawyer: 403, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/publications': [
    {
      name: 'P1 notices',
      request: async () => ({ path: `/projects/${p1.id}/publications` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 },
    },
    {
      name: 'P2 notices',
      request: async () => ({ path: `/projects/${p2.id}/publications` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/publications/{publicationId}': [
    {
      name: 'unknown notice in P1',
      request: async () => ({ path: `/projects/${p1.id}/publications/pub_${'0'.repeat(32)}` }),
      expect: { anonymous: 401, legal: 404, committee: 404, lawyer: 404, partnerA: 404 },
    },
  ],
  'POST /projects/{projectId}/publications/{publicationId}/objections': [
    {
      name: 'unknown notice in P1',
      request: async () => ({
        path: `/projects/${p1.id}/publications/pub_${'0'.repeat(32)}/objections`,
        body: { organizationId: orgC.id, grounds: 'confidential-information', comment: 'x' },
        headers: { 'if-match': '"1"' },
      }),
      expect: { anonymous: 401, legal: 404, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /projects/{projectId}/publications/{publicationId}/consents': [
    {
      name: 'unknown notice in P1',
      request: async () => ({
        path: `/projects/${p1.id}/publications/pub_${'0'.repeat(32)}/consents`,
        body: { organizationId: orgC.id },
        headers: { 'if-match': '"1"' },
      }),
      expect: { anonymous: 401, legal: 404, committee: 403, lawyer: 403, partnerA: 403 },
    },
    {
      name: 'unknown notice in P1, for its own organization',
      request: async () => ({ path: `/projects/${p1.id}/publications/pub_${'0'.repeat(32)}/consents`, body: {}, headers: { 'if-match': '"1"' } }),
      expect: { anonymous: 401, legal: 400, committee: 403, lawyer: 403, partnerA: 404 },
    },
  ],
  'DELETE /projects/{projectId}/publications/{publicationId}/objections/{organizationId}': [
    {
      name: "A's objection on an unknown notice",
      request: async () => ({ path: `/projects/${p1.id}/publications/pub_${'0'.repeat(32)}/objections/${orgA.id}`, headers: { 'if-match': '"1"' } }),
      expect: { anonymous: 401, legal: 404, committee: 403, lawyer: 403, partnerA: 404 },
    },
  ],
  'POST /projects/{projectId}/publications/{publicationId}/versions': [
    {
      name: 'unknown notice in P1',
      request: async () => ({
        path: `/projects/${p1.id}/publications/pub_${'0'.repeat(32)}/versions`,
        body: { documentId: `doc_${'0'.repeat(32)}` },
        headers: { 'if-match': '"1"' },
      }),
      expect: { anonymous: 401, legal: 404, committee: 403, lawyer: 403, partnerA: 404 },
    },
  ],
  'GET /projects/{projectId}/control-reviews': [
    {
      name: 'P1 change-of-control reviews',
      request: async () => ({ path: `/projects/${p1.id}/control-reviews` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 403 },
    },
    {
      name: 'P2 change-of-control reviews',
      request: async () => ({ path: `/projects/${p2.id}/control-reviews` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 403 },
    },
  ],
  'POST /projects/{projectId}/control-reviews/{reviewId}/decision': [
    {
      name: 'unknown review in P1',
      request: async () => ({
        path: `/projects/${p1.id}/control-reviews/crv_${'0'.repeat(32)}/decision`,
        body: { outcome: 'accept', note: 'Rien à signaler' },
        headers: { 'if-match': '"1"' },
      }),
      expect: { anonymous: 401, legal: 403, committee: 404, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /me/tasks': [
    { name: 'my tasks', request: async () => ({ path: '/me/tasks' }), expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 200 } },
  ],
  'GET /staff': [
    { name: 'directory', request: async () => ({ path: '/staff' }), expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 } },
  ],
  'PUT /staff/{email}': [
    {
      name: 'add staff',
      request: async () => ({ path: `/staff/${uniq()}%40pole.example`, body: { name: 'X', role: 'committee' } }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'DELETE /staff/{email}': [
    {
      name: 'remove staff',
      request: async () => {
        const email = `${uniq()}@pole.example`;
        await api.call('PUT', `/staff/${encodeURIComponent(email)}`, { token: legal, body: { name: 'Y', role: 'legal' } });
        return { path: `/staff/${encodeURIComponent(email)}` };
      },
      expect: { anonymous: 401, legal: 204, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects/{projectId}/flags': [
    {
      name: 'P1 flags',
      request: async () => ({ path: `/projects/${p1.id}/flags` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 200, partnerA: 403 },
    },
    {
      name: 'P2 flags',
      request: async () => ({ path: `/projects/${p2.id}/flags` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 404, partnerA: 403 },
    },
  ],
  'POST /projects/{projectId}/flags': [
    {
      name: 'manual flag',
      request: async () => ({ path: `/projects/${p1.id}/flags`, body: { title: 'Point à vérifier', severity: 'low', explanation: 'Vérifier la clause.' } }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /projects/{projectId}/flags/{flagId}/actions': [
    {
      name: 'acknowledge',
      request: async () => {
        const f = await api.call('POST', `/projects/${p1.id}/flags`, { token: legal, body: { title: 'À voir', severity: 'low', explanation: 'Texte.' } });
        return { path: `/projects/${p1.id}/flags/${f.body.id}/actions`, body: { action: 'acknowledge' } };
      },
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /flags': [
    {
      name: 'dashboard',
      request: async () => ({ path: '/flags?severity=high,critical' }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /organizations/{orgId}/control-events': [
    {
      name: 'record an event',
      request: async () => ({
        path: `/organizations/${(await freshOrg()).id}/control-events`,
        body: {
          kind: 'shareholding-change',
          status: 'planned',
          investor: { name: 'Fonds Alpin', country: 'FR' },
          votingRightsAfterPct: 5,
          effectiveDate: '2027-01-01',
        },
      }),
      expect: { anonymous: 401, legal: 201, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /organizations/{orgId}/control-events/{eventId}': [
    {
      name: 'an event and its versions',
      request: async () => ({ path: `/organizations/${orgA.id}/control-events/${(await freshEvent(orgA.id)).id}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'PATCH /organizations/{orgId}/control-events/{eventId}': [
    {
      name: 'amend an event',
      request: async () => {
        const org = await freshOrg();
        return {
          path: `/organizations/${org.id}/control-events/${(await freshEvent(org.id)).id}`,
          body: { votingRightsAfterPct: 6 },
          headers: { 'if-match': '"1"' },
        };
      },
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /organizations/{orgId}/control-events/{eventId}/withdrawal': [
    {
      name: 'withdraw an event',
      request: async () => {
        const org = await freshOrg();
        return {
          path: `/organizations/${org.id}/control-events/${(await freshEvent(org.id)).id}/withdrawal`,
          body: { reason: 'Opération abandonnée' },
          headers: { 'if-match': '"1"' },
        };
      },
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /organizations/{orgId}/control-events/simulate': [
    {
      name: 'what-if',
      request: async () => ({
        path: `/organizations/${orgA.id}/control-events/simulate`,
        body: {
          kind: 'acquisition',
          status: 'planned',
          investor: { name: 'Fonds Alpin', country: 'CH' },
          votingRightsAfterPct: 45,
          effectiveDate: '2027-01-01',
        },
      }),
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /organizations/{orgId}/control-events': [
    {
      name: 'events of A',
      request: async () => ({ path: `/organizations/${orgA.id}/control-events` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /control-events': [
    {
      name: "the pôle's recent control events",
      request: async () => ({ path: '/control-events?limit=5' }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /exports': [
    {
      name: 'audit of P1 as JSONL',
      request: async () => ({ path: '/exports', body: { kind: 'audit', format: 'jsonl', projectId: p1.id } }),
      expect: { anonymous: 401, legal: 202, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /exports': [
    {
      name: "the caller's jobs",
      request: async () => ({ path: '/exports' }),
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /exports/{id}': [
    {
      name: 'a job of another legal staff member',
      request: async () => ({ path: `/exports/${(await api.call('POST', '/exports', { token: legal, body: { kind: 'flags', format: 'csv' } })).body.id}` }),
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /exports/schemas/{kind}': [
    {
      name: 'the flags JSON Schema',
      request: async () => ({ path: '/exports/schemas/flags' }),
      expect: { anonymous: 401, legal: 200, committee: 403, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects/{projectId}/audit': [
    {
      name: 'project audit',
      request: async () => ({ path: `/projects/${p1.id}/audit` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects/{projectId}/audit/verify': [
    {
      name: 'project audit verify',
      request: async () => ({ path: `/projects/${p1.id}/audit/verify` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
  ],
  'POST /projects/{projectId}/audit/verifications': [
    {
      name: 'start a full verification of P1',
      request: async () => ({ path: `/projects/${p1.id}/audit/verifications` }),
      expect: { anonymous: 401, legal: 202, committee: 202, lawyer: 403, partnerA: 403 },
    },
  ],
  'GET /projects/{projectId}/audit/verifications/{verificationId}': [
    {
      name: "P1's verification",
      request: async () => ({ path: `/projects/${p1.id}/audit/verifications/${await verificationOf(`/projects/${p1.id}`)}` }),
      expect: { anonymous: 401, legal: 200, committee: 200, lawyer: 403, partnerA: 403 },
    },
    {
      name: "P1's verification read through P2",
      request: async () => ({ path: `/projects/${p2.id}/audit/verifications/${await verificationOf(`/projects/${p1.id}`)}` }),
      expect: { anonymous: 401, legal: 404, committee: 404, lawyer: 403, partnerA: 403 },
    },
  ],
};

const rows = Object.entries(matrix).flatMap(([key, cases]) => cases.flatMap((c) => WHO.map((who) => [key, c.name, who, c] as const)));

test.each(rows)('%s (%s) as %s', async (key, _name, who, c) => {
  const [method] = key.split(' ');
  const req = await c.request();
  const r = await api.call(method!, req.path, { token: tokens[who], body: req.body, headers: req.headers });
  if (r.status !== c.expect[who]) throw new Error(`${key} as ${who}: expected ${c.expect[who]}, got ${r.status} ${r.text.slice(0, 300)}`);
  if (r.status >= 400) expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
});

test('partner A lists only its projects; the lawyer only its assignments', async () => {
  const mine = await api.call('GET', '/projects?limit=100', { token: tokens.partnerA });
  const ids = mine.body.items.map((p: { id: string }) => p.id);
  expect(ids).toContain(p1.id);
  expect(ids).not.toContain(p2.id);
  const lawyer = await api.call('GET', '/projects?limit=100', { token: tokens.lawyer });
  expect(lawyer.body.items.map((p: { id: string }) => p.id)).toEqual([p1.id]);
});

test("every member of a project sees its partners' names; the lawyer only the projects of an organization assigned to it", async () => {
  const seen = await api.call('GET', `/projects/${p1.id}`, { token: tokens.partnerA });
  expect(seen.body.partners).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ organizationId: orgA.id, legalName: 'Matrix A', country: 'FR' }),
      expect.objectContaining({ organizationId: orgC.id, legalName: 'Matrix C', country: 'FR' }),
    ]),
  );
  // A's projects as the lawyer: P1 (assigned), not the fresh projects of A created by other rows.
  const lawyerView = await api.call('GET', `/organizations/${orgA.id}/projects?limit=100`, { token: tokens.lawyer });
  expect(lawyerView.body.items.map((p: { id: string }) => p.id)).toEqual([p1.id]);
  const legalView = await api.call('GET', `/organizations/${orgA.id}/projects?limit=100`, { token: legal });
  expect(legalView.body.items.map((p: { id: string }) => p.id)).toContain(p1.id);
});

test('a partner does not see lawyer assignments; staff do', async () => {
  expect((await api.call('GET', `/projects/${p1.id}`, { token: tokens.partnerA })).body.lawyers).toBeUndefined();
  expect((await api.call('GET', `/projects/${p1.id}`, { token: legal })).body.lawyers).toEqual([expect.objectContaining({ email: LAWYER })]);
});

test('bad tokens get 401: expired, wrong signature, partner without organization', async () => {
  const { SignJWT } = await import('jose');
  const key = new TextEncoder().encode(process.env.DEV_TOKEN_SECRET!);
  const { DEV_AUDIENCE, DEV_ISSUER } = await import('../../shared/services/dev-jwt');
  const base = () =>
    new SignJWT({ 'cognito:groups': ['legal'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE);
  const expired = await base().setIssuedAt(1000).setExpirationTime(2000).sign(key);
  const wrongAud = await new SignJWT({ 'cognito:groups': ['legal'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('x')
    .setIssuer(DEV_ISSUER)
    .setAudience('other')
    .setExpirationTime('1h')
    .sign(key);
  const forged = await base()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('not-the-secret-'.padEnd(40, 'y')));
  const partnerNoOrg = await new SignJWT({ 'cognito:groups': ['partner'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('x')
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setExpirationTime('1h')
    .sign(key);
  for (const t of [expired, wrongAud, forged, partnerNoOrg, 'garbage']) {
    expect((await api.call('GET', '/projects', { token: t })).status).toBe(401);
  }
});

test('every route in shared/api/routes.ts is in the matrix', () => {
  expect(Object.keys(matrix).sort()).toEqual(routes.map(routeKey).sort());
});
