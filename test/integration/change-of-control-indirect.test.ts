import { addCalendarDays, parisDate } from '../../shared/domain/calendar';
import { frenchOrg, sentMail, startApi, tokenFor, type Api } from './helpers/api';
import { consortiumSigned, type Consortium } from './helpers/consortium';

/**
 * An indirect change of control after signature over HTTP (docs/change-of-control.md): a foreign fund takes control
 * of holding X, which holds 60 % of partner P of a signed project → a committee review opens on that project naming
 * P (the partner concerned) and X (the organization the operation is on); the other partners and the committee are
 * emailed (SES sink), not P nor X; withdrawing the event closes the review. A holding of 10 % is no control: nothing
 * opens.
 */
let api: Api;
let legal: string;
let committee: string;
let c: Consortium;
let holdingX: string;
let minorityY: string;
const tag = `coci${Date.now() % 1e7}`;
const today = parisDate(new Date());
const COMMITTEE = `comite-${tag}@pole.example`;
const REP_X = `repx-${tag}@holding.example`;
const rep = (i: number) => `rep${i}-${tag}@partner.example`;
const acquisition = (investor: string) => ({
  kind: 'acquisition',
  status: 'planned',
  investor: { name: investor, country: 'US' },
  votingRightsBeforePct: 0,
  votingRightsAfterPct: 70,
  controlAcquired: true,
  effectiveDate: addCalendarDays(today, 90),
});

/** Adds `holderId` with `pct` % of the voting rights to organization `orgId`'s shareholder register (the rest to its founders). */
async function holds(holderId: string, holderName: string, orgId: string, pct: number): Promise<void> {
  const cur = await api.call('GET', `/organizations/${orgId}`, { token: legal });
  const r = await api.call('PATCH', `/organizations/${orgId}`, {
    token: legal,
    body: {
      shareholders: [
        { name: holderName, country: 'FR', votingRightsPct: pct, organizationId: holderId },
        { name: 'Fondateurs', country: 'FR', votingRightsPct: 100 - pct, naturalPerson: true },
      ],
    },
    headers: { 'if-match': cur.headers.get('etag')! },
  });
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  committee = await tokenFor('committee', undefined, COMMITTEE);
  expect([200, 201]).toContain(
    (await api.call('PUT', `/staff/${encodeURIComponent(COMMITTEE)}`, { token: legal, body: { name: 'Comité', role: 'committee', language: 'fr' } })).status,
  );
  c = await consortiumSigned(api, legal, committee, tag, 3);
  expect((await api.call('GET', `/projects/${c.project}/workflow`, { token: legal })).body.status).toBe('signed');
  const mk = async (name: string, extra: Record<string, unknown> = {}) => {
    const o = await api.call('POST', '/organizations', { token: legal, body: frenchOrg(name, extra) });
    expect(o.status).toBe(201);
    return o.body.id as string;
  };
  // Neither holding is a partner of the project.
  holdingX = await mk(`Holding X ${tag}`, { category: 'large', representatives: [{ name: 'Rep X', email: REP_X, language: 'fr' }] });
  minorityY = await mk(`Holding Y ${tag}`, { category: 'large' });
  await holds(holdingX, `Holding X ${tag}`, c.orgs[1]!, 60);
  await holds(minorityY, `Holding Y ${tag}`, c.orgs[2]!, 10);
}, 180_000);
afterAll(() => api.close());

const reviews = async () => (await api.call('GET', `/projects/${c.project}/control-reviews`, { token: committee })).body.items as any[];

test('control taken of a holding that controls a partner: a review naming the partner and the holding, emails, task; withdrawn, it closes', async () => {
  const partner = (await api.call('GET', `/organizations/${c.orgs[1]}`, { token: legal })).body.legalName as string;
  const ev = await api.call('POST', `/organizations/${holdingX}/control-events`, { token: legal, body: acquisition(`Redwood ${tag}`) });
  expect(ev.status).toBe(201);

  const mine = (await reviews()).filter((r) => r.controlEventId === ev.body.event.id);
  expect(mine).toHaveLength(1);
  const r = mine[0];
  expect(r).toMatchObject({
    organizationId: holdingX,
    organizationName: `Holding X ${tag}`,
    partnerIds: [c.orgs[1]],
    state: 'open',
    agreementVersion: 1,
    event: { kind: 'acquisition', votingRightsAfterPct: 70 },
  });

  // Emails: the other partners and the committee; not the partner concerned, not the holding (no party to the agreement).
  const mails = await sentMail((m) => m.subject.includes(c.acronym) && m.subject.includes(`opération sur Holding X ${tag}`));
  const to = mails.flatMap((m) => m.destination.to);
  expect(to).toEqual(expect.arrayContaining([rep(0), rep(2), COMMITTEE]));
  expect(to).not.toContain(rep(1));
  expect(to).not.toContain(REP_X);
  const toCommittee = mails.find((m) => m.destination.to.includes(COMMITTEE))!;
  expect(toCommittee.subject).toBe(
    `[Vigie] ${c.acronym} — changement de contrôle de ${partner} (opération sur Holding X ${tag}) : décision du comité avant le ${r.dueDate}`,
  );
  expect(toCommittee.body.text).toContain(`porte sur Holding X ${tag}, qui contrôle le partenaire ${partner} du projet ${c.acronym}`);
  expect(toCommittee.body.text).toContain(`/projects/${c.project}/control-reviews/${r.id}`);

  // The committee's task names them too; the risk engine holds the partner (IEF-ACQUISITION, indirect operation).
  const tasks = (await api.call('GET', '/me/tasks?limit=200', { token: committee })).body.items as any[];
  expect(tasks.find((t) => t.controlReviewId === r.id)).toMatchObject({
    kind: 'control-review',
    controlReview: { partnerNames: [partner], operationOnName: `Holding X ${tag}` },
  });
  const gates = (await api.call('GET', `/projects/${c.project}/workflow`, { token: legal })).body.gates;
  expect(gates.iefHolds.map((h: any) => h.orgId)).toContain(c.orgs[1]);

  // The opening is audited on the project with the partners concerned.
  const audit = async () =>
    ((await api.call('GET', `/projects/${c.project}/audit?limit=200`, { token: legal })).body.items as any[]).filter((e) =>
      e.action.startsWith('control-review.'),
    );
  expect((await audit()).find((e) => e.action === 'control-review.opened')?.after).toMatchObject({ organizationId: holdingX, partnerIds: [c.orgs[1]] });

  const wd = await api.call('POST', `/organizations/${holdingX}/control-events/${ev.body.event.id}/withdrawal`, {
    token: legal,
    body: { reason: 'Le fonds a renoncé.' },
    headers: { 'if-match': ev.headers.get('etag')! },
  });
  expect(wd.status).toBe(200);
  expect((await reviews()).find((x) => x.id === r.id)).toMatchObject({
    state: 'withdrawn',
    withdrawal: { reason: 'Le fonds a renoncé.' },
    partnerIds: [c.orgs[1]],
  });
  const after = (await api.call('GET', '/me/tasks?limit=200', { token: committee })).body.items as any[];
  expect(after.map((t) => t.controlReviewId)).not.toContain(r.id);
}, 60_000);

test('a holding of 10 % is no control: an operation on that holding opens no review', async () => {
  const before = (await reviews()).length;
  const ev = await api.call('POST', `/organizations/${minorityY}/control-events`, { token: legal, body: acquisition(`Osprey ${tag}`) });
  expect(ev.status).toBe(201);
  const after = await reviews();
  expect(after).toHaveLength(before);
  expect(after.map((r) => r.controlEventId)).not.toContain(ev.body.event.id);
  expect(await sentMail((m) => m.subject.includes(`opération sur Holding Y ${tag}`))).toEqual([]);
}, 60_000);
