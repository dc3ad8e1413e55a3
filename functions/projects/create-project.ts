import { reevaluateProject } from '../../shared/services/reevaluate';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { projectInputSchema } from '../../shared/domain/project';
import { parseOrThrow, fieldError } from '../../shared/domain/validation';
import { ValidationError } from '../../shared/domain/errors';
import { getOrganizations } from '../../shared/store/organizations';
import { createProject as store } from '../../shared/store/projects';

export const createProject: RouteHandler = async (req) => {
  const input = parseOrThrow(projectInputSchema, req.body);
  const found = await getOrganizations(input.partners.map((p) => p.organizationId));
  const missing = input.partners.map((p, i) => ({ p, i })).filter(({ p }) => !found.has(p.organizationId));
  if (missing.length) {
    throw new ValidationError('Some partners are not registered organizations.', {
      errors: missing.map(({ i }) => fieldError(['partners', i, 'organizationId'], 'No such organization')),
    });
  }
  const project = await store(input, actorOf(req.principal));
  await reevaluateProject(project.id, actorOf(req.principal));
  return { status: 201, body: project, version: project.version, headers: { location: `/projects/${project.id}` } };
};

export const handler = httpHandler('POST /projects', createProject);
