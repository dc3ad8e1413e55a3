import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { fieldError } from '../../shared/domain/validation';
import { ValidationError } from '../../shared/domain/errors';
import { getOrganizations } from '../../shared/store/organizations';
import { createProject as store } from '../../shared/store/projects';
import { afterChange } from '../../shared/services/after-change';
import { withPartnerNames } from '../../shared/services/partner-names';
import * as api from '../../shared/api/routes/projects';
import { runIdempotent } from '../http/idempotency';
import { msg } from '../../shared/domain/i18n/catalog';

export const createProject: RouteHandler<typeof api.createProject> = async (req) => {
  const input = req.body;
  const found = await getOrganizations(input.partners.map((p) => p.organizationId));
  const missing = input.partners.map((p, i) => ({ p, i })).filter(({ p }) => !found.has(p.organizationId));
  if (missing.length) {
    throw new ValidationError(msg('project.partnersNotRegistered'), {
      errors: missing.map(({ i }) => fieldError(['partners', i, 'organizationId'], msg('field.noSuchOrganization'))),
    });
  }
  const project = await store(input, actorOf(req.principal));
  await afterChange(req, { project });
  return {
    status: 201,
    body: { ...(await withPartnerNames(project, found)), stage: null },
    version: project.version,
    headers: { location: `/projects/${project.id}` },
  };
};

export const handler = httpHandler(api.createProject, createProject, { idempotency: runIdempotent });
