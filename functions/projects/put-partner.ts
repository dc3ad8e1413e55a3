import { reevaluateProject } from '../../shared/services/reevaluate';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { membershipInputSchema } from '../../shared/domain/project';
import { orgIdSchema } from '../../shared/domain/organization';
import { parseOrThrow } from '../../shared/domain/validation';
import { NotFoundError } from '../../shared/domain/errors';
import { getOrganization } from '../../shared/store/organizations';
import { putMembership } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';

/** PUT is idempotent: the same role twice changes nothing (200); a new partner is 201. */
export const putPartner: RouteHandler = async (req) => {
  const { role } = parseOrThrow(membershipInputSchema, req.body);
  const header = await loadReadableProject(req);
  const orgId = parseOrThrow(orgIdSchema, req.params.orgId, 'organization id');
  if (!(await getOrganization(orgId))) throw new NotFoundError('No such organization.');
  const { membership, created } = await putMembership(header, orgId, role, actorOf(req.principal));
  await reevaluateProject(header.project.id, actorOf(req.principal));
  return { status: created ? 201 : 200, body: membership };
};

export const handler = httpHandler('PUT /projects/{projectId}/partners/{orgId}', putPartner);
