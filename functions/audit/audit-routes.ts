import type { HttpRequest, HttpResult } from '../http/http-handler';
import type { ResponseOf } from '../../shared/api/route';
import type * as api from '../../shared/api/routes/audit';
import { pageParams } from '../http/params';
import { listAuditEvents, verifyAuditChain } from '../../shared/store/tx';

/** Shared by the project and organization audit routes: one chain each. */
export async function listChain(req: HttpRequest, chain: string): Promise<HttpResult<ResponseOf<typeof api.listProjectAudit>>> {
  const { limit, cursor } = pageParams(req);
  return { status: 200, body: await listAuditEvents(chain, limit, cursor) };
}

export async function verifyChainRoute(chain: string): Promise<HttpResult<ResponseOf<typeof api.verifyProjectAudit>>> {
  const result = await verifyAuditChain(chain);
  return { status: 200, body: { chain, ...result } };
}
