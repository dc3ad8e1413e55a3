import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runReminders } from '../../functions/jobs/send-reminders';
import { addCalendarDays, parisDate } from '../../shared/domain/calendar';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { publicationKey } from '../../shared/store/keys';
import { sentMail, startApi, tokenFor, type Api } from './helpers/api';
import { consortium, submitDeclaration, uploadDocument, type Consortium } from './helpers/consortium';

/**
 * Publication notices over HTTP (docs/publications.md): notice → emails to each other partner (SES sink) → tasks →
 * objection → objected → new manuscript → cleared; silence → cleared by the daily job with a `now`, and on read;
 * PUBLICATION-BEFORE-FILING and PUBLICATION-LATE-NOTICE flags.
 */
let api: Api;
let legal: string;
let c: Consortium;
let doc1: string;
const tag = `pub${Date.now() % 1e7}`;
const today = parisDate(new Date());
const pdf = (s: string) => new TextEncoder().encode(`%PDF-1.4\n% ${s}\n%%EOF\n`);

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  c = await consortium(api, legal, tag, 3);
  await submitDeclaration(api, c, 0);
  doc1 = await uploadDocument(api, c.tokens[0]!, c.project, pdf('v1'));
});
afterAll(() => api.close());

const base = () => `/projects/${c.project}/publications`;
const notice = (extra: Record<string, unknown> = {}) => ({
  title: `Capteur quantique ${tag}`,
  authors: ['M. Curie', 'P. Dupont'],
  venue: 'Optica',
  plannedDate: addCalendarDays(today, 60),
  resultKeys: ['r-1'],
  documentId: doc1,
  ...extra,
});
const flagsOf = async () => (await api.call('GET', `/projects/${c.project}/flags?limit=200`, { token: legal })).body.items as any[];

test('notice → emails and tasks → objection → new manuscript → cleared, every step audited', async () => {
  const res = await api.call('POST', base(), { token: c.tokens[0], body: notice() });
  expect(res.status).toBe(201);
  const n = res.body;
  expect(res.headers.get('etag')).toBe('"1"');
  expect(n).toMatchObject({
    state: 'open',
    late: false,
    organizationId: c.orgs[0],
    noticeDate: today,
    terms: { noticeDays: 45, objectionDays: 30, filingDelayDays: 90 },
  });
  const deadline = addCalendarDays(today, 30);
  expect(n.answers.map((a: any) => [a.organizationId, a.status, a.deadline, a.remainingDays])).toEqual(
    [c.orgs[1], c.orgs[2]].sort().map((o) => [o, 'pending', deadline, 30]),
  );

  // One email per representative of every other partner, none to the publisher.
  const mails = await sentMail((m) => m.subject.includes(n.title));
  const to = mails.flatMap((m) => m.destination.to);
  expect(to).toEqual(expect.arrayContaining([`rep1-${tag}@partner.example`, `rep2-${tag}@partner.example`]));
  expect(to).not.toContain(`rep0-${tag}@partner.example`);
  expect(mails.find((m) => m.destination.to.includes(`rep1-${tag}@partner.example`))!.body.text).toContain(deadline);

  // A task with the deadline in /me/tasks.
  const tasks = (await api.call('GET', '/me/tasks?limit=200', { token: c.tokens[1] })).body.items as any[];
  expect(tasks).toEqual(
    expect.arrayContaining([expect.objectContaining({ kind: 'publication-answer', publicationId: n.id, dueDate: deadline, projectId: c.project })]),
  );

  // PUBLICATION-BEFORE-FILING names the notice (r-1 is filed on 2027-06-15, after the planned date).
  const early = (await flagsOf()).filter((f) => f.ruleId === 'PUBLICATION-BEFORE-FILING' && f.subject.publicationId === n.id);
  expect(early).toHaveLength(1);
  expect(early[0].status).toBe('open');
  expect(early[0].explanation.fr).toContain(n.title);

  // Partner 1 objects (protection first); partner 2 consents with the ETag it read before: partners answer in parallel.
  const obj = await api.call('POST', `${base()}/${n.id}/objections`, {
    token: c.tokens[1],
    headers: { 'if-match': '"1"' },
    body: { grounds: 'protection-first', comment: 'Dépôt EP en préparation.', resultKeys: ['r-1'] },
  });
  expect(obj.status).toBe(200);
  expect(obj.body.state).toBe('objected');
  expect(obj.body.answers.find((a: any) => a.organizationId === c.orgs[1]).objection.delayUntil).toBe(addCalendarDays(today, 90));
  const con = await api.call('POST', `${base()}/${n.id}/consents`, { token: c.tokens[2], headers: { 'if-match': '"1"' }, body: {} });
  expect(con.status).toBe(200);
  expect(con.body.state).toBe('objected');
  // Partner 2 sees only its own answer; the publisher sees every answer.
  expect(con.body.answers.map((a: any) => a.organizationId)).toEqual([c.orgs[2]]);
  const again = await api.call('POST', `${base()}/${n.id}/consents`, { token: c.tokens[2], headers: { 'if-match': `"${con.body.version}"` }, body: {} });
  expect(again.status).toBe(409);
  // The publisher was told of the objection.
  expect((await sentMail((m) => m.destination.to.includes(`rep0-${tag}@partner.example`) && m.subject.includes('objection'))).length).toBeGreaterThan(0);

  // A new manuscript: the objector's clock restarts; partner 2's consent stands. A stale If-Match is refused.
  const doc2 = await uploadDocument(api, c.tokens[0]!, c.project, pdf('v2'));
  expect(
    (await api.call('POST', `${base()}/${n.id}/versions`, { token: c.tokens[0], headers: { 'if-match': '"1"' }, body: { documentId: doc2 } })).status,
  ).toBe(412);
  expect(
    (await api.call('POST', `${base()}/${n.id}/versions`, { token: c.tokens[1], headers: { 'if-match': `"${con.body.version}"` }, body: { documentId: doc2 } }))
      .status,
  ).toBe(403);
  const v2 = await api.call('POST', `${base()}/${n.id}/versions`, {
    token: c.tokens[0],
    headers: { 'if-match': `"${con.body.version}"` },
    body: { documentId: doc2 },
  });
  expect(v2.status).toBe(200);
  expect(v2.body).toMatchObject({ state: 'open', manuscriptVersion: 2, documentId: doc2 });
  expect(v2.body.answers.find((a: any) => a.organizationId === c.orgs[1])).toMatchObject({ status: 'pending', manuscriptVersion: 2, deadline });
  expect(v2.body.answers.find((a: any) => a.organizationId === c.orgs[2])).toMatchObject({ status: 'consented', consent: 'explicit' });
  expect((await sentMail((m) => m.destination.to.includes(`rep1-${tag}@partner.example`) && m.subject.includes('nouvelle version'))).length).toBe(1);

  // Partner 1 consents: cleared; its task is gone.
  const done = await api.call('POST', `${base()}/${n.id}/consents`, { token: c.tokens[1], headers: { 'if-match': `"${v2.body.version}"` }, body: {} });
  expect(done.status).toBe(200);
  expect(done.body.state).toBe('cleared');
  const left = (await api.call('GET', '/me/tasks?limit=200', { token: c.tokens[1] })).body.items as any[];
  expect(left.filter((t) => t.publicationId === n.id)).toEqual([]);

  // Audited in the project's chain, in order.
  const audit = (await api.call('GET', `/projects/${c.project}/audit?limit=200`, { token: legal })).body.items as any[];
  const actions = audit.filter((e) => e.target.type === 'publication' && e.target.id.endsWith(n.id)).map((e) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      'publication.notice-given',
      'publication.objected',
      'publication.consented',
      'publication.manuscript-version',
      'publication.cleared',
    ]),
  );
  const detail = await api.call('GET', `${base()}/${n.id}`, { token: legal });
  expect(detail.body.history.map((h: any) => h.action)).toEqual(['notice-given', 'objected', 'consented', 'manuscript-version', 'consented', 'cleared']);
});

test('silence until the deadline: a late notice is flagged, then cleared by the daily job with a `now`', async () => {
  const res = await api.call('POST', base(), {
    token: legal,
    body: notice({ organizationId: c.orgs[0], plannedDate: addCalendarDays(today, 10), resultKeys: [], title: `Silence ${tag}` }),
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ late: true, daysBeforePublication: 10, state: 'open' });
  const late = (await flagsOf()).filter((f) => f.ruleId === 'PUBLICATION-LATE-NOTICE' && f.subject.publicationId === res.body.id);
  expect(late.map((f) => f.status)).toEqual(['open']);

  // The day of the deadline: still open (the last day counts until midnight, Paris time).
  const lastDay = new Date(`${addCalendarDays(today, 30)}T21:30:00Z`); // 22:30 Paris time (winter)
  await runReminders({ now: lastDay, send: async () => 'x' });
  expect((await api.call('GET', `${base()}/${res.body.id}`, { token: legal })).body.state).toBe('open');

  const after = new Date(`${addCalendarDays(today, 31)}T07:00:00Z`);
  const run = await runReminders({ now: after, send: async () => 'x' });
  expect(run.publicationsSettled).toBeGreaterThanOrEqual(1);
  const read = await api.call('GET', `${base()}/${res.body.id}`, { token: c.tokens[2] });
  expect(read.body.state).toBe('cleared');
  expect(read.body.answers).toEqual([expect.objectContaining({ organizationId: c.orgs[2], status: 'consented', consent: 'silence' })]);
  // Partner 2 sees its own history (not partner 1's); legal staff see every entry.
  expect(read.body.history.map((h: any) => h.action)).toEqual(['notice-given', 'deemed-consent', 'cleared']);
  const full = await api.call('GET', `${base()}/${res.body.id}`, { token: legal });
  expect(full.body.history.map((h: any) => h.action)).toEqual(['notice-given', 'deemed-consent', 'deemed-consent', 'cleared']);
  expect(full.body.history.at(-1).by).toBeNull();
  // Once cleared, the late-notice flag closes by itself.
  const closed = (await flagsOf()).filter((f) => f.ruleId === 'PUBLICATION-LATE-NOTICE' && f.subject.publicationId === res.body.id);
  expect(closed.map((f) => f.status)).toEqual(['closed']);
});

test('silence: a notice past its deadline is cleared when read (no job, no button)', async () => {
  const res = await api.call('POST', base(), { token: c.tokens[0], body: notice({ resultKeys: [], title: `Lecture ${tag}` }) });
  expect(res.status).toBe(201);
  // Move the clock back: the answers' deadline was yesterday.
  const yesterday = addCalendarDays(today, -1);
  await ddb().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: publicationKey(c.project, res.body.id),
      UpdateExpression: 'SET answers[0].deadline = :d, answers[1].deadline = :d',
      ExpressionAttributeValues: { ':d': yesterday },
    }),
  );
  const list = await api.call('GET', `${base()}?limit=50`, { token: c.tokens[1] });
  expect(list.status).toBe(200);
  const item = list.body.items.find((x: any) => x.id === res.body.id);
  expect(item).toMatchObject({ state: 'cleared', remainingDays: null });
  const audit = (await api.call('GET', `/projects/${c.project}/audit?limit=200`, { token: legal })).body.items as any[];
  const cleared = audit.find((e) => e.action === 'publication.cleared' && e.target.id.endsWith(res.body.id));
  expect(cleared.actor.sub).toBe('system:publication-clock');
});

test('refusals: unknown result, manuscript not available, outsiders, past date', async () => {
  const bad = await api.call('POST', base(), { token: c.tokens[0], body: notice({ resultKeys: ['nope'] }) });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: any) => e.path)).toContain('resultKeys/0');
  const past = await api.call('POST', base(), { token: c.tokens[0], body: notice({ plannedDate: addCalendarDays(today, -1) }) });
  expect(past.status).toBe(400);
  const pending = await api.call('POST', `/projects/${c.project}/documents`, {
    token: c.tokens[0],
    body: { fileName: 'x.pdf', contentType: 'application/pdf', size: 10 },
  });
  const noDoc = await api.call('POST', base(), { token: c.tokens[0], body: notice({ documentId: pending.body.document.id }) });
  expect(noDoc.status).toBe(400);
  expect(noDoc.body.errors.map((e: any) => e.path)).toEqual(['documentId']);
  // Partner 1 may not give notice for partner 0.
  expect((await api.call('POST', base(), { token: c.tokens[1], body: notice({ organizationId: c.orgs[0] }) })).status).toBe(403);
});
