import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { organizationInputSchema } from '../../shared/domain/organization';
import { parseOrThrow } from '../../shared/domain/validation';
import { createOrganization as store } from '../../shared/store/organizations';
import { assertLinkedShareholdersValid } from '../../shared/services/shareholder-links';

export const createOrganization: RouteHandler = async (req) => {
  const input = parseOrThrow(organizationInputSchema, req.body);
  await assertLinkedShareholdersValid(null, input.shareholders);
  const org = await store(input, actorOf(req.principal));
  return { status: 201, body: org, version: org.version, headers: { location: `/organizations/${org.id}` } };
};

export const handler = httpHandler('POST /organizations', createOrganization);
