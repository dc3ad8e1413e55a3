import { reevaluateOrganization } from '../../shared/services/reevaluate';
import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { organizationInputSchema, organizationPatchSchema } from '../../shared/domain/organization';
import { parseOrThrow } from '../../shared/domain/validation';
import { replaceOrganization, requireOrganization } from '../../shared/store/organizations';
import { assertLinkedShareholdersValid } from '../../shared/services/shareholder-links';

export const patchOrganization: RouteHandler = async (req) => {
  const expected = requireIfMatch(req);
  const patch = parseOrThrow(organizationPatchSchema, req.body);
  const current = await requireOrganization(req.params.orgId ?? '');
  const { id, version: _v, createdAt: _c, updatedAt: _u, ...fields } = current;
  // The merged organization must satisfy every rule a new one does (e.g. a SIREN once the country is FR).
  const merged = parseOrThrow(organizationInputSchema, { ...fields, ...patch });
  await assertLinkedShareholdersValid(id, merged.shareholders);
  const updated = await replaceOrganization(current, merged, expected, actorOf(req.principal));
  // A change of the control chain (shareholders, country, listing, ZRR) re-evaluates every project of the organization.
  await reevaluateOrganization(updated.id, actorOf(req.principal));
  return { status: 200, body: updated, version: updated.version };
};

export const handler = httpHandler('PATCH /organizations/{orgId}', patchOrganization);
