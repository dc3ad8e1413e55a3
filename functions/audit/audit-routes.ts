import type { HttpRequest, HttpResult } from '../http/http-handler';
import { pageParams } from '../http/params';
import { listAuditEvents, verifyAuditChain } from '../../shared/store/tx';

/** Shared by the project and organization audit routes: one chain each. */
export async function listChain(req: HttpRequest, chain: string): Promise<HttpResult> {
  const { limit, cursor } = pageParams(req);
  return { status: 200, body: await listAuditEvents(chain, limit, cursor) };
}

export async function verifyChainRoute(chain: string): Promise<HttpResult> {
  const result = await verifyAuditChain(chain);
  return { status: 200, body: { chain, ...result } };
}
