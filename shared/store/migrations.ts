import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import {
  AUDIT_EVENT_PREFIX,
  CONTROL_EVENT_PREFIX,
  EXPORTS_CHAIN,
  FLAG_PREFIX,
  auditDatedGsi,
  auditPk,
  controlEventDatedGsi,
  declarationDatedGsi,
  dueGsiPk,
  flagDatedGsi,
  LEGACY_DUE_GSI_PK,
  LEGACY_STAFF_GSI_PK,
  migrationKey,
  orgChain,
  orgPk,
  projectChain,
  projectPk,
  queries,
  staffGsi,
  type KeyQuery,
} from './keys';
import { queryPages } from './query';
import { POLE_CHAIN } from './staff';
import { getWorkflow, stageMarkerItem } from './workflow';

/**
 * Data migrations (docs/exports.md, "Dated index"). Each one is idempotent and recorded by a marker item once
 * done: `npm start` runs the pending ones at start; in AWS, `npm run migrate` runs them against the deployed
 * table after `cdk deploy` has added the index. They walk the data through key-condition queries (projects and
 * organizations from their gsi1 lists, then each partition) — never a Scan.
 */

export interface MigrationRun {
  name: string;
  /** Items updated by this run (0 when the marker says it ran before). */
  updated: number;
  skipped: boolean;
}

type Item = Record<string, unknown>;

/** Sets gsi3 on an item that lacks it; an item deleted meanwhile is left alone. True when updated. */
async function setDated(item: Item, gsi: { gsi3pk: string; gsi3sk: string }): Promise<boolean> {
  if (item.gsi3pk) return false;
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET gsi3pk = :p, gsi3sk = :s',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi3pk)',
        ExpressionAttributeValues: { ':p': gsi.gsi3pk, ':s': gsi.gsi3sk },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException || (e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

async function backfill(q: KeyQuery, attributes: readonly string[], gsiOf: (item: Item) => { gsi3pk: string; gsi3sk: string }): Promise<number> {
  let n = 0;
  for await (const page of queryPages<Item>(q, { attributes: ['pk', 'sk', 'gsi3pk', ...attributes], map: (i) => i })) {
    for (const item of page) if (await setDated(item, gsiOf(item))) n++;
  }
  return n;
}

const auditChain = (chain: string) =>
  backfill({ pk: auditPk(chain), sk: { beginsWith: AUDIT_EVENT_PREFIX } }, ['chain', 'at', 'seq'], (i) =>
    auditDatedGsi(chain, i.at as string, i.seq as number),
  );

/** Adds the dated index (gsi3) keys to the audit events, declaration versions, flags and control events stored before it existed. */
async function datedIndex(): Promise<number> {
  let n = 0;
  for await (const projects of queryPages<Item>(queries.projects(), { attributes: ['id'], map: (i) => i })) {
    for (const { id } of projects) {
      const projectId = id as string;
      n += await backfill({ pk: projectPk(projectId), sk: { beginsWith: FLAG_PREFIX } }, ['id', 'createdAt'], (i) =>
        flagDatedGsi(projectId, i.id as string, i.createdAt as string),
      );
      n += await backfill({ pk: projectPk(projectId), sk: { beginsWith: 'DECL#' } }, ['organizationId', 'savedAt', 'version'], (i) =>
        declarationDatedGsi(projectId, i.organizationId as string, i.savedAt as string, i.version as number),
      );
      n += await auditChain(projectChain(projectId));
    }
  }
  for await (const orgs of queryPages<Item>(queries.organizations(), { attributes: ['id'], map: (i) => i })) {
    for (const { id } of orgs) {
      const orgId = id as string;
      n += await backfill({ pk: orgPk(orgId), sk: { beginsWith: CONTROL_EVENT_PREFIX } }, ['id', 'recordedAt'], (i) =>
        controlEventDatedGsi(orgId, i.recordedAt as string, i.id as string),
      );
      n += await auditChain(orgChain(orgId));
    }
  }
  for (const chain of [POLE_CHAIN, EXPORTS_CHAIN]) n += await auditChain(chain);
  return n;
}

/** Moves an index entry from its legacy key; an item deleted or moved meanwhile is left alone. True when updated. */
async function moveIndexKey(item: Item, attr: 'gsi1' | 'gsi2', from: string, to: { pk: string; sk?: string }): Promise<boolean> {
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `SET ${attr}pk = :to${to.sk ? `, ${attr}sk = :sk` : ''}`,
        ConditionExpression: `${attr}pk = :from`,
        ExpressionAttributeValues: { ':to': to.pk, ':from': from, ...(to.sk ? { ':sk': to.sk } : {}) },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException || (e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/**
 * Spreads the two single-key partitions (docs/scale.md): the due-date index from `DUE` to its 8 shards by
 * project (`DUE#0`…`DUE#7`), and the staff directory from `STAFF` / `<role>#<email>` to `STAFF#<role>` / email.
 * Until it has run, the readers also read the legacy keys, so nothing is missed in between.
 */
async function shardKeys(): Promise<number> {
  let n = 0;
  const due: KeyQuery = { index: 'gsi2', pk: LEGACY_DUE_GSI_PK };
  for await (const page of queryPages<Item>(due, { attributes: ['pk', 'sk'], map: (i) => i })) {
    for (const item of page) {
      const projectId = (item.pk as string).slice('PROJ#'.length);
      if (await moveIndexKey(item, 'gsi2', LEGACY_DUE_GSI_PK, { pk: dueGsiPk(projectId) })) n++;
    }
  }
  for await (const page of queryPages<Item>(queries.legacyStaff(), { attributes: ['pk', 'sk', 'gsi1sk'], map: (i) => i })) {
    for (const item of page) {
      const sk = item.gsi1sk as string;
      const at = sk.indexOf('#');
      const { gsi1pk, gsi1sk } = staffGsi(sk.slice(0, at), sk.slice(at + 1));
      if (await moveIndexKey(item, 'gsi1', LEGACY_STAFF_GSI_PK, { pk: gsi1pk, sk: gsi1sk })) n++;
    }
  }
  return n;
}

/**
 * Writes the stage marker (keys.ts `stageMarkerKey`) of every workflow started before markers existed. A marker
 * written meanwhile by a transition is newer: the put is conditional on its absence.
 */
async function workflowStages(): Promise<number> {
  let n = 0;
  for await (const projects of queryPages<Item>(queries.projects(), { attributes: ['id'], map: (i) => i })) {
    for (const { id } of projects) {
      const workflow = await getWorkflow(id as string);
      if (!workflow) continue;
      try {
        await ddb().send(
          new PutCommand({
            TableName: config.tableName,
            Item: stageMarkerItem(workflow.projectId, workflow.state),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        n++;
      } catch (e) {
        if (!(e instanceof ConditionalCheckFailedException || (e as Error).name === 'ConditionalCheckFailedException')) throw e;
      }
    }
  }
  return n;
}

export const MIGRATIONS: readonly { name: string; run: () => Promise<number> }[] = [
  { name: 'dated-index-v1', run: datedIndex },
  { name: 'shard-keys-v1', run: shardKeys },
  { name: 'workflow-stage-v1', run: workflowStages },
];

/** Runs the migrations whose marker is absent, in order, and writes each marker when its run has finished. */
export async function runPendingMigrations(now: () => Date = () => new Date()): Promise<MigrationRun[]> {
  const out: MigrationRun[] = [];
  for (const m of MIGRATIONS) {
    const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: migrationKey(m.name), ConsistentRead: true }));
    if (Item) {
      out.push({ name: m.name, updated: 0, skipped: true });
      continue;
    }
    const updated = await m.run();
    await ddb().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...migrationKey(m.name), entity: 'migration', name: m.name, updated, finishedAt: now().toISOString() },
      }),
    );
    out.push({ name: m.name, updated, skipped: false });
  }
  return out;
}
