/**
 * Projects carry their workflow stage (and a status derived from it), from the small stage marker written with
 * every workflow change; legal staff list the projects at one stage; `workflow-stage-v1` writes the markers of
 * workflows started before markers existed.
 */
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { migrationKey, stageMarkerKey } from '../../shared/store/keys';
import { runPendingMigrations } from '../../shared/store/migrations';
import { consortium, decide, submitDeclaration, type Consortium } from './helpers/consortium';
import { createProjectOf, frenchOrg, startApi, tokenFor, type Api } from './helpers/api';

let api: Api;
let legal: string;
let committee: string;
beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  committee = await tokenFor('committee');
});
afterAll(() => api.close());

type Item = { id: string; stage: string | null; status: string };

/** The project in `GET path`, paging on (the shared test table holds other files' projects). */
async function find(path: string, token: string, id: string): Promise<Item | undefined> {
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await api.call('GET', `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(r.status).toBe(200);
    const hit = (r.body.items as Item[]).find((p) => p.id === id);
    if (hit) return hit;
    cursor = r.body.nextCursor;
    if (!cursor) return undefined;
  }
  throw new Error(`${path}: more than 50 pages`);
}

const stageOf = async (c: Consortium) => (await api.call('GET', `/projects/${c.project}`, { token: legal })).body as Item;

test('a project moves through the stages; every list shows its stage and status; the stage filter lists it where it is', async () => {
  const org = await api.call('POST', '/organizations', { token: legal, body: frenchOrg(`Stage draft ${Date.now()}`) });
  const draft = await createProjectOf(api, legal, [org.body.id], `STGD${Date.now() % 100000}`);
  const got = await api.call('GET', `/projects/${draft.project}`, { token: legal });
  expect(got.body).toMatchObject({ stage: null, status: 'draft' });
  expect(await find('/projects', legal, draft.project)).toMatchObject({ stage: null, status: 'draft' });

  const c = await consortium(api, legal, `STG${Date.now() % 100000}`, 2);
  expect(await stageOf(c)).toMatchObject({ stage: 'declarations', status: 'declarations' });
  expect(await find('/projects?stage=declarations', legal, c.project)).toMatchObject({ stage: 'declarations' });
  for (let i = 0; i < 2; i++) await submitDeclaration(api, c, i);
  expect(await stageOf(c)).toMatchObject({ stage: 'partner-approval', status: 'review' });
  // It left the declarations stage's list and is in the next one's.
  expect(await find('/projects?stage=declarations', legal, c.project)).toBeUndefined();
  expect(await find('/projects?stage=partner-approval', committee, c.project)).toMatchObject({ stage: 'partner-approval', status: 'review' });
  // Partners see their projects' stage; so does the organization's project list.
  expect(await find('/projects', c.tokens[0]!, c.project)).toMatchObject({ stage: 'partner-approval', status: 'review' });
  expect(await find(`/organizations/${c.orgs[1]}/projects`, legal, c.project)).toMatchObject({ stage: 'partner-approval' });

  for (const t of c.tokens) await decide(api, c, t, 'partner-approval');
  expect(await stageOf(c)).toMatchObject({ stage: 'legal-review', status: 'review' });
  const rejected = await api.call('POST', `/projects/${c.project}/workflow/steps/legal-review/decision`, {
    token: legal,
    body: { decision: 'reject', comment: 'Transfert hors UE non justifié.' },
  });
  expect(rejected.status).toBe(200);
  expect(await stageOf(c)).toMatchObject({ stage: 'legal-review', status: 'rejected' });
  expect(await find('/projects?stage=rejected', legal, c.project)).toMatchObject({ status: 'rejected' });
  expect(await find('/projects?stage=legal-review', legal, c.project)).toBeUndefined();
});

test('the stage filter: a bad value is a 400 at path stage; partners and lawyers may not use it (403)', async () => {
  const bad = await api.call('GET', '/projects?stage=limbo', { token: legal });
  expect(bad.status).toBe(400);
  expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'stage' })]);
  const partner = await tokenFor('partner', 'org-stage-filter');
  const forbidden = await api.call('GET', '/projects?stage=committee', { token: partner });
  expect(forbidden.status).toBe(403);
  expect(forbidden.body.detail).toMatch(/étape/);
  const lawyer = await api.call('GET', '/projects?stage=committee', { token: await tokenFor('lawyer', undefined, 'stage@avocats.example') });
  expect(lawyer.status).toBe(403);
});

test('workflow-stage-v1 writes the stage marker of a workflow started before markers existed', async () => {
  const c = await consortium(api, legal, `STGM${Date.now() % 100000}`, 2);
  await ddb().send(new DeleteCommand({ TableName: config.tableName, Key: stageMarkerKey(c.project) }));
  // Without its marker, a project reads as not started and is in no stage's list.
  expect(await stageOf(c)).toMatchObject({ stage: null, status: 'draft' });
  expect(await find('/projects?stage=declarations', legal, c.project)).toBeUndefined();

  await ddb().send(new DeleteCommand({ TableName: config.tableName, Key: migrationKey('workflow-stage-v1') }));
  const run = (await runPendingMigrations()).find((m) => m.name === 'workflow-stage-v1')!;
  expect(run.skipped).toBe(false);
  expect(run.updated).toBeGreaterThanOrEqual(1);
  const marker = (await ddb().send(new GetCommand({ TableName: config.tableName, Key: stageMarkerKey(c.project), ConsistentRead: true }))).Item!;
  expect(marker).toMatchObject({ gsi2pk: 'STAGE#declarations', stage: 'declarations', status: 'active' });
  expect(await stageOf(c)).toMatchObject({ stage: 'declarations', status: 'declarations' });
  expect(await find('/projects?stage=declarations', legal, c.project)).toMatchObject({ stage: 'declarations' });
  // Run again: the marker says it ran.
  expect((await runPendingMigrations()).find((m) => m.name === 'workflow-stage-v1')).toMatchObject({ skipped: true, updated: 0 });
});
