import { projectIdOfRef, projectsOfOrgGsiPk, queries, type DatedFamily, type KeyQuery } from './keys';
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
