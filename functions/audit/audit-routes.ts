import type { HttpRequest, HttpResult } from '../http/http-handler';
import { pageParams } from '../http/params';
import { listAuditEvents, verifyAuditChain } from '../../shared/store/tx';
import { auditPk } from '../../shared/store/keys';
import { decodeCursor, encodeCursor } from '../../shared/store/pagination';

/** Shared by the project and organization audit routes: one chain each. */
export async function listChain(req: HttpRequest, chain: string): Promise<HttpResult> {
  const { limit, cursor } = pageParams(req);
  const { items, lastKey } = await listAuditEvents(chain, limit, decodeCursor(cursor, { pk: auditPk(chain) }));
  return { status: 200, body: { items, nextCursor: encodeCursor(lastKey) } };
}

export async function verifyChainRoute(chain: string): Promise<HttpResult> {
  const result = await verifyAuditChain(chain);
  return { status: 200, body: { chain, ...result } };
}
