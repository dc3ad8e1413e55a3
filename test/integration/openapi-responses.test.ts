import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { startApi, tokenFor, frenchOrg, projectBody, type Api, type ApiResponse } from './helpers/api';
import { completeDeclaration } from '../fixtures/declaration';
import { consortiumAtAgreement, uploadDocument } from './helpers/consortium';

/**
 * The OpenAPI document against the real server: a walk through every operation, over HTTP, where each answer
 * must be documented for its operation (status, and for successes the `ETag`/`Location` headers) and each
 * success body must validate against the documented schema (Ajv 2020 strict with ajv-formats, on the
 * component schemas of the document served by `GET /openapi.json`). The last test checks that every operation
 * was seen succeeding.
 */

type OpenApi = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }>; headers?: Record<string, unknown>; $ref?: string }> }>
  >;
  components: { schemas: Record<string, unknown> };
};

let api: Api;
let doc: OpenApi;
let ajv: Ajv2020;
const validators = new Map<string, ValidateFunction>();
/** `METHOD /template` of every operation seen answering 2xx. */
const succeeded = new Set<string>();

const tag = `oa${Date.now() % 1e7}`;
const legalEmail = `juriste-${tag}@pole.example`;
const committeeEmail = `comite-${tag}@pole.example`;
const lawyerEmail = `avocat-${tag}@cabinet.example`;
let legal: string, committee: string, lawyer: string;

function validatorOf(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    v = ajv.getSchema(ref.replace('#/components/schemas/', 'urn:vigie:openapi#/$defs/'))!;
    if (!v) throw new Error(`No schema ${ref}`);
    validators.set(ref, v);
  }
  return v;
}

/** Calls `method template` (path parameters filled in from `params`) and checks the answer against the document. */
async function call(
  method: string,
  template: string,
  opts: { params?: Record<string, string>; query?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(opts.params?.[name] ?? ''));
  const res = await api.call(method, path + (opts.query ? `?${opts.query}` : ''), { token: opts.token, body: opts.body, headers: opts.headers });
  const key = `${method} ${template}`;
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (!op) throw new Error(`${key} is not in the document`);
  const documented = op.responses[String(res.status)];
  if (!documented)
    throw new Error(`${key} answered ${res.status}, which is not documented (${Object.keys(op.responses).join(', ')}): ${res.text.slice(0, 300)}`);
  if (res.status >= 300) return res;
  succeeded.add(key);
  if (res.status === 204) {
    expect(res.text).toBe('');
    return res;
  }
  // One documented media type: application/json, or another JSON type the route names (application/schema+json).
  const [mediaType, content] = Object.entries(documented.content ?? {})[0] ?? [];
  const ref = content?.schema.$ref;
  if (!mediaType || !ref) throw new Error(`${key} ${res.status} has no documented body schema`);
  const validate = validatorOf(ref);
  if (!validate(res.body)) {
    throw new Error(
      `${key} ${res.status}: the body does not match ${ref}: ${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(res.body).slice(0, 2000)}`,
    );
  }
  const headers = documented.headers ?? {};
  if ((res.headers.get('content-type') ?? '').split(';')[0] !== mediaType) throw new Error(`${key}: not sent as ${mediaType}`);
  expect({ key, etag: res.headers.get('etag') !== null }).toEqual({ key, etag: 'ETag' in headers });
  expect({ key, location: res.headers.get('location') !== null }).toEqual({ key, location: 'Location' in headers });
  return res;
}

const ifMatch = (res: ApiResponse) => ({ 'if-match': res.headers.get('etag')! });

beforeAll(async () => {
  api = await startApi();
  const served = await api.call('GET', '/openapi.json');
  expect(served.status).toBe(200);
  doc = served.body as OpenApi;
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('"#/components/schemas/', '"urn:vigie:openapi#/$defs/'));
  ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'urn:vigie:openapi', $defs: defs });
  legal = await tokenFor('legal', undefined, legalEmail);
  committee = await tokenFor('committee', undefined, committeeEmail);
  lawyer = await tokenFor('lawyer', undefined, lawyerEmail);
});
afterAll(() => api.close());

// Shared by the tests below, in order.
const orgs: string[] = [];
let partners: string[] = [];
let projectId = '';

test('meta, forms and the dev token', async () => {
  await call('GET', '/health');
  await call('GET', '/openapi.json');
  await call('GET', '/forms/{formId}', { params: { formId: 'declaration' }, query: 'lang=en', token: legal });
  await call('POST', '/dev/token', { body: { role: 'committee' } });
});

test('organizations, projects, partners, lawyers, audit', async () => {
  for (let i = 0; i < 3; i++) {
    const o = await call('POST', '/organizations', {
      token: legal,
      body: frenchOrg(`OA ${tag} ${i}`, { representatives: [{ name: `Rep ${i}`, email: `rep${i}-${tag}@partner.example`, language: 'fr' }] }),
    });
    orgs.push(o.body.id);
  }
  const page = await call('GET', '/organizations', { token: legal, query: 'limit=2' });
  expect(page.body.nextCursor).not.toBeNull();
  await call('GET', '/organizations', { token: committee, query: `limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}` });
  const org = await call('GET', '/organizations/{orgId}', { params: { orgId: orgs[0]! }, token: legal });
  await call('PATCH', '/organizations/{orgId}', { params: { orgId: orgs[0]! }, token: legal, body: { listed: false }, headers: ifMatch(org) });
  await call('GET', '/organizations/{orgId}/audit', { params: { orgId: orgs[0]! }, token: legal });
  await call('GET', '/organizations/{orgId}/audit/verify', { params: { orgId: orgs[0]! }, token: committee });
  const orgVerification = await call('POST', '/organizations/{orgId}/audit/verifications', { params: { orgId: orgs[0]! }, token: committee });
  await call('GET', '/organizations/{orgId}/audit/verifications/{verificationId}', {
    params: { orgId: orgs[0]!, verificationId: orgVerification.body.id },
    token: legal,
  });

  const p = await call('POST', '/projects', {
    token: legal,
    body: projectBody({
      acronym: `${tag}-A`,
      partners: [
        { organizationId: orgs[0], role: 'coordinator' },
        { organizationId: orgs[1], role: 'partner' },
      ],
    }),
  });
  projectId = p.body.id;
  await call('GET', '/projects', { token: legal });
  const got = await call('GET', '/projects/{projectId}', { params: { projectId }, token: legal });
  await call('PATCH', '/projects/{projectId}', { params: { projectId }, token: legal, body: { title: 'Projet de test (v2)' }, headers: ifMatch(got) });
  expect(
    (await call('PUT', '/projects/{projectId}/partners/{orgId}', { params: { projectId, orgId: orgs[2]! }, token: legal, body: { role: 'partner' } })).status,
  ).toBe(201);
  expect(
    (await call('PUT', '/projects/{projectId}/partners/{orgId}', { params: { projectId, orgId: orgs[2]! }, token: legal, body: { role: 'partner' } })).status,
  ).toBe(200);
  await call('PUT', '/projects/{projectId}/lawyers/{email}', { params: { projectId, email: lawyerEmail }, token: legal });
  await call('PUT', '/projects/{projectId}/lawyers/{email}', { params: { projectId, email: `autre-${lawyerEmail}` }, token: legal });
  await call('DELETE', '/projects/{projectId}/lawyers/{email}', { params: { projectId, email: `autre-${lawyerEmail}` }, token: legal });
  await call('GET', '/projects/{projectId}', { params: { projectId }, token: lawyer });
  await call('GET', '/projects/{projectId}/audit', { params: { projectId }, token: legal });
  await call('GET', '/projects/{projectId}/audit/verify', { params: { projectId }, token: legal });
  const projectVerification = await call('POST', '/projects/{projectId}/audit/verifications', { params: { projectId }, token: legal });
  await call('GET', '/projects/{projectId}/audit/verifications/{verificationId}', {
    params: { projectId, verificationId: projectVerification.body.id },
    token: legal,
  });
  partners = await Promise.all(orgs.map((o) => tokenFor('partner', o)));

  // A partner added then removed elsewhere, so the project keeps its three partners.
  const other = await call('POST', '/projects', {
    token: legal,
    body: projectBody({ acronym: `${tag}-B`, partners: [{ organizationId: orgs[0], role: 'coordinator' }] }),
  });
  await call('PUT', '/projects/{projectId}/partners/{orgId}', {
    params: { projectId: other.body.id, orgId: orgs[1]! },
    token: legal,
    body: { role: 'subcontractor' },
  });
  await call('DELETE', '/projects/{projectId}/partners/{orgId}', { params: { projectId: other.body.id, orgId: orgs[1]! }, token: legal });
});

test('staff directory', async () => {
  const created = await call('PUT', '/staff/{email}', { params: { email: legalEmail }, token: legal, body: { name: 'Claire', role: 'legal' } });
  expect(created.status).toBe(201);
  expect(
    (
      await call('PUT', '/staff/{email}', {
        params: { email: legalEmail },
        token: legal,
        body: { name: 'Claire J.', role: 'legal', language: 'en' },
        headers: ifMatch(created),
      })
    ).status,
  ).toBe(200);
  await call('PUT', '/staff/{email}', { params: { email: committeeEmail }, token: legal, body: { name: 'Marc', role: 'committee' } });
  const temp = `temp-${tag}@pole.example`;
  await call('PUT', '/staff/{email}', { params: { email: temp }, token: legal, body: { name: 'Temp', role: 'lawyer', active: false } });
  await call('GET', '/staff', { token: legal, query: 'role=legal' });
  await call('GET', '/staff', { token: committee });
  await call('DELETE', '/staff/{email}', { params: { email: temp }, token: legal });
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let documentId = '';

test('documents: upload, confirm, list, download', async () => {
  const start = await call('POST', '/projects/{projectId}/documents', {
    params: { projectId },
    token: partners[0],
    body: { fileName: 'Brevet EP.pdf', contentType: 'application/pdf', size: PDF.length, description: 'Copie du brevet' },
  });
  documentId = start.body.document.id;
  await call('GET', '/documents/{docId}', { params: { docId: documentId }, token: legal }); // pending: no download link
  const form = new FormData();
  for (const [k, v] of Object.entries(start.body.upload.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'upload');
  expect((await fetch(start.body.upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  await call('POST', '/projects/{projectId}/documents/{docId}/confirm', { params: { projectId, docId: documentId }, token: partners[0] });
  await call('GET', '/projects/{projectId}/documents', { params: { projectId }, token: legal, query: 'limit=10' });
  await call('GET', '/projects/{projectId}/documents', { params: { projectId }, token: partners[1] });
  const got = await call('GET', '/documents/{docId}', { params: { docId: documentId }, token: partners[0] });
  expect(got.body.download).not.toBeNull();
});

const declarationPath = (i: number) => ({ projectId, orgId: orgs[i]! });
const declarationOf = (i: number) => completeDeclaration(orgs[i]!, orgs[(i + 1) % 3]!, orgs[(i + 2) % 3]!);

test('declarations: versions, identical save, redline, submission, statuses', async () => {
  const d = declarationOf(0);
  d.background[0].documentIds = [documentId];
  const v1 = await call('PUT', '/projects/{projectId}/declarations/{orgId}', { params: declarationPath(0), token: partners[0], body: { ...d, contacts: [] } });
  expect(v1.status).toBe(201);
  const same = await call('PUT', '/projects/{projectId}/declarations/{orgId}', {
    params: declarationPath(0),
    token: partners[0],
    body: { ...d, contacts: [] },
    headers: ifMatch(v1),
  });
  expect(same.status).toBe(200);
  expect(same.body.unchanged).toBe(true);
  const v2 = await call('PUT', '/projects/{projectId}/declarations/{orgId}', { params: declarationPath(0), token: partners[0], body: d, headers: ifMatch(v1) });
  expect(v2.body.savedVersion.version).toBe(2);
  await call('GET', '/projects/{projectId}/declarations/{orgId}', { params: declarationPath(0), token: partners[0] });
  await call('GET', '/projects/{projectId}/declarations/{orgId}/versions', { params: declarationPath(0), token: legal });
  await call('GET', '/projects/{projectId}/declarations/{orgId}/versions/{n}', { params: { ...declarationPath(0), n: '1' }, token: lawyer });
  const diff = await call('GET', '/projects/{projectId}/declarations/{orgId}/diff', { params: declarationPath(0), query: 'from=1&to=2', token: partners[0] });
  expect(diff.body.added.length + diff.body.changed.length).toBeGreaterThan(0);
  await call('POST', '/projects/{projectId}/declarations/{orgId}/submit', { params: declarationPath(0), token: partners[0] });
  // Other partners see the submitted version only, without drafts.
  await call('GET', '/projects/{projectId}/declarations/{orgId}', { params: declarationPath(0), token: partners[1] });
  await call('GET', '/projects/{projectId}/declarations/{orgId}/versions', { params: declarationPath(0), token: partners[1] });
  await call('GET', '/projects/{projectId}/declarations', { params: { projectId }, token: partners[1] });
  // A draft saved by a partner that has not submitted yet (the submission with a running workflow comes below).
  await call('PUT', '/projects/{projectId}/declarations/{orgId}', {
    params: declarationPath(1),
    token: partners[1],
    body: { confidentiality: { termYears: 3 } },
  });
  await call('GET', '/projects/{projectId}/declarations', { params: { projectId }, token: legal });
});

test('workflow: start, configure, submissions, decisions, rejection and reopening, tasks', async () => {
  const started = await call('POST', '/projects/{projectId}/workflow', { params: { projectId }, token: legal, body: { slaDays: { partner: 7 } } });
  const configured = await call('PATCH', '/projects/{projectId}/workflow', {
    params: { projectId },
    token: legal,
    body: { lawyerOpinion: { enabled: true, lawyerEmail } },
    headers: ifMatch(started),
  });
  expect(configured.body.config.lawyerOpinion).toEqual({ enabled: true, lawyerEmail });
  for (const i of [1, 2]) {
    const path = declarationPath(i);
    const cur = await api.call('GET', `/projects/${projectId}/declarations/${orgs[i]}`, { token: partners[i] });
    await call('PUT', '/projects/{projectId}/declarations/{orgId}', {
      params: path,
      token: partners[i],
      body: declarationOf(i),
      headers: cur.status === 200 ? ifMatch(cur) : {},
    });
    await call('POST', '/projects/{projectId}/declarations/{orgId}/submit', { params: path, token: partners[i] });
  }
  const wf = await call('GET', '/projects/{projectId}/workflow', { params: { projectId }, token: partners[0] });
  expect(wf.body.stage).toBe('partner-approval');
  const ipFile = await call('GET', '/projects/{projectId}/ip-file', { params: { projectId }, token: partners[1] });
  expect(ipFile.body.ipFileHash).toBe(wf.body.ipFileHash);
  const tasks = await call('GET', '/me/tasks', { token: partners[0] });
  expect(tasks.body.items.map((t: { projectId: string }) => t.projectId)).toContain(projectId);
  const decide = (i: number, decision: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/projects/{projectId}/workflow/steps/{stepId}/decision', {
      params: { projectId, stepId: `partner-approval:${orgs[i]}` },
      token: partners[i],
      body: { decision, comment: decision === 'approve' ? '' : 'Conditions à revoir.', ...extra },
      headers: { 'idempotency-key': `${tag}-decide-${i}-${decision}` },
    });
  await decide(0, 'approve');
  await decide(1, 'request-changes', { changesRequestedFrom: [orgs[0]] });
  await call('GET', '/projects/{projectId}/workflow', { params: { projectId }, token: legal });
  // Partner 0 submits again; every partner approves again; partner 2 rejects: the workflow is rejected and reopened.
  const cur = await api.call('GET', `/projects/${projectId}/declarations/${orgs[0]}`, { token: partners[0] });
  const d = declarationOf(0);
  d.background[0].documentIds = [documentId];
  d.confidentiality.termYears = 6;
  await call('PUT', '/projects/{projectId}/declarations/{orgId}', { params: declarationPath(0), token: partners[0], body: d, headers: ifMatch(cur) });
  await call('POST', '/projects/{projectId}/declarations/{orgId}/submit', { params: declarationPath(0), token: partners[0] });
  await call('POST', '/projects/{projectId}/workflow/steps/{stepId}/decision', {
    params: { projectId, stepId: `partner-approval:${orgs[2]}` },
    token: partners[2],
    body: { decision: 'reject', comment: 'Non.' },
  });
  const rejected = await call('GET', '/projects/{projectId}/workflow', { params: { projectId }, token: committee });
  expect(rejected.body.status).toBe('rejected');
  await call('POST', '/projects/{projectId}/workflow/reopen', { params: { projectId }, token: legal });
  await call('GET', '/me/tasks', { token: legal });
  await call('GET', '/me/tasks', { token: lawyer });
});

test('publications: notice, objection, new version, consents, withdrawal, list and detail', async () => {
  const base = { projectId };
  const n = await call('POST', '/projects/{projectId}/publications', {
    params: base,
    token: partners[0],
    body: { title: 'Capteur quantique', authors: ['M. Curie'], venue: 'Optica', plannedDate: '2099-01-01', resultKeys: ['r-1'], documentId },
    headers: { 'idempotency-key': `${tag}-publication` },
  });
  const path = { projectId, publicationId: n.body.id as string };
  const o = await call('POST', '/projects/{projectId}/publications/{publicationId}/objections', {
    params: path,
    token: partners[1],
    body: { grounds: 'confidential-information', comment: 'Nos mesures y figurent.' },
    headers: ifMatch(n),
  });
  const v = await call('POST', '/projects/{projectId}/publications/{publicationId}/versions', {
    params: path,
    token: partners[0],
    body: { documentId },
    headers: ifMatch(o),
  });
  const o2 = await call('POST', '/projects/{projectId}/publications/{publicationId}/objections', {
    params: path,
    token: partners[1],
    body: { grounds: 'protection-first', comment: 'Dépôt EP.', resultKeys: ['r-1'], filingBy: '2098-01-01' },
    headers: ifMatch(v),
  });
  const w = await call('DELETE', '/projects/{projectId}/publications/{publicationId}/objections/{organizationId}', {
    params: { ...path, organizationId: orgs[1]! },
    token: partners[1],
    headers: ifMatch(o2),
  });
  const done = await call('POST', '/projects/{projectId}/publications/{publicationId}/consents', {
    params: path,
    token: partners[2],
    body: {},
    headers: ifMatch(w),
  });
  expect(done.body.state).toBe('cleared');
  await call('GET', '/projects/{projectId}/publications', { params: base, token: partners[1], query: 'limit=5' });
  await call('GET', '/projects/{projectId}/publications/{publicationId}', { params: path, token: legal });
  await call('GET', '/projects/{projectId}/publications/{publicationId}', { params: path, token: partners[2] });
});

test('risk: manual flags and actions, control events and the flags they raise', async () => {
  const flag = await call('POST', '/projects/{projectId}/flags', {
    params: { projectId },
    token: legal,
    body: { title: 'Actionnaire à vérifier', severity: 'high', explanation: 'Vérifier la chaîne de contrôle.', subject: { organizationId: orgs[1] } },
  });
  await call('POST', '/projects/{projectId}/flags/{flagId}/actions', {
    params: { projectId, flagId: flag.body.id },
    token: committee,
    body: { action: 'acknowledge', note: 'Vu.' },
  });
  await call('POST', '/projects/{projectId}/flags/{flagId}/actions', {
    params: { projectId, flagId: flag.body.id },
    token: legal,
    body: { action: 'waive', justification: 'Chaîne de contrôle vérifiée : actionnaires français.' },
  });
  const event = await call('POST', '/organizations/{orgId}/control-events', {
    params: { orgId: orgs[1]! },
    token: legal,
    body: {
      kind: 'acquisition',
      status: 'planned',
      investor: { name: 'Redwood Capital Holdings', country: 'US' },
      votingRightsBeforePct: 0,
      votingRightsAfterPct: 30,
      effectiveDate: '2027-03-01',
      authorisation: { status: 'requested', reference: 'DGT-2027-001' },
    },
  });
  expect(event.body.reevaluated.find((r: { projectId: string }) => r.projectId === projectId).raised.length).toBeGreaterThan(0);
  await call('GET', '/organizations/{orgId}/control-events', { params: { orgId: orgs[1]! }, token: committee });
  const eventId = event.body.event.id as string;
  const simulated = await call('POST', '/organizations/{orgId}/control-events/simulate', {
    params: { orgId: orgs[1]! },
    token: legal,
    body: {
      kind: 'shareholding-change',
      status: 'planned',
      investor: { name: 'Léman Invest', country: 'CH' },
      votingRightsAfterPct: 10,
      effectiveDate: '2027-03-01',
    },
  });
  expect(simulated.body.projects.length).toBeGreaterThan(0);
  await call('PATCH', '/organizations/{orgId}/control-events/{eventId}', {
    params: { orgId: orgs[1]!, eventId },
    token: legal,
    body: { votingRightsAfterPct: 35, status: 'completed' },
    headers: { 'if-match': '"1"' },
  });
  await call('PATCH', '/organizations/{orgId}/control-events/{eventId}', {
    params: { orgId: orgs[1]!, eventId },
    token: legal,
    body: { status: 'planned' },
    headers: { 'if-match': '"2"' },
  });
  await call('POST', '/organizations/{orgId}/control-events/{eventId}/withdrawal', {
    params: { orgId: orgs[1]!, eventId },
    token: legal,
    body: { reason: 'Opération abandonnée' },
    headers: { 'if-match': '"2"' },
  });
  await call('GET', '/organizations/{orgId}/control-events/{eventId}', { params: { orgId: orgs[1]!, eventId }, token: committee });
  const recent = await call('GET', '/control-events', { token: legal, query: 'limit=1' });
  expect(recent.body.items).toHaveLength(1);
  if (recent.body.nextCursor)
    await call('GET', '/control-events', { token: committee, query: `from=2026-01-01&cursor=${encodeURIComponent(recent.body.nextCursor)}` });
  await call('GET', '/organizations/{orgId}/control-chain', { params: { orgId: orgs[1]! }, token: lawyer });
  await call('GET', '/organizations/{orgId}/projects', { params: { orgId: orgs[1]! }, token: committee, query: 'limit=5' });
  const listed = await call('GET', '/projects/{projectId}/flags', { params: { projectId }, token: lawyer });
  expect(listed.body.items.some((f: { manual: boolean }) => !f.manual)).toBe(true);
  await call('GET', '/projects/{projectId}/flags', { params: { projectId }, token: legal, query: 'status=open,acknowledged,waived&severity=high,critical' });
  const open = await call('GET', '/flags', { token: legal, query: 'severity=high,critical&limit=2' });
  if (open.body.nextCursor) await call('GET', '/flags', { token: committee, query: `status=open&cursor=${encodeURIComponent(open.body.nextCursor)}` });
});

test('agreements: generate, list, detail with links, signature', async () => {
  const c = await consortiumAtAgreement(api, legal, committee, `${tag}-agr`, 1);
  const projectId = c.project;
  const created = await call('POST', '/projects/{projectId}/agreements', { params: { projectId }, token: legal, body: { language: 'fr' } });
  expect(created.status).toBe(201);
  await call('GET', '/projects/{projectId}/agreements', { params: { projectId }, token: c.tokens[0] });
  await call('GET', '/projects/{projectId}/agreements/{n}', { params: { projectId, n: '1' }, token: committee });
  const copy = await uploadDocument(api, c.tokens[0]!, projectId, Buffer.from(`%PDF-1.7\n% signé ${tag}\n%%EOF\n`));
  const signed = await call('POST', '/projects/{projectId}/agreements/{n}/signatures', {
    params: { projectId, n: '1' },
    token: c.tokens[0],
    body: {
      organizationId: c.orgs[0],
      signatoryName: 'Marie Curie',
      signatoryRole: 'Présidente',
      signedOn: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }),
      documentId: copy,
    },
  });
  expect(signed.body.workflow.stage).toBe('signed');

  // After signature, a control event on the partner opens a change-of-control review for the committee.
  await call('POST', '/organizations/{orgId}/control-events', {
    params: { orgId: c.orgs[0]! },
    token: legal,
    body: { kind: 'acquisition', status: 'planned', investor: { name: 'Fonds Boréal', country: 'CA' }, votingRightsAfterPct: 60, effectiveDate: '2027-05-01' },
  });
  const reviews = await call('GET', '/projects/{projectId}/control-reviews', { params: { projectId }, token: committee, query: 'limit=5' });
  expect(reviews.body.items).toHaveLength(1);
  const tasks = await call('GET', '/me/tasks', { token: committee, query: 'limit=200' });
  expect(tasks.body.items.some((t: { controlReviewId: string | null }) => t.controlReviewId === reviews.body.items[0].id)).toBe(true);
  const decided = await call('POST', '/projects/{projectId}/control-reviews/{reviewId}/decision', {
    params: { projectId, reviewId: reviews.body.items[0].id },
    token: committee,
    body: { outcome: 'restrict-access', note: 'Droits d’accès limités à l’exécution.' },
    headers: { 'if-match': `"${reviews.body.items[0].version}"` },
  });
  expect(decided.body.decision).toMatchObject({ outcome: 'restrict-access', agreementVersion: 1 });
});

test('exports: start a job, read it, list mine, a record schema', async () => {
  const created = await call('POST', '/exports', { token: legal, body: { kind: 'flags', format: 'csv', locale: 'fr', from: '2026-01-01', to: '2026-12-31' } });
  expect(created.status).toBe(202);
  await call('GET', '/exports/{id}', { params: { id: created.body.id }, token: legal });
  const mine = await call('GET', '/exports', { token: legal, query: 'limit=5' });
  expect(mine.body.items.map((j: { id: string }) => j.id)).toContain(created.body.id);
  await call('GET', '/exports/schemas/{kind}', { params: { kind: 'audit' }, token: legal });
});

test('every operation of the document was seen succeeding, with a body matching its schema', () => {
  const all = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
  expect(all.filter((k) => !succeeded.has(k)).sort()).toEqual([]);
});
