import { withStage } from '../../shared/services/project-stages';
import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { projectDateErrors } from '../../shared/domain/project';
import { fieldError } from '../../shared/domain/validation';
import { ValidationError } from '../../shared/domain/errors';
import { replaceProject } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/projects';
import { msg } from '../../shared/domain/i18n/catalog';

export const patchProject: RouteHandler<typeof api.patchProject> = async (req) => {
  const expected = requireIfMatch(req);
  const patch = req.body;
  const { project } = await loadReadableProject(req);
  const merged = { ...project, ...patch };
  const dateErrors = projectDateErrors(merged);
  if (dateErrors.length) throw new ValidationError(msg('project.invalid'), { errors: dateErrors.map((e) => fieldError(e.path, e.message)) });
  const updated = await replaceProject(project, merged, expected, actorOf(req.principal));
  await afterChange(req, { project: updated });
  return { status: 200, body: await withStage(updated), version: updated.version };
};

export const handler = httpHandler(api.patchProject, patchProject);
