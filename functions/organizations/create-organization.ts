import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { createOrganization as store } from '../../shared/store/organizations';
import { assertLinkedShareholdersValid } from '../../shared/services/shareholder-links';
import * as api from '../../shared/api/routes/organizations';
import { runIdempotent } from '../http/idempotency';

export const createOrganization: RouteHandler<typeof api.createOrganization> = async (req) => {
  const input = req.body;
  await assertLinkedShareholdersValid(null, input.shareholders);
  const org = await store(input, actorOf(req.principal));
  return { status: 201, body: org, version: org.version, headers: { location: `/organizations/${org.id}` } };
};

export const handler = httpHandler(api.createOrganization, createOrganization, { idempotency: runIdempotent });
