import { UpdateCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { auditEventKey, auditHeadKey, projectChain } from '../../shared/store/keys';
import { writeWithAudit } from '../../shared/store/tx';
import { verifyAuditChain } from '../../shared/services/audit-verification';
import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';

let api: Api;
let legal: string;
beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
});
afterAll(() => api.close());

async function projectWithEvents(n: number) {
  const orgs = [];
  for (let i = 0; i < n; i++) orgs.push((await api.call('POST', '/organizations', { token: legal, body: frenchOrg(`Audit ${i}`) })).body);
  const p = (await api.call('POST', '/projects', { token: legal, body: projectBody() })).body;
  for (const o of orgs) expect((await api.call('PUT', `/projects/${p.id}/partners/${o.id}`, { token: legal, body: { role: 'partner' } })).status).toBe(201);
  return p;
}

test('the audit list shows every state change with actor, before/after and linked hashes', async () => {
  const p = await projectWithEvents(2);
  const r = await api.call('GET', `/projects/${p.id}/audit`, { token: legal });
  expect(r.status).toBe(200);
  expect(r.body.items.map((e: { action: string }) => e.action)).toEqual(['project.created', 'project.partner-added', 'project.partner-added']);
  const [e1, e2] = r.body.items;
  expect(e1.seq).toBe(1);
  expect(e1.prevHash).toBe('0'.repeat(64));
  expect(e2.prevHash).toBe(e1.hash);
  expect(e1.actor).toMatchObject({ role: 'legal' });
  expect(e1.at).toMatch(/Z$/);
  expect(e2.after).toMatchObject({ role: 'partner' });
  const page = await api.call('GET', `/projects/${p.id}/audit?limit=2`, { token: legal });
  expect(page.body.items).toHaveLength(2);
  const next = await api.call('GET', `/projects/${p.id}/audit?limit=2&cursor=${page.body.nextCursor}`, { token: legal });
  expect(next.body.items.map((e: { seq: number }) => e.seq)).toEqual([3]);
});

test('editing one stored event is detected and its seq named', async () => {
  const p = await projectWithEvents(3);
  await ddb().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: auditEventKey(projectChain(p.id), 2),
      UpdateExpression: 'SET #a = :a',
      ExpressionAttributeNames: { '#a': 'action' },
      ExpressionAttributeValues: { ':a': 'project.partner-removed' },
    }),
  );
  const broken = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
  expect(broken.body).toMatchObject({ valid: false, brokenSeq: 2, reason: 'hash-mismatch', length: 4, headSeq: 4, fromSeq: 1, toSeq: 4 });
});

test('an intact chain verifies, and the next verification starts from the verified checkpoint', async () => {
  const p = await projectWithEvents(3);
  const ok = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
  expect(ok.body).toMatchObject({
    valid: true,
    length: 4,
    headSeq: 4,
    fromSeq: 1,
    toSeq: 4,
    checkedEvents: 4,
    remainingEvents: 0,
    coveredByVerifiedCheckpoints: true,
  });
  expect(ok.body.anchor).toMatchObject({ seq: 0, hash: '0'.repeat(64), verifiedAt: null });
  const again = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
  expect(again.body).toMatchObject({ valid: true, fromSeq: null, toSeq: null, checkedEvents: 0, coveredByVerifiedCheckpoints: true });
  expect(again.body.anchor).toMatchObject({ seq: 4, hash: ok.body.headHash });
  expect(again.body.message.fr).toContain('point de contrôle vérifié 4');
});

test('deleting the last event is detected through the chain head', async () => {
  const p = await projectWithEvents(2);
  await ddb().send(new DeleteCommand({ TableName: config.tableName, Key: auditEventKey(projectChain(p.id), 3) }));
  const r = await verifyAuditChain(projectChain(p.id));
  expect(r).toMatchObject({ valid: false, brokenSeq: 3, headSeq: 3 });
});

test('concurrent appends to one chain: no fork, no gap', async () => {
  const chain = `TEST#${Date.now()}`;
  const actor = { sub: 't', role: 'legal', org: null };
  const N = 12;
  await Promise.all(Array.from({ length: N }, (_, i) => writeWithAudit([], [{ chain, actor, action: 'test.append', target: { type: 't', id: String(i) } }])));
  const r = await verifyAuditChain(chain);
  expect(r).toMatchObject({ valid: true, length: N, headSeq: N });
});

test('a failed state change writes no audit event (all or nothing)', async () => {
  const chain = `TEST#atomic-${Date.now()}`;
  const actor = { sub: 't', role: 'legal', org: null };
  await writeWithAudit([], [{ chain, actor, action: 'first', target: { type: 't', id: '1' } }]);
  await expect(
    writeWithAudit(
      [{ item: { Put: { TableName: config.tableName, Item: { ...auditHeadKey('never'), x: 1 }, ConditionExpression: 'attribute_exists(pk)' } } }],
      [{ chain, actor, action: 'second', target: { type: 't', id: '2' } }],
    ),
  ).rejects.toMatchObject({ status: 409 });
  expect(await verifyAuditChain(chain)).toMatchObject({ valid: true, length: 1 });
});

test('organizations have their own chain', async () => {
  const o = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Org chain') })).body;
  await api.call('PATCH', `/organizations/${o.id}`, { token: legal, body: { city: 'Annecy' }, headers: { 'if-match': '"1"' } });
  const list = await api.call('GET', `/organizations/${o.id}/audit`, { token: legal });
  expect(list.body.items.map((e: { action: string }) => e.action)).toEqual(['organization.created', 'organization.updated']);
  expect(list.body.items[1].after).toEqual({ city: 'Annecy' });
  const v = await api.call('GET', `/organizations/${o.id}/audit/verify`, { token: legal });
  expect(v.body).toMatchObject({ valid: true, length: 2 });
});

test('several events on one chain in one transaction take consecutive seqs', async () => {
  const chain = `TEST#multi-${Date.now()}`;
  const actor = { sub: 't', role: 'legal', org: null };
  await writeWithAudit([], [{ chain, actor, action: 'one', target: { type: 't', id: '1' } }]);
  const events = await writeWithAudit(
    [],
    [
      { chain, actor, action: 'two', target: { type: 't', id: '2' } },
      { chain, actor, action: 'three', target: { type: 't', id: '3' } },
    ],
  );
  expect(events.map((e) => e.seq)).toEqual([2, 3]);
  expect(await verifyAuditChain(chain)).toMatchObject({ valid: true, length: 3, headSeq: 3 });
});
