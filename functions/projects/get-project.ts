import { withStage } from '../../shared/services/project-stages';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { toView } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';
import { withPartnerNames } from '../../shared/services/partner-names';
import * as api from '../../shared/api/routes/projects';

export const getProject: RouteHandler<typeof api.getProject> = async (req) => {
  const header = await loadReadableProject(req);
  // The partners' names and countries: every member of the project may know who its partners are.
  const view = await withPartnerNames(await withStage(toView(header)));
  // Lawyer assignments are pôle-internal: only staff see them.
  const body = req.principal.role === 'legal' || req.principal.role === 'committee' ? { ...view, lawyers: header.lawyers } : view;
  return { status: 200, body, version: header.project.version };
};

export const handler = httpHandler(api.getProject, getProject);
