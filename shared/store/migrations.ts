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
  flagDatedGsi,
  migrationKey,
  orgChain,
  orgPk,
  projectChain,
  projectPk,
  queries,
  type KeyQuery,
} from './keys';
import { queryPages } from './query';
import { POLE_CHAIN } from './staff';

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

export const MIGRATIONS: readonly { name: string; run: () => Promise<number> }[] = [{ name: 'dated-index-v1', run: datedIndex }];

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
