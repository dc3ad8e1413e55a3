import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { assertCanReadOrganization } from '../../shared/domain/access';
import { withStages, withStagesPage } from '../../shared/services/project-stages';
import { getProjects, projectIdsOfLawyerIn, projectsOfOrganization } from '../../shared/store/projects';
import { requireOrganization } from '../../shared/store/organizations';
import { lawyerSharesProjectWith } from '../../shared/services/lawyer-visibility';
import * as api from '../../shared/api/routes/organizations';

/**
 * The projects of an organization, a page at a time. Staff see them all and a partner those of its own
 * organization: the membership index (one Query and one BatchGet per page). A lawyer sees only the projects
 * assigned to it: its own assignments, checked by key against the organization's memberships — never every
 * project of the organization (a page may then hold fewer items, with a cursor).
 */
export const listOrganizationProjects: RouteHandler<typeof api.listOrganizationProjects> = async (req) => {
  const p = req.principal;
  const orgId = req.params.orgId ?? '';
  const page = pageParams(req);
  if (p.role !== 'lawyer') {
    assertCanReadOrganization(p, orgId);
    const org = await requireOrganization(orgId);
    return { status: 200, body: await withStagesPage(await projectsOfOrganization(org.id, page.limit, page.cursor)) };
  }
  // A page that holds a project proves the lawyer shares one with the organization: the separate check (up to
  // 100 assignments and their memberships read by key) is paid only for an empty page.
  const { ids, nextCursor } = p.email ? await projectIdsOfLawyerIn(p.email, orgId, page) : { ids: [], nextCursor: null };
  assertCanReadOrganization(p, orgId, ids.length > 0 || (await lawyerSharesProjectWith(p, orgId)));
  await requireOrganization(orgId);
  return { status: 200, body: { items: await withStages(await getProjects(ids)), nextCursor } };
};

export const handler = httpHandler(api.listOrganizationProjects, listOrganizationProjects);
