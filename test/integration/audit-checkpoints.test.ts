import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { auditCheckpointKey, auditEventKey, auditHeadKey, orgChain, projectChain } from '../../shared/store/keys';
import { writeWithAudit } from '../../shared/store/tx';
import { lastVerifiedCheckpoint } from '../../shared/store/audit-verification';
import { verifyAuditChain } from '../../shared/services/audit-verification';
import { sealEvent } from '../../shared/domain/audit';
import { seedAuditChain, tamperAuditEvent } from '../fixtures/audit-chain';
import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';

/**
 * Audit checkpoints (docs/scale.md, "Audit checkpoints"): written checkpoints every 1,000 events, the bounded
 * GET …/audit/verify (at most 2,000 events from the last verified checkpoint) and the full verification job.
 * Chains are seeded straight into DynamoDB Local (test/fixtures/audit-chain.ts), then tampered with there.
 */
let api: Api;
let legal: string;
let committee: string;
beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  committee = await tokenFor('committee');
});
afterAll(() => api.close());

const newProject = async () => (await api.call('POST', '/projects', { token: legal, body: projectBody() })).body as { id: string };

/** Polls a verification until it is no longer running. */
async function finished(location: string, token = legal) {
  for (let i = 0; i < 200; i++) {
    const r = await api.call('GET', location, { token });
    expect(r.status).toBe(200);
    if (r.body.status !== 'running') return r.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`${location} still running`);
}

test('every 1,000th event writes a checkpoint item (seq, hash, time) in the append transaction', async () => {
  const chain = `TEST#cp-${Date.now()}`;
  await seedAuditChain(chain, 999);
  const [e1000] = await writeWithAudit(
    [],
    [{ chain, actor: { sub: 't', role: 'legal', org: null }, action: 'test.append', target: { type: 't', id: '1000' } }],
  );
  expect(e1000!.seq).toBe(1000);
  const cp = await ddb().send(new GetCommand({ TableName: config.tableName, Key: auditCheckpointKey(chain, 1000) }));
  expect(cp.Item).toMatchObject({ chain, seq: 1000, hash: e1000!.hash, at: e1000!.at });
  const [e1001] = await writeWithAudit(
    [],
    [{ chain, actor: { sub: 't', role: 'legal', org: null }, action: 'test.append', target: { type: 't', id: '1001' } }],
  );
  expect((await ddb().send(new GetCommand({ TableName: config.tableName, Key: auditCheckpointKey(chain, e1001!.seq) }))).Item).toBeUndefined();
});

test('the bounded verify reads at most 2,000 events per call and goes on from its verified checkpoint', async () => {
  const p = await newProject();
  await seedAuditChain(projectChain(p.id), 4500);
  const first = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: committee });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({
    valid: true,
    length: 4500,
    fromSeq: 1,
    toSeq: 2000,
    checkedEvents: 2000,
    remainingEvents: 2500,
    coveredByVerifiedCheckpoints: false,
    lastFullVerification: null,
  });
  expect(first.body.anchor.seq).toBe(0);
  expect(first.body.message.en).toContain('2500 events remain');
  expect(first.body.message.fr).toContain('2500 événements restent');
  const second = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
  expect(second.body).toMatchObject({ valid: true, fromSeq: 2001, toSeq: 4000, remainingEvents: 500, coveredByVerifiedCheckpoints: false });
  expect(second.body.anchor).toMatchObject({ seq: 2000 });
  expect(second.body.anchor.verifiedAt).not.toBeNull();
  const third = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
  expect(third.body).toMatchObject({ valid: true, fromSeq: 4001, toSeq: 4500, remainingEvents: 0, coveredByVerifiedCheckpoints: true });
  expect(third.body.anchor.seq).toBe(4000);
  expect(await lastVerifiedCheckpoint(projectChain(p.id))).toMatchObject({ seq: 4500, hash: third.body.headHash, anchorSeq: 4000, by: 'verify' });
});

test('a tamper inside the range: the bounded verify and the full job both name the first broken seq', async () => {
  const p = await newProject();
  const chain = projectChain(p.id);
  await seedAuditChain(chain, 1500);
  await tamperAuditEvent(chain, 1200);
  await tamperAuditEvent(chain, 1300);
  const v = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
  expect(v.body).toMatchObject({ valid: false, brokenSeq: 1200, reason: 'hash-mismatch', coveredByVerifiedCheckpoints: false });
  expect(v.body.message.fr).toContain("l'événement 1200");
  // Nothing verified: no verified checkpoint recorded past a break.
  expect(await lastVerifiedCheckpoint(chain)).toBeNull();

  const started = await api.call('POST', `/projects/${p.id}/audit/verifications`, { token: legal });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ status: 'running', totalEvents: 1500, checkedEvents: 0, chain });
  expect(started.headers.get('location')).toBe(`/projects/${p.id}/audit/verifications/${started.body.id}`);
  const done = await finished(started.headers.get('location')!);
  expect(done).toMatchObject({ status: 'failed', brokenSeq: 1200, reason: 'hash-mismatch', checkedEvents: 1199 });
  expect(done.failure.code).toBe('broken-chain');
  expect(done.failure.message.fr).toContain('rompue');
});

test('a tamper before a verified checkpoint is caught by the full job, and the bounded verify then reports it', async () => {
  const p = await newProject();
  const chain = projectChain(p.id);
  await seedAuditChain(chain, 3000);
  expect((await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal })).body).toMatchObject({ valid: true, toSeq: 2000 });
  expect((await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal })).body).toMatchObject({
    valid: true,
    toSeq: 3000,
    coveredByVerifiedCheckpoints: true,
  });
  await tamperAuditEvent(chain, 700);
  // The bounded verify starts at the verified checkpoint 3000 (re-checking that event): 700 is out of its range.
  const bounded = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
  expect(bounded.body).toMatchObject({ valid: true, checkedEvents: 0 });
  expect(bounded.body.anchor.seq).toBe(3000);

  const started = await api.call('POST', `/projects/${p.id}/audit/verifications`, { token: committee });
  expect(started.status).toBe(202);
  const done = await finished(started.headers.get('location')!, committee);
  expect(done).toMatchObject({ status: 'failed', brokenSeq: 700, reason: 'hash-mismatch', totalEvents: 3000 });

  const after = await api.call('GET', `/projects/${p.id}/audit/verify`, { token: legal });
  expect(after.body).toMatchObject({ valid: false, brokenSeq: 700, coveredByVerifiedCheckpoints: false });
  expect(after.body.lastFullVerification).toMatchObject({ verificationId: started.body.id, status: 'failed', brokenSeq: 700 });
  expect(after.body.message.en).toContain(started.body.id);
});

test('a tail rewritten with recomputed hashes is caught by the checkpoint written with the original event', async () => {
  const chain = `TEST#rehash-${Date.now()}`;
  const events = await seedAuditChain(chain, 2500);
  // Rewrite 1500…2500 with other content and a consistent chain of hashes, head included: only CP#2000 remembers.
  let prev = events[1498]!.hash;
  for (const e of events.slice(1499)) {
    const forged = sealEvent({ ...e, action: e.seq === 1500 ? 'forged.action' : e.action, prevHash: prev });
    await ddb().send(new PutCommand({ TableName: config.tableName, Item: { ...auditEventKey(chain, e.seq), entity: 'audit', ...forged } }));
    prev = forged.hash;
  }
  await ddb().send(new PutCommand({ TableName: config.tableName, Item: { ...auditHeadKey(chain), entity: 'audit-head', seq: 2500, hash: prev } }));
  expect(await verifyAuditChain(chain)).toMatchObject({ valid: false, brokenSeq: 2000, reason: 'checkpoint-mismatch', fromSeq: 1, toSeq: 2000 });
});

test('a full verification of an intact chain succeeds segment by segment, recording verified checkpoints', async () => {
  const org = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Vérification complète') })).body as { id: string };
  const chain = orgChain(org.id);
  const events = await seedAuditChain(chain, 4500);
  const started = await api.call('POST', `/organizations/${org.id}/audit/verifications`, { token: legal });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ status: 'running', totalEvents: 4500, headHash: events.at(-1)!.hash, brokenSeq: null, failure: null });
  const location = started.headers.get('location')!;
  expect(location).toBe(`/organizations/${org.id}/audit/verifications/${started.body.id}`);
  const done = await finished(location);
  expect(done).toMatchObject({ status: 'succeeded', checkedEvents: 4500, percent: 100, checkedThroughHash: events.at(-1)!.hash, brokenSeq: null });
  expect(done.finishedAt).not.toBeNull();
  expect(await lastVerifiedCheckpoint(chain)).toMatchObject({ seq: 4500, by: 'verification', verificationId: started.body.id, anchorSeq: 4000 });
  // The bounded verify now starts at the job's last checkpoint and states when the full verification ran.
  const v = await api.call('GET', `/organizations/${org.id}/audit/verify`, { token: legal });
  expect(v.body).toMatchObject({ valid: true, checkedEvents: 0, coveredByVerifiedCheckpoints: true });
  expect(v.body.lastFullVerification).toMatchObject({ verificationId: started.body.id, status: 'succeeded', finishedAt: done.finishedAt, totalEvents: 4500 });
  // A verification is read through its own chain only.
  const other = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Autre chaîne') })).body as { id: string };
  const wrong = await api.call('GET', `/organizations/${other.id}/audit/verifications/${started.body.id}`, { token: legal });
  expect(wrong.status).toBe(404);
  expect(wrong.body.detail).toContain("n'existe pas");
  expect((await api.call('GET', `/organizations/${org.id}/audit/verifications/aver_${'0'.repeat(32)}`, { token: legal })).status).toBe(404);
  expect((await api.call('GET', `/organizations/${org.id}/audit/verifications/nope`, { token: legal })).status).toBe(400);
});

test('verifications running while events are appended never report a break', async () => {
  const chain = `TEST#race-${Date.now()}`;
  await seedAuditChain(chain, 50);
  const actor = { sub: 't', role: 'legal', org: null };
  const appending = (async () => {
    for (let i = 0; i < 20; i++) await writeWithAudit([], [{ chain, actor, action: 'test.append', target: { type: 't', id: String(i) } }]);
  })();
  const results = [];
  for (let i = 0; i < 8; i++) results.push(...(await Promise.all([verifyAuditChain(chain), verifyAuditChain(chain)])));
  await appending;
  for (const r of results) expect(r).toMatchObject({ valid: true });
  expect(await verifyAuditChain(chain)).toMatchObject({ valid: true, headSeq: 70, coveredByVerifiedCheckpoints: true });
});
