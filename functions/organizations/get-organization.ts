import { httpHandler, type RouteHandler } from '../http/http-handler';
import { assertCanReadOrganization } from '../../shared/domain/access';
import { NotFoundError } from '../../shared/domain/errors';
import { getOrganization as load } from '../../shared/store/organizations';
import { lawyerSharesProjectWith } from '../../shared/services/lawyer-visibility';
import * as api from '../../shared/api/routes/organizations';
import { msg } from '../../shared/domain/i18n/catalog';

export const getOrganization: RouteHandler<typeof api.getOrganization> = async (req) => {
  const p = req.principal;
  const orgId = req.params.orgId ?? '';
  assertCanReadOrganization(p, orgId, p.role === 'lawyer' && (await lawyerSharesProjectWith(p, orgId)));
  const org = await load(orgId);
  if (!org) throw new NotFoundError(msg('organization.notFound'));
  return { status: 200, body: org, version: org.version };
};

export const handler = httpHandler(api.getOrganization, getOrganization);
