import { parisDate } from '../../../shared/domain/calendar';
import { completeDeclaration } from '../../fixtures/declaration';
import { createProjectOf, frenchOrg, tokenFor, type Api } from './api';

/**
 * A consortium's project taken through the workflow over the wire: organizations with representatives, a
 * project, a started workflow, every declaration submitted, every approval given, up to the `agreement` stage.
 */
export interface Consortium {
  project: string;
  acronym: string;
  orgs: string[];
  /** A partner token per organization, same order. */
  tokens: string[];
}

/** `n` organizations (with a representative each), their project and its started workflow. */
export async function consortium(api: Api, legal: string, tag: string, n = 3): Promise<Consortium> {
  const orgs: string[] = [];
  for (let i = 0; i < n; i++) {
    const o = await api.call('POST', '/organizations', {
      token: legal,
      body: frenchOrg(`${tag} ${i}`, { representatives: [{ name: `Rep ${i}`, email: `rep${i}-${tag}@partner.example`, language: 'fr' }] }),
    });
    if (o.status !== 201) throw new Error(`POST /organizations → ${o.status}: ${o.text.slice(0, 300)}`);
    orgs.push(o.body.id);
  }
  const { project, acronym } = await createProjectOf(api, legal, orgs, tag);
  const wf = await api.call('POST', `/projects/${project}/workflow`, { token: legal, body: {} });
  if (wf.status !== 201) throw new Error(`POST …/workflow → ${wf.status}: ${wf.text.slice(0, 300)}`);
  return { project, acronym, orgs, tokens: await Promise.all(orgs.map((o) => tokenFor('partner', o))) };
}

/** Partner i saves (a new version when it already has one) and submits a complete declaration. */
export async function submitDeclaration(api: Api, c: Consortium, i: number, variant = ''): Promise<void> {
  const d = completeDeclaration(c.orgs[i]!, c.orgs[(i + 1) % c.orgs.length]!, c.orgs[(i + 2) % c.orgs.length]!);
  d.background[1].title = `Firmware ${variant}`;
  if (c.orgs.length < 3) {
    d.results[0].ownership = [{ organizationId: c.orgs[i], pct: 100 }];
    if (c.orgs.length < 2) d.accessRights = [];
  }
  const path = `/projects/${c.project}/declarations/${c.orgs[i]}`;
  const cur = await api.call('GET', path, { token: c.tokens[i] });
  const put = await api.call('PUT', path, { token: c.tokens[i], body: d, headers: cur.status === 200 ? { 'if-match': cur.headers.get('etag')! } : {} });
  if (put.status !== 200 && put.status !== 201) throw new Error(`PUT ${path} → ${put.status}: ${put.text.slice(0, 300)}`);
  const s = await api.call('POST', `${path}/submit`, { token: c.tokens[i] });
  if (s.status !== 200) throw new Error(`POST ${path}/submit → ${s.status}: ${s.text.slice(0, 300)}`);
}

export async function decide(api: Api, c: Consortium, token: string, stepId: string): Promise<void> {
  const r = await api.call('POST', `/projects/${c.project}/workflow/steps/${encodeURIComponent(stepId)}/decision`, { token, body: { decision: 'approve' } });
  if (r.status !== 200) throw new Error(`decision ${stepId} → ${r.status}: ${r.text.slice(0, 300)}`);
}

/** Every partner approves, then legal review and committee: the workflow reaches the `agreement` stage. */
export async function approveAll(api: Api, c: Consortium, legal: string, committee: string): Promise<void> {
  for (const t of c.tokens) await decide(api, c, t, 'partner-approval');
  await decide(api, c, legal, 'legal-review');
  await decide(api, c, committee, 'committee');
}

/** A consortium whose workflow stands at the `agreement` stage. */
export async function consortiumAtAgreement(api: Api, legal: string, committee: string, tag: string, n = 3): Promise<Consortium> {
  const c = await consortium(api, legal, tag, n);
  for (let i = 0; i < n; i++) await submitDeclaration(api, c, i);
  await approveAll(api, c, legal, committee);
  return c;
}

/**
 * A consortium whose agreement v1 is signed by every partner (each uploads its signed copy and records its
 * signature): the workflow stands at `signed`.
 */
export async function consortiumSigned(api: Api, legal: string, committee: string, tag: string, n = 3): Promise<Consortium> {
  const c = await consortiumAtAgreement(api, legal, committee, tag, n);
  const agreement = await api.call('POST', `/projects/${c.project}/agreements`, { token: legal, body: { language: 'fr' } });
  if (agreement.status !== 201) throw new Error(`POST …/agreements → ${agreement.status}: ${agreement.text.slice(0, 300)}`);
  const signedOn = parisDate(new Date());
  for (let i = 0; i < n; i++) {
    const copy = await uploadDocument(api, c.tokens[i]!, c.project, new TextEncoder().encode(`%PDF-1.7\n% signé ${tag} ${i}\n%%EOF\n`));
    const s = await api.call('POST', `/projects/${c.project}/agreements/1/signatures`, {
      token: c.tokens[i],
      body: { organizationId: c.orgs[i], signatoryName: `Signataire ${i}`, signatoryRole: 'Président', signedOn, documentId: copy },
    });
    if (s.status !== 201) throw new Error(`POST …/signatures → ${s.status}: ${s.text.slice(0, 300)}`);
  }
  return c;
}

/** Uploads `bytes` as a document of the project through the presigned POST and confirms it; returns its id. */
export async function uploadDocument(
  api: Api,
  token: string,
  project: string,
  bytes: Uint8Array,
  opts: { fileName?: string; contentType?: string; organizationId?: string } = {},
): Promise<string> {
  const contentType = opts.contentType ?? 'application/pdf';
  const start = await api.call('POST', `/projects/${project}/documents`, {
    token,
    body: { fileName: opts.fileName ?? 'signé.pdf', contentType, size: bytes.length, ...(opts.organizationId ? { organizationId: opts.organizationId } : {}) },
  });
  if (start.status !== 201) throw new Error(`POST …/documents → ${start.status}: ${start.text.slice(0, 300)}`);
  const form = new FormData();
  for (const [k, v] of Object.entries(start.body.upload.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: contentType }), 'upload');
  const up = await fetch(start.body.upload.url, { method: 'POST', body: form });
  if (up.status >= 300) throw new Error(`S3 POST → ${up.status}`);
  const id = start.body.document.id as string;
  const confirm = await api.call('POST', `/projects/${project}/documents/${id}/confirm`, { token });
  if (confirm.status !== 200) throw new Error(`confirm → ${confirm.status}: ${confirm.text.slice(0, 300)}`);
  return id;
}
