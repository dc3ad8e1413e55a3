import { httpHandler, type RouteHandler } from '../http/http-handler';
import { assertCanReadOrganization } from '../../shared/domain/access';
import { NotFoundError } from '../../shared/domain/errors';
import { controlChainOf, MAX_TREE_DEPTH } from '../../shared/domain/risk/control-chain';
import { loadControlChain } from '../../shared/store/organizations';
import { lawyerSharesProjectWith } from '../../shared/services/lawyer-visibility';
import * as api from '../../shared/api/routes/organizations';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * The control chain of an organization, loaded as the re-evaluation loads it (BatchGet level by level up through
 * the registered shareholders) and computed by the risk engine's own chain code. Staff, and the lawyers of a
 * project of the organization (the flags they read cite the same chains); not partners, since the chain names
 * the shareholders of other organizations.
 */
export const getControlChain: RouteHandler<typeof api.getControlChain> = async (req) => {
  const p = req.principal;
  const orgId = req.params.orgId ?? '';
  assertCanReadOrganization(p, orgId, p.role === 'lawyer' && (await lawyerSharesProjectWith(p, orgId)));
  // One level more than the tree shows, so that its last holders are known (registered or not).
  const chain = controlChainOf(orgId, await loadControlChain([orgId], MAX_TREE_DEPTH + 1));
  if (!chain) throw new NotFoundError(msg('organization.notFound'));
  return { status: 200, body: chain };
};

export const handler = httpHandler(api.getControlChain, getControlChain);
