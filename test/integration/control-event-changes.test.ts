import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { auditPk, orgPk, projectPk } from '../../shared/store/keys';
import { startApi, tokenFor, frenchOrg, projectBody, sentMail, type Api } from './helpers/api';

/**
 * Issue 14 §3 through the HTTP API: a control event amended, withdrawn and recorded again, the IEF flag following
 * it (one flag: updated, closed "cause withdrawn", reopened), the versions of the event, and the what-if that
 * records nothing.
 */
let api: Api;
let legal: string;
let committee: string;
let startup: string;
let project: string;
const tag = `CE${Date.now() % 1e6}`;

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  committee = await tokenFor('committee');
  const mk = async (body: Record<string, unknown>) => (await api.call('POST', '/organizations', { token: legal, body })).body.id as string;
  startup = await mk(
    frenchOrg(`Quanta ${tag}`, {
      category: 'startup',
      shareholders: [
        { name: 'Fondatrice', country: 'FR', votingRightsPct: 60, naturalPerson: true },
        { name: 'Business angels', country: 'FR', votingRightsPct: 40 },
      ],
    }),
  );
  const lab = await mk(frenchOrg(`Labo ${tag}`, { category: 'public-lab' }));
  const p = await api.call('POST', '/projects', {
    token: legal,
    body: projectBody({
      acronym: `${tag}Q`,
      technologyDomains: ['quantum'],
      partners: [
        { organizationId: lab, role: 'coordinator' },
        { organizationId: startup, role: 'partner' },
      ],
    }),
  });
  project = p.body.id;
});
afterAll(() => api.close());

const fund = { name: 'Redwood Growth Fund', country: 'US' };
const acquisition = (pct: number) => ({
  kind: 'shareholding-change',
  status: 'planned',
  investor: fund,
  votingRightsBeforePct: 0,
  votingRightsAfterPct: pct,
  effectiveDate: '2027-06-01',
});
const iefFlags = async () =>
  (
    (await api.call('GET', `/projects/${project}/flags`, { token: legal })).body.items as {
      id: string;
      ruleId: string;
      status: string;
      history: any[];
      closeReason?: any;
      explanation: any;
      subject: any;
    }[]
  ).filter((f) => f.ruleId === 'IEF-ACQUISITION');

test('planned acquisition by a US fund → flag; amended to 20 % → the same flag closes (below 25 %, no control); withdrawn; recorded again → the same flag reopens', async () => {
  const recorded = await api.call('POST', `/organizations/${startup}/control-events`, { token: legal, body: acquisition(30) });
  expect(recorded.status).toBe(201);
  const eventId = recorded.body.event.id as string;
  // The answer carries the version the first amendment's If-Match names, and the event's own URL.
  expect({ etag: recorded.headers.get('etag'), version: recorded.body.event.version, location: recorded.headers.get('location') }).toEqual({
    etag: '"1"',
    version: 1,
    location: `/organizations/${startup}/control-events/${eventId}`,
  });
  const [flag] = await iefFlags();
  expect(flag!.status).toBe('open');
  expect(flag!.subject).toEqual({ organizationId: startup, targetOrganizationId: startup, investor: 'redwood growth fund|US' });

  // If-Match: required (428), checked (412).
  expect((await api.call('PATCH', `/organizations/${startup}/control-events/${eventId}`, { token: legal, body: { votingRightsAfterPct: 35 } })).status).toBe(
    428,
  );
  const stale = await api.call('PATCH', `/organizations/${startup}/control-events/${eventId}`, {
    token: legal,
    body: { votingRightsAfterPct: 35 },
    headers: { 'if-match': '"7"' },
  });
  expect(stale.status).toBe(412);
  expect(stale.body.currentEtag).toBe('"1"');

  // 30 % → 35 %: the same flag, updated in place (its evidence changed).
  const to35 = await api.call('PATCH', `/organizations/${startup}/control-events/${eventId}`, {
    token: legal,
    body: { votingRightsAfterPct: 35 },
    headers: { 'if-match': '"1"' },
  });
  expect(to35.status).toBe(200);
  expect(to35.headers.get('etag')).toBe('"2"');
  expect(to35.body.reevaluated[0].updated.map((f: { id: string }) => f.id)).toEqual([flag!.id]);
  let [same] = await iefFlags();
  expect(same!.id).toBe(flag!.id);
  expect(same!.history.at(-1).action).toBe('updated');

  // 20 %: a US fund below 25 % without control is not an IEF operation (CMF R151-2 3°): the same flag closes.
  const to20 = await api.call('PATCH', `/organizations/${startup}/control-events/${eventId}`, {
    token: legal,
    body: { votingRightsAfterPct: 20 },
    headers: { 'if-match': '"2"' },
  });
  expect(to20.body.reevaluated[0].closed.map((f: { id: string }) => f.id)).toEqual([flag!.id]);

  // Back to 30 % (reopens), then withdrawn: closed with "cause withdrawn".
  await api.call('PATCH', `/organizations/${startup}/control-events/${eventId}`, {
    token: legal,
    body: { votingRightsAfterPct: 30 },
    headers: { 'if-match': '"3"' },
  });
  expect((await iefFlags())[0]!.status).toBe('open');
  expect(
    (await api.call('POST', `/organizations/${startup}/control-events/${eventId}/withdrawal`, { token: legal, body: {}, headers: { 'if-match': '"4"' } }))
      .status,
  ).toBe(400);
  const withdrawn = await api.call('POST', `/organizations/${startup}/control-events/${eventId}/withdrawal`, {
    token: legal,
    body: { reason: 'Le fonds a renoncé à l’opération' },
    headers: { 'if-match': '"4"' },
  });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body.event.status).toBe('withdrawn');
  expect(withdrawn.body.event.withdrawal).toMatchObject({ reason: 'Le fonds a renoncé à l’opération', previousStatus: 'planned' });
  expect(withdrawn.body.reevaluated[0].closed.map((f: { id: string }) => f.id)).toEqual([flag!.id]);
  [same] = await iefFlags();
  expect(same!.status).toBe('closed');
  expect(same!.closeReason).toMatchObject({ code: 'cause-withdrawn' });
  expect(same!.closeReason.fr).toContain('Cause retirée');
  expect(same!.history.at(-1)).toMatchObject({ action: 'auto-closed', reason: 'cause-withdrawn' });

  // Still listed, withdrawn; no more changes (409).
  const listed = await api.call('GET', `/organizations/${startup}/control-events`, { token: committee });
  expect(listed.body.items.find((e: { id: string }) => e.id === eventId).status).toBe('withdrawn');
  const again = await api.call('PATCH', `/organizations/${startup}/control-events/${eventId}`, {
    token: legal,
    body: { votingRightsAfterPct: 31 },
    headers: { 'if-match': '"5"' },
  });
  expect(again.status).toBe(409);
  expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);

  // The versions, oldest first.
  const detail = await api.call('GET', `/organizations/${startup}/control-events/${eventId}`, { token: committee });
  expect(detail.headers.get('etag')).toBe('"5"');
  expect(detail.body.versions.map((v: { version: number; action: string }) => `${v.version}:${v.action}`)).toEqual([
    '1:recorded',
    '2:amended',
    '3:amended',
    '4:amended',
    '5:withdrawn',
  ]);
  expect(detail.body.versions[1].changes).toEqual(['votingRightsAfterPct']);
  expect(detail.body.versions[1].event.votingRightsAfterPct).toBe(35);

  // The same cause again (a new event): the same flag reopens, not a new one.
  const back = await api.call('POST', `/organizations/${startup}/control-events`, { token: legal, body: acquisition(30) });
  expect(back.body.reevaluated[0].reopened.map((f: { id: string }) => f.id)).toEqual([flag!.id]);
  const all = await iefFlags();
  expect(all).toHaveLength(1);
  expect(all[0]!.status).toBe('open');
  expect(all[0]!.closeReason).toBeUndefined();
  expect(all[0]!.history.map((h) => h.action)).toEqual(['created', 'updated', 'auto-closed', 'auto-reopened', 'auto-closed', 'auto-reopened']);

  // An amendment to completed: the status only moves forward.
  const backId = back.body.event.id as string;
  const done = await api.call('PATCH', `/organizations/${startup}/control-events/${backId}`, {
    token: legal,
    body: { status: 'completed' },
    headers: { 'if-match': '"1"' },
  });
  expect(done.status).toBe(200);
  expect(done.body.reevaluated[0].updated).toHaveLength(1); // high → critical: completed without authorisation
  const undo = await api.call('PATCH', `/organizations/${startup}/control-events/${backId}`, {
    token: legal,
    body: { status: 'planned' },
    headers: { 'if-match': '"2"' },
  });
  expect(undo.status).toBe(409);
  expect(undo.body.errors[0].path).toBe('status');
  expect(undo.body.detail).toMatch(/prévu|planned/);
});

/** Every item of the partitions a recording would touch: the organization's, the project's, the organization's audit chain. */
async function footprint(): Promise<string> {
  const parts = await Promise.all(
    [orgPk(startup), projectPk(project), auditPk(orgPk(startup)), auditPk(projectPk(project))].map(async (pk) => {
      const r = await ddb().send(
        new QueryCommand({ TableName: config.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }),
      );
      return JSON.stringify(r.Items ?? []);
    }),
  );
  return parts.join('\n');
}

test('simulate: a 45 % stake by a Swiss individual tax-domiciled in Geneva — the flags it would raise, with the reasons, and nothing recorded', async () => {
  const body = {
    kind: 'shareholding-change',
    status: 'planned',
    investor: { name: `Anna Keller ${tag}`, country: 'CH', naturalPerson: true, taxDomicileCountry: 'CH' },
    votingRightsBeforePct: 0,
    votingRightsAfterPct: 45,
    effectiveDate: '2027-09-01',
  };
  const before = await footprint();
  const mailsBefore = (await sentMail()).length;
  expect((await api.call('POST', `/organizations/${startup}/control-events/simulate`, { token: committee, body })).status).toBe(403);
  const r = await api.call('POST', `/organizations/${startup}/control-events/simulate`, { token: legal, body });
  expect(r.status).toBe(200);
  const p = r.body.projects.find((x: { projectId: string }) => x.projectId === project);
  const raised = p.raised.filter((f: { ruleId: string }) => f.ruleId === 'IEF-ACQUISITION');
  expect(raised).toHaveLength(1);
  const { fr, en } = raised[0].explanation;
  expect(fr).toContain('Anna Keller');
  expect(fr).toContain('nationalité étrangère (CH');
  expect(fr).toContain('R151-1 1°');
  expect(fr).toContain('seuil appliqué : 25 %');
  expect(en).toContain('threshold applied: 25 %');
  // The register does not say who sells: the founder (60 %) may keep only 15 %, so no other shareholder surely holds
  // more than 45 % — control is presumed (L233-3 II), on top of the 25 % threshold.
  expect(fr).toContain('L233-3 II');
  expect(en).toContain('presumed control');
  expect(raised[0].source.fr).toContain('L233-3');
  // Nothing recorded: no event, no flag, no audit event, no email.
  expect(await footprint()).toBe(before);
  expect((await sentMail()).length).toBe(mailsBefore);
  expect(
    (await api.call('GET', `/organizations/${startup}/control-events`, { token: legal })).body.items.some((e: { investor: { name: string } }) =>
      e.investor.name.includes('Anna'),
    ),
  ).toBe(false);
});
