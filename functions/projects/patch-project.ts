import { reevaluateProject } from '../../shared/services/reevaluate';
import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { projectDateErrors, projectPatchSchema } from '../../shared/domain/project';
import { fieldError, parseOrThrow } from '../../shared/domain/validation';
import { ValidationError } from '../../shared/domain/errors';
import { replaceProject } from '../../shared/store/projects';
import { loadReadableProject } from '../../shared/services/load-project';

export const patchProject: RouteHandler = async (req) => {
  const expected = requireIfMatch(req);
  const patch = parseOrThrow(projectPatchSchema, req.body);
  const { project } = await loadReadableProject(req);
  const merged = { ...project, ...patch };
  const dateErrors = projectDateErrors(merged);
  if (dateErrors.length) throw new ValidationError('The project is invalid.', { errors: dateErrors.map((e) => fieldError(e.path, e.message)) });
  const updated = await replaceProject(project, merged, expected, actorOf(req.principal));
  await reevaluateProject(project.id, actorOf(req.principal));
  return { status: 200, body: updated, version: updated.version };
};

export const handler = httpHandler('PATCH /projects/{projectId}', patchProject);
