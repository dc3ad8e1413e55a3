/**
 * The two single-key partitions spread (docs/scale.md): open steps on 8 `DUE#<n>` shards, the staff directory
 * one partition per role; the `shard-keys-v1` migration moves what was written before, and the readers see
 * every item before, during and after it, exactly once.
 */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { dueGsiPk, migrationKey, staffKey, stepIndexKey } from '../../shared/store/keys';
import { runPendingMigrations } from '../../shared/store/migrations';
import { listStaff, putStaff } from '../../shared/store/staff';
import { dueSteps } from '../../shared/store/workflow';
import { consortium, submitDeclaration } from './helpers/consortium';
import { startApi, tokenFor, type Api } from './helpers/api';

let api: Api;
let legal: string;
beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
});
afterAll(() => api.close());

const get = async (key: { pk: string; sk: string }) =>
  (await ddb().send(new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true }))).Item!;

test('open steps and staff written under the legacy keys are read, then moved by shard-keys-v1, and read once', async () => {
  const c = await consortium(api, legal, 'SHARDS', 2);
  for (let i = 0; i < 2; i++) await submitDeclaration(api, c, i);
  const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
  const step = wf.body.pending[0] as { stepId: string; dueDate: string };
  const stepKey = stepIndexKey(c.project, step.stepId);
  // Written by today's code: on the project's shard.
  expect((await get(stepKey)).gsi2pk).toBe(dueGsiPk(c.project));
  const email = `shard-${Date.now()}@pole.example`;
  await putStaff(email, { name: 'Shard Test', role: 'committee', language: 'fr', active: true }, null, { sub: 'test', role: 'legal', org: null });
  expect((await get(staffKey(email))).gsi1pk).toBe('STAFF#committee');

  // As stored before the migration.
  await ddb().send(
    new UpdateCommand({ TableName: config.tableName, Key: stepKey, UpdateExpression: 'SET gsi2pk = :p', ExpressionAttributeValues: { ':p': 'DUE' } }),
  );
  await ddb().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: staffKey(email),
      UpdateExpression: 'SET gsi1pk = :p, gsi1sk = :s',
      ExpressionAttributeValues: { ':p': 'STAFF', ':s': `committee#${email}` },
    }),
  );
  const mine = async () => (await dueSteps(step.dueDate)).items.filter((s) => s.projectId === c.project && s.stepId === step.stepId);
  expect(await mine()).toHaveLength(1);
  expect((await listStaff('committee')).filter((s) => s.email === email)).toHaveLength(1);
  expect((await listStaff('legal')).some((s) => s.email === email)).toBe(false);

  await ddb().send(new DeleteCommand({ TableName: config.tableName, Key: migrationKey('shard-keys-v1') }));
  const run = (await runPendingMigrations()).find((m) => m.name === 'shard-keys-v1')!;
  expect(run.skipped).toBe(false);
  expect(run.updated).toBeGreaterThanOrEqual(2);
  expect(await get(stepKey)).toMatchObject({ gsi2pk: dueGsiPk(c.project) });
  expect(await get(staffKey(email))).toMatchObject({ gsi1pk: 'STAFF#committee', gsi1sk: email });
  expect(await mine()).toHaveLength(1);
  expect((await listStaff()).filter((s) => s.email === email)).toHaveLength(1);
  // Done once.
  expect((await runPendingMigrations()).find((m) => m.name === 'shard-keys-v1')).toMatchObject({ skipped: true, updated: 0 });
});

test('due steps from every shard come back in due-date order', async () => {
  const { items } = await dueSteps('2099-12-31');
  expect(items.length).toBeGreaterThan(0);
  const dates = items.map((s) => s.dueDate);
  expect(dates).toEqual([...dates].sort());
});
