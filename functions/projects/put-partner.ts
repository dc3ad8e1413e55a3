import { pathParam } from '../http/params';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { orgIdSchema } from '../../shared/domain/organization';
import { NotFoundError } from '../../shared/domain/errors';
import { getOrganization } from '../../shared/store/organizations';
import { putMembership } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';
import { afterChange } from '../../shared/services/after-change';
import { ipFileLock } from '../../shared/services/ip-file-lock';
import * as api from '../../shared/api/routes/projects';
import { msg } from '../../shared/domain/i18n/catalog';

/** PUT is idempotent: the same role twice changes nothing (200); a new partner is 201. */
export const putPartner: RouteHandler<typeof api.putPartner> = async (req) => {
  const { role } = req.body;
  const header = await loadReadableProject(req);
  const orgId = pathParam(req, 'orgId', orgIdSchema, msg('what.organizationId'));
  if (!(await getOrganization(orgId))) throw new NotFoundError(msg('organization.notFound'));
  const lock = await ipFileLock(header.project.id);
  const { membership, created } = await putMembership(header, orgId, role, actorOf(req.principal), new Date(), [lock]);
  await afterChange(req, { project: header.project });
  return { status: created ? 201 : 200, body: membership };
};

export const handler = httpHandler(api.putPartner, putPartner);
