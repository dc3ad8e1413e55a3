import { batchGetAll } from './batch-get';
import { declarationVersionOf, type DeclarationHead, type DeclarationVersion } from './declarations';
import { declarationHeadKey, declarationVersionKey, projectIdOfRef, projectsOfOrgGsiPk, queries, stripKeys, type DatedFamily, type KeyQuery } from './keys';
import { queryPages } from './query';

/**
 * The reads of the compliance export job (docs/exports.md, "The job"): each one a key-condition Query read
 * page by page — the job holds one page at a time, whatever the size of the history. Never a Scan.
 */

/** Which projects an export covers: one, an organization's, or all of them (by last change). */
export interface ExportScope {
  projectId?: string;
  organizationId?: string;
}

/** Project ids of the scope, a page at a time. */
export async function* projectIdPages(scope: ExportScope): AsyncGenerator<string[]> {
  if (scope.projectId) {
    yield [scope.projectId];
    return;
  }
  if (scope.organizationId) {
    yield* queryPages(queries.projectRefs(projectsOfOrgGsiPk(scope.organizationId)), { map: (i) => projectIdOfRef(i.gsi1sk as string) });
    return;
  }
  yield* queryPages(queries.projects(), { attributes: ['id'], map: (i) => i.id as string });
}

/** Items of a family of the dated index (gsi3) between two days, both inclusive, oldest first, as stored (keys removed unless `raw`). */
export function datedPages<T>(family: DatedFamily, from?: string, to?: string, raw = false): AsyncGenerator<T[]> {
  return queryPages<T>(queries.dated(family, from, to), raw ? { map: (i) => i as T } : {});
}

/** Any partition of the table, page by page (keys removed unless `raw`). */
export function partitionPages<T>(q: KeyQuery, raw = false): AsyncGenerator<T[]> {
  return queryPages<T>(q, raw ? { map: (i) => i as T } : {});
}

/** Declaration heads by `<projectId>/<orgId>`, read with BatchGetItem (100 keys a request): absent ones are missing from the map. */
export async function declarationHeadsOf(keys: readonly { projectId: string; organizationId: string }[]): Promise<Map<string, DeclarationHead>> {
  const items = await batchGetAll(keys.map((k) => declarationHeadKey(k.projectId, k.organizationId)));
  return new Map(items.map((i) => stripKeys<DeclarationHead>(i)).map((h) => [`${h.projectId}/${h.organizationId}`, h]));
}

/** The current version of each head, with its content (BatchGetItem, then the content wherever it is kept), in the heads' order. */
export async function currentVersionsOf(heads: readonly DeclarationHead[]): Promise<DeclarationVersion[]> {
  const items = await batchGetAll(heads.map((h) => declarationVersionKey(h.projectId, h.organizationId, h.currentVersion)));
  const byKey = new Map(items.map((i) => [`${i.projectId as string}/${i.organizationId as string}/${i.version as number}`, i]));
  const out: DeclarationVersion[] = [];
  for (const h of heads) {
    const item = byKey.get(`${h.projectId}/${h.organizationId}/${h.currentVersion}`);
    if (item) out.push(await declarationVersionOf(item));
  }
  return out;
}
