import { startApi, tokenFor, frenchOrg, createProjectOf, sentMail, type Api } from './helpers/api';
import { completeDeclaration } from '../fixtures/declaration';
import { runReminders } from '../../functions/jobs/send-reminders';
import { addCalendarDays } from '../../shared/domain/calendar';
import { createWorkflow, recordSubmission } from '../../shared/domain/workflow';
import { saveWorkflow, getWorkflow } from '../../shared/store/workflow';

let api: Api;
let legal: string;
let committee: string;
const tag = `w${Date.now() % 1e7}`;
const rep = (i: number) => `rep${i}-${tag}@partner.example`;
const legalEmail = `juriste-${tag}@pole.example`;
const committeeEmail = `comite-${tag}@pole.example`;

interface Consortium {
  project: string;
  acronym: string;
  orgs: string[];
  tokens: string[];
}

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal', undefined, legalEmail);
  committee = await tokenFor('committee', undefined, committeeEmail);
  await api.call('PUT', `/staff/${encodeURIComponent(legalEmail)}`, { token: legal, body: { name: 'Claire', role: 'legal', language: 'fr' } });
  await api.call('PUT', `/staff/${encodeURIComponent(committeeEmail)}`, { token: legal, body: { name: 'Marc', role: 'committee', language: 'en' } });
});
afterAll(() => api.close());

/** Four partners with representatives, a project, a started workflow. */
async function consortium(n = 4): Promise<Consortium> {
  const orgs: string[] = [];
  for (let i = 0; i < n; i++) {
    const o = await api.call('POST', '/organizations', {
      token: legal,
      body: frenchOrg(`WF ${tag} ${i}`, { representatives: [{ name: `Rep ${i}`, email: rep(i), language: i === 3 ? 'en' : 'fr' }] }),
    });
    orgs.push(o.body.id);
  }
  const { project, acronym } = await createProjectOf(api, legal, orgs, tag);
  expect((await api.call('POST', `/projects/${project}/workflow`, { token: legal, body: {} })).status).toBe(201);
  return { project, acronym, orgs, tokens: await Promise.all(orgs.map((o) => tokenFor('partner', o))) };
}

/** Partner i saves and submits a complete declaration (results co-owned by partners 0 and 1). */
async function submit(c: Consortium, i: number, variant = '') {
  const d = completeDeclaration(c.orgs[i]!, c.orgs[(i + 1) % c.orgs.length]!, c.orgs[(i + 2) % c.orgs.length]!);
  d.background[1].title = `Firmware ${variant}`;
  if (c.orgs.length < 3) {
    d.results[0].ownership = [{ organizationId: c.orgs[i], pct: 100 }];
    if (c.orgs.length < 2) d.accessRights = [];
  }
  const path = `/projects/${c.project}/declarations/${c.orgs[i]}`;
  const cur = await api.call('GET', path, { token: c.tokens[i] });
  const put = await api.call('PUT', path, { token: c.tokens[i], body: d, headers: cur.status === 200 ? { 'if-match': cur.headers.get('etag')! } : {} });
  expect([200, 201]).toContain(put.status);
  const s = await api.call('POST', `${path}/submit`, { token: c.tokens[i] });
  expect(s.status).toBe(200);
}

const decide = (
  c: Consortium,
  token: string,
  stepId: string,
  decision = 'approve',
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  api.call('POST', `/projects/${c.project}/workflow/steps/${encodeURIComponent(stepId)}/decision`, {
    token,
    body: { decision, ...(decision === 'approve' ? {} : { comment: 'Merci de préciser les conditions.' }), ...extra },
    headers,
  });

test('the full path with four partners, from declarations to committee approval', async () => {
  const c = await consortium();
  for (let i = 0; i < 4; i++) await submit(c, i);
  let wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  expect(wf.body.stage).toBe('partner-approval');
  expect(wf.body.pending).toHaveLength(4);
  // What the partners approve: the consolidated IP file, whose hash the open steps carry.
  const ipFile = await api.call('GET', `/projects/${c.project}/ip-file`, { token: c.tokens[2] });
  expect(ipFile.body.complete).toBe(true);
  expect(ipFile.body.declarations).toHaveLength(4);
  expect(ipFile.body.ipFileHash).toBe(wf.body.pending[0].ipFileHash);
  expect(ipFile.body.workflowIpFileHash).toBe(ipFile.body.ipFileHash);
  // With whom each step waits: the partner's representative.
  expect(wf.body.pending.find((p: { assignee: { orgId: string } }) => p.assignee.orgId === c.orgs[3]).people).toEqual([
    { name: 'Rep 3', email: rep(3), language: 'en' },
  ]);

  // Tasks: each partner sees its own step.
  const tasks = await api.call('GET', '/me/tasks', { token: c.tokens[2] });
  expect(tasks.body.items.filter((t: { projectId: string }) => t.projectId === c.project).map((t: { stepId: string }) => t.stepId)).toEqual([
    `partner-approval:${c.orgs[2]}`,
  ]);
  // A partner cannot decide another partner's step, nor the legal review.
  expect((await decide(c, c.tokens[0]!, `partner-approval:${c.orgs[1]}`)).status).toBe(403);
  expect((await decide(c, c.tokens[0]!, 'legal-review')).status).toBe(403);

  for (let i = 0; i < 4; i++) expect((await decide(c, c.tokens[i]!, 'partner-approval')).status).toBe(200);
  expect((await decide(c, c.tokens[0]!, 'partner-approval')).status).toBe(409); // once per content hash
  wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  expect(wf.body.stage).toBe('legal-review');
  expect((await decide(c, committee, 'committee')).status).toBe(409); // not open yet
  wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  expect(wf.body.pending[0].people.map((p: { email: string }) => p.email)).toContain(legalEmail);
  expect((await decide(c, legal, 'legal-review')).status).toBe(200);
  expect((await decide(c, committee, 'committee')).status).toBe(200);
  wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: c.tokens[0] });
  expect(wf.body.stage).toBe('agreement');
  expect(wf.body.missingApprovals).toEqual([]);
  const audit = await api.call('GET', `/projects/${c.project}/audit/verify`, { token: legal });
  expect(audit.body.valid).toBe(true);
});

test('request changes, then re-approval on the new IP file; a new version re-opens approvals and tells the partners', async () => {
  const c = await consortium();
  for (let i = 0; i < 4; i++) await submit(c, i);
  for (let i = 0; i < 4; i++) await decide(c, c.tokens[i]!, 'partner-approval');
  const changes = await decide(c, legal, 'legal-review', 'request-changes', { changesRequestedFrom: [c.orgs[1]] });
  expect(changes.status).toBe(200);
  expect(changes.body.stage).toBe('declarations');
  const mail = await sentMail((m) => m.destination.to.includes(rep(1)) && /modifications/.test(m.subject));
  expect(mail.length).toBeGreaterThanOrEqual(1);
  expect(mail.at(-1)!.body.text).toContain('Merci de préciser les conditions.');

  await submit(c, 1, 'v2');
  let wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  expect(wf.body.stage).toBe('partner-approval');
  expect(wf.body.pending).toHaveLength(4); // the IP file changed: every partner approves again
  const reopened = await sentMail((m) => m.destination.to.includes(rep(3)) && /approve again/.test(m.subject));
  expect(reopened.length).toBeGreaterThanOrEqual(1); // partner 3 reads English
  for (let i = 0; i < 4; i++) expect((await decide(c, c.tokens[i]!, 'partner-approval')).status).toBe(200);
  expect((await decide(c, legal, 'legal-review')).status).toBe(200);
  wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  expect(wf.body.stage).toBe('committee');
});

test('a gate refuses legal review while a high flag is open, and passes after a waiver', async () => {
  const c = await consortium(2);
  for (let i = 0; i < 2; i++) await submit(c, i);
  for (let i = 0; i < 2; i++) await decide(c, c.tokens[i]!, 'partner-approval');
  const flag = await api.call('POST', `/projects/${c.project}/flags`, {
    token: legal,
    body: { title: 'Actionnaire étranger à vérifier', severity: 'high', explanation: 'Vérifier la chaîne de contrôle.' },
  });
  const blocked = await decide(c, legal, 'legal-review');
  expect(blocked.status).toBe(409);
  expect(blocked.body.blockingFlags.map((f: { id: string }) => f.id)).toContain(flag.body.id);
  await api.call('POST', `/projects/${c.project}/flags/${flag.body.id}/actions`, {
    token: legal,
    body: { action: 'waive', justification: 'Chaîne de contrôle vérifiée : actionnaires français.' },
  });
  expect((await decide(c, legal, 'legal-review')).status).toBe(200);
});

test('concurrent decisions on one step: exactly one wins; a replay with the same Idempotency-Key returns the first answer', async () => {
  const c = await consortium(2);
  for (let i = 0; i < 2; i++) await submit(c, i);
  for (let i = 0; i < 2; i++) await decide(c, c.tokens[i]!, 'partner-approval');
  const other = await tokenFor('legal', undefined, `autre-${tag}@pole.example`);
  const [a, b] = await Promise.all([decide(c, legal, 'legal-review'), decide(c, other, 'legal-review', 'reject', { comment: 'Non' })]);
  // The loser either read after the winner wrote, or lost the version race and re-applied its decision on the
  // fresh workflow: either way the step is already decided, a 409.
  const loser = a.status === 200 ? b : a;
  expect([a.status, b.status]).toContain(200);
  expect(loser.status).toBe(409);
  const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  const step = wf.body.steps.find((s: { stepId: string }) => s.stepId === 'legal-review');
  expect(step.decision).not.toBeNull();

  const d = await consortium(1);
  await submit(d, 0);
  const key = `decide-${tag}`;
  const first = await decide(d, d.tokens[0]!, 'partner-approval', 'approve', {}, { 'idempotency-key': key });
  const replay = await decide(d, d.tokens[0]!, 'partner-approval', 'approve', {}, { 'idempotency-key': key });
  expect(first.status).toBe(200);
  expect(replay.status).toBe(200);
  expect(replay.body).toEqual(first.body);
});

test('reminders: one digest per person per day even when run twice, escalation after 3 days overdue', async () => {
  const c = await consortium(2);
  for (let i = 0; i < 2; i++) await submit(c, i);
  const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  const due: string = wf.body.pending[0].dueDate;
  const at = (date: string) => new Date(`${date}T08:00:00+01:00`);
  const mine = (date: string) =>
    sentMail(
      (m) => m.subject.includes(date) && (m.destination.to.includes(rep(0)) || m.destination.to.includes(rep(1)) || m.destination.to.includes(legalEmail)),
    );

  // Two days before the due date, run twice: each representative gets exactly one digest.
  const soon = addCalendarDays(due, -2);
  const r1 = await runReminders({ now: at(soon) });
  const r2 = await runReminders({ now: at(soon) });
  expect(r1.sent).toBeGreaterThanOrEqual(2);
  // Other test files may open steps meanwhile: judge by our people only (their digests were claimed by run 1).
  expect(r2.alreadySent).toBeGreaterThanOrEqual(2);
  let mails = await mine(soon);
  expect(mails.filter((m) => m.destination.to.includes(rep(0)))).toHaveLength(1);
  expect(mails.filter((m) => m.destination.to.includes(rep(1)))).toHaveLength(1);
  expect(mails.find((m) => m.destination.to.includes(rep(0)))!.body.text).toMatch(/échéance le .* \(dans 2 jours\)/);
  // Not overdue: no escalation of this project to the legal staff (other projects of the run may be).
  expect(mails.some((m) => m.destination.to.includes(legalEmail) && m.body.text!.includes(c.acronym))).toBe(false);

  // Three days overdue: the legal staff's digest lists it as an escalation.
  const late = addCalendarDays(due, 3);
  await runReminders({ now: at(late) });
  mails = await mine(late);
  const legalDigest = mails.filter((m) => m.destination.to.includes(legalEmail));
  expect(legalDigest).toHaveLength(1);
  const line = legalDigest[0]!.body.text!.split('\n').find((l) => l.includes(c.acronym));
  expect(line).toMatch(/en retard de 3 jours.*escalade/);
  expect(legalDigest[0]!.body.html).not.toContain('<script>');

  // Decided steps are no longer chased.
  for (let i = 0; i < 2; i++) await decide(c, c.tokens[i]!, 'partner-approval');
  const later = addCalendarDays(due, 4);
  await runReminders({ now: at(later) });
  expect(await sentMail((m) => m.subject.includes(later) && m.destination.to.includes(rep(0)))).toHaveLength(0);
});

test('an SES failure for one person does not stop the others; that person is retried on the next run', async () => {
  const c = await consortium(2);
  for (let i = 0; i < 2; i++) await submit(c, i);
  const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  const day = wf.body.pending[0].dueDate as string;
  const now = new Date(`${day}T08:00:00+01:00`);
  const { sendEmail } = await import('../../shared/store/mail');
  const failing = async (m: { to: string[] }) => {
    if (m.to.includes(rep(0))) throw Object.assign(new Error('Simulated SES outage'), { name: 'ServiceUnavailable' });
    return sendEmail(m as never);
  };
  const first = await runReminders({ now, send: failing as never });
  expect(first.failed.map((f) => f.email)).toContain(rep(0));
  expect(await sentMail((m) => m.subject.includes(day) && m.destination.to.includes(rep(1)))).toHaveLength(1);
  const second = await runReminders({ now });
  expect(second.failed).toEqual([]);
  expect(await sentMail((m) => m.subject.includes(day) && m.destination.to.includes(rep(0)))).toHaveLength(1);
  expect(await sentMail((m) => m.subject.includes(day) && m.destination.to.includes(rep(1)))).toHaveLength(1);
});

test('/me/tasks is paginated: pages of `limit` in due-date order, each step once, a cursor until the last page', async () => {
  const solo = await consortium(1);
  const projects = [solo.project];
  // The same organization alone in two more projects: three partner approvals waiting for it.
  for (let k = 0; k < 2; k++) {
    const { project, acronym } = await createProjectOf(api, legal, solo.orgs, tag);
    expect((await api.call('POST', `/projects/${project}/workflow`, { token: legal, body: {} })).status).toBe(201);
    projects.push(project);
    await submit({ ...solo, project, acronym }, 0);
  }
  await submit(solo, 0);
  const all = await api.call('GET', '/me/tasks?limit=100', { token: solo.tokens[0] });
  expect(all.body.nextCursor).toBeNull();
  expect(all.body.items.map((t: { projectId: string }) => t.projectId).sort()).toEqual([...projects].sort());

  const seen: { projectId: string; dueDate: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r: { status: number; body: { items: { projectId: string; dueDate: string }[]; nextCursor: string | null } } = await api.call(
      'GET',
      `/me/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      { token: solo.tokens[0] },
    );
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeLessThanOrEqual(2);
    seen.push(...r.body.items);
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 5);
  expect(pages).toBe(2);
  expect(seen.map((t) => t.projectId)).toEqual(all.body.items.map((t: { projectId: string }) => t.projectId));
  expect(seen.map((t) => t.dueDate)).toEqual(seen.map((t) => t.dueDate).sort());
  // A forged cursor is a 400 at `cursor`, limits are bounded.
  const forged = await api.call('GET', '/me/tasks?cursor=eyJwayI6IlBST0ojeCJ9', { token: solo.tokens[0] });
  expect(forged.status).toBe(400);
  expect(forged.body.errors[0].path).toBe('cursor');
  expect((await api.call('GET', '/me/tasks?limit=100000', { token: solo.tokens[0] })).status).toBe(400);
});

test('a due date on 14 July moves to the next working day', async () => {
  const c = await consortium(1);
  // Opened on Sunday 4 July 2027 with 10 SLA days → Wednesday 14 July (Fête nationale) → Thursday 15 July.
  const now = new Date('2027-07-04T10:00:00+02:00');
  let { state } = createWorkflow(c.orgs, undefined, now);
  ({ state } = recordSubmission(state, c.orgs[0]!, 'a'.repeat(64), now));
  const prev = await getWorkflow(c.project);
  await saveWorkflow({ id: c.project, acronym: 'HOL', title: 'Holiday' }, prev, state, [], { sub: 'test', role: 'legal', org: null });
  const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  expect(wf.body.pending[0].dueDate).toBe('2027-07-15');
});
