import { httpHandler, type RouteHandler } from '../http/http-handler';
import { projectChain } from '../../shared/store/keys';
import { loadReadableProject } from '../../shared/services/load-project';
import { verifyAuditChain } from '../../shared/services/audit-verification';
import * as api from '../../shared/api/routes/audit';

/** From the chain's last verified checkpoint, at most 2,000 events (docs/scale.md, "Audit checkpoints"). */
export const verifyProjectAudit: RouteHandler<typeof api.verifyProjectAudit> = async (req) => {
  const { project } = await loadReadableProject(req);
  return { status: 200, body: await verifyAuditChain(projectChain(project.id)), headers: { 'cache-control': 'no-store' } };
};

export const handler = httpHandler(api.verifyProjectAudit, verifyProjectAudit);
