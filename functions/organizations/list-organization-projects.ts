import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { assertCanReadOrganization } from '../../shared/domain/access';
import { withStagesPage } from '../../shared/services/project-stages';
import { allProjectIdsOf, projectsOfOrganization } from '../../shared/store/projects';
import { requireOrganization } from '../../shared/store/organizations';
import { projectsOfLawyerGsiPk } from '../../shared/store/keys';
import { lawyerSharesProjectWith } from '../../shared/services/lawyer-visibility';
import * as api from '../../shared/api/routes/organizations';

/**
 * The projects of an organization, from the membership index (one Query and one BatchGet per page). Staff see
 * them all; a partner only for its own organization (all of them are its projects); a lawyer, for an
 * organization of one of its projects, only the projects assigned to it (a page may then hold fewer items).
 */
export const listOrganizationProjects: RouteHandler<typeof api.listOrganizationProjects> = async (req) => {
  const p = req.principal;
  const orgId = req.params.orgId ?? '';
  assertCanReadOrganization(p, orgId, p.role === 'lawyer' && (await lawyerSharesProjectWith(p, orgId)));
  const org = await requireOrganization(orgId);
  const { limit, cursor } = pageParams(req);
  const page = await withStagesPage(await projectsOfOrganization(org.id, limit, cursor));
  if (p.role !== 'lawyer') return { status: 200, body: page };
  const mine = new Set(p.email ? await allProjectIdsOf(projectsOfLawyerGsiPk(p.email)) : []);
  return { status: 200, body: { items: page.items.filter((x) => mine.has(x.id)), nextCursor: page.nextCursor } };
};

export const handler = httpHandler(api.listOrganizationProjects, listOrganizationProjects);
