import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runReminders } from '../../functions/jobs/send-reminders';
import { addCalendarDays, parisDate } from '../../shared/domain/calendar';
import type { Email } from '../../shared/domain/mail/render';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { controlReviewKey, controlReviewTaskKey } from '../../shared/store/keys';
import { sentMail, startApi, tokenFor, type Api } from './helpers/api';
import { consortiumAtAgreement, consortiumSigned, type Consortium } from './helpers/consortium';

/**
 * Change of control after signature over HTTP (docs/change-of-control.md, issue 14 §2): a planned acquisition of a
 * partner of a signed project by a foreign fund → emails to the other partners and the committee (SES sink, in each
 * recipient's language) → a committee review with its window (configured after signature) in /me/tasks and in the
 * daily digest, overdue and escalated once the window passed → the committee's decision, recorded against the signed
 * agreement's version and audited; the partner stays held by the IEF flag (gates) and the IP file stays locked.
 */
let api: Api;
let legal: string;
let committee: string;
let c: Consortium;
const tag = `coc${Date.now() % 1e7}`;
const today = parisDate(new Date());
const COMMITTEE_FR = `comite-fr-${tag}@pole.example`;
const COMMITTEE_EN = `committee-en-${tag}@pole.example`;
const LEGAL = `juriste-${tag}@pole.example`;
const rep = (i: number) => `rep${i}-${tag}@partner.example`;

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal', undefined, LEGAL);
  committee = await tokenFor('committee', undefined, COMMITTEE_FR);
  for (const [email, role, language] of [
    [COMMITTEE_FR, 'committee', 'fr'],
    [COMMITTEE_EN, 'committee', 'en'],
    [LEGAL, 'legal', 'fr'],
  ] as const) {
    const r = await api.call('PUT', `/staff/${encodeURIComponent(email)}`, { token: legal, body: { name: email.split('@')[0], role, language } });
    expect([200, 201]).toContain(r.status);
  }
  c = await consortiumSigned(api, legal, committee, tag, 3);
}, 120_000);
afterAll(() => api.close());

const reviews = async (token = committee) => (await api.call('GET', `/projects/${c.project}/control-reviews`, { token })).body.items as any[];
const acquisition = {
  kind: 'acquisition',
  status: 'planned',
  investor: { name: `Redwood Capital ${tag}`, country: 'US' },
  votingRightsBeforePct: 0,
  votingRightsAfterPct: 70,
  controlAcquired: true,
  effectiveDate: addCalendarDays(today, 90),
};

test('a planned acquisition of a partner of a signed project: emails, committee task, digest, overdue, decision on the agreement version', async () => {
  const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  expect(wf.body.status).toBe('signed');
  // The window is configurable after signature (the SLA days are not).
  const cfg = await api.call('PATCH', `/projects/${c.project}/workflow`, {
    token: legal,
    body: { controlReviewDays: 20 },
    headers: { 'if-match': wf.headers.get('etag')! },
  });
  expect(cfg.status).toBe(200);
  expect(cfg.body.config.controlReviewDays).toBe(20);

  const ev = await api.call('POST', `/organizations/${c.orgs[0]}/control-events`, { token: legal, body: acquisition });
  expect(ev.status).toBe(201);

  const [r] = await reviews();
  expect(r).toMatchObject({
    organizationId: c.orgs[0],
    controlEventId: ev.body.event.id,
    state: 'open',
    windowDays: 20,
    dueDate: addCalendarDays(today, 20),
    remainingDays: 20,
    overdue: false,
    agreementVersion: 1,
    decision: null,
    event: { kind: 'acquisition', status: 'planned', votingRightsAfterPct: 70 },
  });
  expect(r.agreementId).toMatch(/\.v1$/);
  // Legal staff read it too; partners do not.
  expect((await reviews(legal)).map((x) => x.id)).toEqual([r.id]);
  expect((await api.call('GET', `/projects/${c.project}/control-reviews`, { token: c.tokens[1] })).status).toBe(403);

  // Emails: each representative of the other partners, each committee member in their language; not the partner concerned.
  const mails = await sentMail((m) => m.subject.includes(c.acronym) && /contrôle|control/.test(m.subject));
  const to = mails.flatMap((m) => m.destination.to);
  expect(to).toEqual(expect.arrayContaining([rep(1), rep(2), COMMITTEE_FR, COMMITTEE_EN]));
  expect(to).not.toContain(rep(0));
  const en = mails.find((m) => m.destination.to.includes(COMMITTEE_EN))!;
  expect(en.subject).toContain('change of control');
  expect(en.body.text).toContain(`/projects/${c.project}/control-reviews/${r.id}`);
  const fr = mails.find((m) => m.destination.to.includes(COMMITTEE_FR))!;
  expect(fr.subject).toContain('changement de contrôle');
  expect(fr.body.text).toContain(r.dueDate);
  expect(mails.find((m) => m.destination.to.includes(rep(1)))!.body.text).not.toContain('/control-reviews/');

  // The committee's task.
  const tasks = (await api.call('GET', '/me/tasks?limit=200', { token: committee })).body.items as any[];
  expect(tasks).toEqual(
    expect.arrayContaining([expect.objectContaining({ kind: 'control-review', controlReviewId: r.id, dueDate: r.dueDate, projectId: c.project })]),
  );

  // The partner stays held while the IEF flag is open: the gates name it, and the IP file is locked anyway.
  const gates = (await api.call('GET', `/projects/${c.project}/workflow`, { token: legal })).body.gates;
  expect(gates.iefHolds.map((h: any) => h.orgId)).toContain(c.orgs[0]);

  // The daily digest: reminded from two days before, overdue after, escalated to legal staff from 3 days overdue.
  const sent: Email[] = [];
  const send = async (m: Email) => {
    sent.push(m);
    return 'x';
  };
  await runReminders({ now: new Date(`${addCalendarDays(r.dueDate, 3)}T07:00:00Z`), send });
  const digest = sent.find((m) => m.to.includes(COMMITTEE_FR))!;
  expect(digest.text).toContain(`${c.acronym} (`);
  expect(digest.text).toContain('Changement de contrôle');
  expect(digest.text).toContain('en retard de 3 jours');
  expect(digest.text).toContain(`/projects/${c.project}/control-reviews/${r.id}`);
  expect(sent.find((m) => m.to.includes(COMMITTEE_EN))!.text).toContain('overdue by 3 days');
  expect(sent.find((m) => m.to.includes(LEGAL))!.text).toContain('escalade');

  // Overdue on the page once the window has passed (the due date moved back in the store, as the clock would).
  const yesterday = addCalendarDays(today, -1);
  for (const key of [controlReviewKey(c.project, r.id), controlReviewTaskKey(c.project, r.id)])
    await ddb().send(
      new UpdateCommand({ TableName: config.tableName, Key: key, UpdateExpression: 'SET dueDate = :d', ExpressionAttributeValues: { ':d': yesterday } }),
    );
  const late = (await reviews()).find((x) => x.id === r.id);
  expect(late).toMatchObject({ overdue: true, remainingDays: -1 });

  // The decision: the committee only, at the current version, once.
  const path = `/projects/${c.project}/control-reviews/${r.id}/decision`;
  const body = { outcome: 'restrict-access', note: "Accès limité à l'exécution du projet." };
  expect((await api.call('POST', path, { token: legal, body, headers: { 'if-match': '"1"' } })).status).toBe(403);
  expect((await api.call('POST', path, { token: c.tokens[1], body, headers: { 'if-match': '"1"' } })).status).toBe(403);
  expect((await api.call('POST', path, { token: committee, body, headers: { 'if-match': '"7"' } })).status).toBe(412);
  const bad = await api.call('POST', path, { token: committee, body: { outcome: 'sell', note: '' }, headers: { 'if-match': '"1"' } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['note', 'outcome']);
  const done = await api.call('POST', path, { token: committee, body, headers: { 'if-match': '"1"' } });
  expect(done.status).toBe(200);
  expect(done.headers.get('etag')).toBe('"2"');
  expect(done.body).toMatchObject({
    state: 'decided',
    overdue: false,
    remainingDays: null,
    decision: { outcome: 'restrict-access', note: body.note, agreementVersion: 1, agreementId: r.agreementId, decidedBy: { role: 'committee' } },
  });
  expect((await api.call('POST', path, { token: committee, body, headers: { 'if-match': '"2"' } })).status).toBe(409);
  const after = (await api.call('GET', '/me/tasks?limit=200', { token: committee })).body.items as any[];
  expect(after.some((t) => t.controlReviewId === r.id)).toBe(false);

  const audit = (await api.call('GET', `/projects/${c.project}/audit?limit=200`, { token: legal })).body.items as any[];
  const events = audit.filter((e) => e.target.type === 'control-review' && e.target.id.endsWith(r.id));
  expect(events.map((e) => e.action)).toEqual(['control-review.opened', 'control-review.decided']);
  expect(events[1].after).toMatchObject({ agreementVersion: 1, outcome: 'restrict-access', state: 'decided' });
  expect((await api.call('GET', `/projects/${c.project}/audit/verify`, { token: legal })).body.valid).toBe(true);
}, 60_000);

test('no review before signature, nor for an organization outside the project', async () => {
  const other = await consortiumAtAgreement(api, legal, committee, `${tag}b`, 1);
  const ev = await api.call('POST', `/organizations/${other.orgs[0]}/control-events`, { token: legal, body: acquisition });
  expect(ev.status).toBe(201);
  expect((await api.call('GET', `/projects/${other.project}/control-reviews`, { token: committee })).body.items).toEqual([]);
  // The signed project of the first test is untouched by that event.
  expect((await reviews()).every((r) => r.controlEventId !== ev.body.event.id)).toBe(true);
}, 60_000);

test('the control event withdrawn before the decision: its review closes as withdrawn with the reason, its task goes; a decided one stays', async () => {
  const ev = await api.call('POST', `/organizations/${c.orgs[1]}/control-events`, {
    token: legal,
    body: { ...acquisition, investor: { name: `Kestrel ${tag}`, country: 'CN' } },
  });
  expect(ev.status).toBe(201);
  const open = (await reviews()).find((r) => r.controlEventId === ev.body.event.id);
  expect(open.state).toBe('open');
  const taskIds = async () => ((await api.call('GET', '/me/tasks?limit=200', { token: committee })).body.items as any[]).map((t) => t.controlReviewId);
  expect(await taskIds()).toContain(open.id);

  const reason = 'L’acquéreur a renoncé à l’opération.';
  const wd = await api.call('POST', `/organizations/${c.orgs[1]}/control-events/${ev.body.event.id}/withdrawal`, {
    token: legal,
    body: { reason },
    headers: { 'if-match': ev.headers.get('etag')! },
  });
  expect(wd.status).toBe(200);
  const closed = (await reviews()).find((r) => r.id === open.id);
  expect(closed).toMatchObject({ state: 'withdrawn', withdrawal: { reason }, decision: null, remainingDays: null, overdue: false, version: 2 });
  expect(await taskIds()).not.toContain(open.id);
  const late = await api.call('POST', `/projects/${c.project}/control-reviews/${open.id}/decision`, {
    token: committee,
    body: { outcome: 'accept', note: 'Trop tard : l’opération est retirée.' },
    headers: { 'if-match': '"2"' },
  });
  expect({ status: late.status, detail: late.body.detail }).toEqual({ status: 409, detail: expect.stringContaining('retiré') });
  const audit = (await api.call('GET', `/projects/${c.project}/audit?limit=200`, { token: legal })).body.items as any[];
  expect(audit.filter((e) => e.action === 'control-review.withdrawn').map((e) => e.after.withdrawalReason)).toEqual([reason]);

  // The first test's review was decided: withdrawing its event leaves the decision on record.
  const decided = (await reviews()).find((r) => r.state === 'decided')!;
  const first = await api.call('GET', `/organizations/${c.orgs[0]}/control-events/${decided.controlEventId}`, { token: legal });
  const wd0 = await api.call('POST', `/organizations/${c.orgs[0]}/control-events/${decided.controlEventId}/withdrawal`, {
    token: legal,
    body: { reason: 'Opération abandonnée.' },
    headers: { 'if-match': first.headers.get('etag')! },
  });
  expect(wd0.status).toBe(200);
  expect((await reviews()).find((r) => r.id === decided.id)).toMatchObject({ state: 'decided', version: decided.version });
}, 60_000);

test('the decision is emailed to the partner concerned, the other partners and the legal staff, each in their language', async () => {
  // The representative of partner 1 reads English; legal staff: one in French (LEGAL), one in English.
  const LEGAL_EN = `legal-en-${tag}@pole.example`;
  expect([200, 201]).toContain(
    (await api.call('PUT', `/staff/${encodeURIComponent(LEGAL_EN)}`, { token: legal, body: { name: 'Legal EN', role: 'legal', language: 'en' } })).status,
  );
  const org1 = await api.call('GET', `/organizations/${c.orgs[1]}`, { token: legal });
  const patched = await api.call('PATCH', `/organizations/${c.orgs[1]}`, {
    token: legal,
    body: { representatives: [{ name: 'Rep 1', email: rep(1), language: 'en' }] },
    headers: { 'if-match': org1.headers.get('etag')! },
  });
  expect(patched.status).toBe(200);
  const partner = (await api.call('GET', `/organizations/${c.orgs[2]}`, { token: legal })).body.legalName as string;

  const ev = await api.call('POST', `/organizations/${c.orgs[2]}/control-events`, {
    token: legal,
    body: { ...acquisition, investor: { name: `Osprey ${tag}`, country: 'CN' } },
  });
  expect(ev.status).toBe(201);
  const r = (await reviews()).find((x) => x.controlEventId === ev.body.event.id);
  const note = 'Retrait demandé : accès aux résultats suspendu jusqu’à la sortie du consortium.';
  const done = await api.call('POST', `/projects/${c.project}/control-reviews/${r.id}/decision`, {
    token: committee,
    body: { outcome: 'withdrawal-requested', note },
    headers: { 'if-match': '"1"' },
  });
  expect(done.status).toBe(200);

  const mails = await sentMail((m) => m.subject.includes(partner) && /le comité a décidé|the committee decided/.test(m.subject));
  const byTo = new Map(mails.flatMap((m) => m.destination.to.map((t) => [t, m] as const)));
  // One each: the partner concerned, the other partners, every active legal staff member; not the committee.
  expect([...byTo.keys()].sort()).toEqual(expect.arrayContaining([rep(0), rep(1), rep(2), LEGAL, LEGAL_EN].sort()));
  expect(mails.length).toBe(byTo.size);
  expect(byTo.has(COMMITTEE_FR)).toBe(false);
  expect(byTo.has(COMMITTEE_EN)).toBe(false);

  const concerned = byTo.get(rep(2))!;
  expect(concerned.subject).toBe(`[Vigie] ${c.acronym} — changement de contrôle de ${partner} : le comité a décidé (retrait demandé)`);
  expect(concerned.body.text).toContain(`Osprey ${tag}`);
  expect(concerned.body.text).toContain(`il est demandé à ${partner} de se retirer du consortium`);
  expect(concerned.body.text).toContain(`Motifs et conditions : ${note}`);
  expect(concerned.body.text).toContain(`version ${r.agreementVersion} (${r.agreementId})`);
  expect(concerned.body.text).toContain('concerne votre organisation');
  expect(concerned.body.text).not.toContain('/control-reviews/');

  const en = byTo.get(rep(1))!;
  expect(en.subject).toBe(`[Vigie] ${c.acronym} — change of control of ${partner}: the committee decided (withdrawal requested)`);
  expect(en.body.text).toContain(`${partner} is asked to withdraw from the consortium`);
  expect(en.body.text).toContain(`Reasons and conditions: ${note}`);
  expect(en.body.text).toContain(`signed consortium agreement, version ${r.agreementVersion}`);
  expect(byTo.get(rep(0))!.subject).toContain('le comité a décidé');

  expect(byTo.get(LEGAL)!.body.text).toContain(`Voir la décision : ${config.webOrigin}/projects/${c.project}/control-reviews/${r.id}`);
  expect(byTo.get(LEGAL_EN)!.subject).toContain('the committee decided (withdrawal requested)');
  expect(byTo.get(LEGAL_EN)!.body.text).toContain(`/projects/${c.project}/control-reviews/${r.id}`);
}, 60_000);
