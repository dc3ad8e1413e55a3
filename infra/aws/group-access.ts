/**
 * What each route group's Lambda may touch, and nothing more (least privilege, one role per group).
 * The Record type makes a new group in functions/routes.ts a compile error here until someone decides
 * what it needs.
 */
import { routeKey, type RouteDef } from '../../functions/routes';
import type { BUCKETS } from '../../shared/store/table-def';

export type RouteGroup = RouteDef['group'];
export type BucketName = (typeof BUCKETS)[number];

export interface GroupAccess {
  /** The single table: `read` = GetItem/BatchGetItem/Query (table and GSIs); `readwrite` adds item writes and transactions. */
  table?: 'read' | 'readwrite';
  /** The Powertools idempotency table (needed by any group with an `idempotent` route). */
  idempotency?: boolean;
  /** Objects of a bucket: `read` = GetObject, `write` = PutObject, `readwrite` = both. */
  buckets?: Partial<Record<BucketName, 'read' | 'write' | 'readwrite'>>;
  /** ses:SendEmail from the MAIL_FROM identity. */
  sendMail?: boolean;
}

export const GROUP_ACCESS: Record<RouteGroup, GroupAccess> = {
  // GET /health, GET /openapi.json: no data at all.
  public: {},
  organizations: { table: 'readwrite', idempotency: true },
  projects: { table: 'readwrite', idempotency: true },
  // Audit routes list and verify the hash chains; they never write.
  audit: { table: 'read' },
  // Local only (POST /dev/token), never deployed.
  dev: {},
};

/** Throws when a group's access cannot serve its routes (checked at synth and in test/infra). */
export function assertAccessCoversRoutes(routes: readonly RouteDef[], access: Record<string, GroupAccess> = GROUP_ACCESS): void {
  const problems: string[] = [];
  for (const r of routes) {
    const a = access[r.group];
    if (!a) problems.push(`${routeKey(r)}: group "${r.group}" has no entry in GROUP_ACCESS`);
    else if (r.idempotent && !a.idempotency) problems.push(`${routeKey(r)} is idempotent but group "${r.group}" has no idempotency table access`);
  }
  if (problems.length) throw new Error(`infra/aws/group-access.ts:\n  ${problems.join('\n  ')}`);
}
