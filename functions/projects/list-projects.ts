import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { listAllProjects, projectsOfLawyer, projectsOfOrganization } from '../../shared/store/projects';
import type { Page } from '../../shared/store/tx';
import type { Project } from '../../shared/domain/project';
import * as api from '../../shared/api/routes/projects';

/** Each role lists exactly what it may read: staff all, a lawyer its assignments, a partner its projects. */
export const listProjects: RouteHandler<typeof api.listProjects> = async (req) => {
  const { limit, cursor } = pageParams(req);
  const p = req.principal;
  let page: Page<Project>;
  switch (p.role) {
    case 'legal':
    case 'committee':
      page = await listAllProjects(limit, cursor);
      break;
    case 'lawyer':
      page = p.email ? await projectsOfLawyer(p.email, limit, cursor) : { items: [], nextCursor: null };
      break;
    case 'partner':
      page = await projectsOfOrganization(p.organizationId!, limit, cursor);
      break;
  }
  return { status: 200, body: page };
};

export const handler = httpHandler(api.listProjects, listProjects);
