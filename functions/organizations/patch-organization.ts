import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { organizationInputSchema } from '../../shared/domain/organization';
import { parseOrThrow } from '../../shared/domain/validation';
import { replaceOrganization, requireOrganization } from '../../shared/store/organizations';
import { assertLinkedShareholdersValid } from '../../shared/services/shareholder-links';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/organizations';

export const patchOrganization: RouteHandler<typeof api.patchOrganization> = async (req) => {
  const expected = requireIfMatch(req);
  const patch = req.body;
  const current = await requireOrganization(req.params.orgId ?? '');
  const { id, version: _v, createdAt: _c, updatedAt: _u, ...fields } = current;
  // The merged organization must satisfy every rule a new one does (e.g. a SIREN once the country is FR).
  const merged = parseOrThrow(organizationInputSchema, { ...fields, ...patch });
  await assertLinkedShareholdersValid(id, merged.shareholders);
  const updated = await replaceOrganization(current, merged, expected, actorOf(req.principal));
  // A change of the control chain (shareholders, country, listing, ZRR) re-evaluates every project of the organization.
  await afterChange(req, { organizationId: updated.id });
  return { status: 200, body: updated, version: updated.version };
};

export const handler = httpHandler(api.patchOrganization, patchOrganization);
