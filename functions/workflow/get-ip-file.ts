import { httpHandler, type RouteHandler } from '../http/http-handler';
import { loadReadableProject } from '../../shared/services/load-project';
import { assembleIpFile } from '../../shared/services/ip-file';
import { getWorkflow } from '../../shared/store/workflow';
import * as api from '../../shared/api/routes/workflow';

/**
 * The consolidated IP file that partner approvals bind to: every partner's last submitted declaration, and the
 * IP-file hash over them — the same hash the workflow's approvals carry, so an approver can check what they
 * approve. Only submitted versions appear, so every partner of the project may read it.
 */
export const getIpFile: RouteHandler<typeof api.getIpFile> = async (req) => {
  const header = await loadReadableProject(req);
  const [ipFile, workflow] = await Promise.all([assembleIpFile(header), getWorkflow(header.project.id)]);
  return {
    status: 200,
    body: {
      projectId: header.project.id,
      complete: ipFile.complete,
      ipFileHash: ipFile.ipFileHash,
      // The workflow may lag a submission by nothing: it is updated in the same transaction. Shown for checking.
      workflowIpFileHash: workflow?.state.ipFileHash ?? null,
      declarations: ipFile.declarations,
    },
  };
};

export const handler = httpHandler(api.getIpFile, getIpFile);
