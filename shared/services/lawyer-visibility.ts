import type { Principal } from '../domain/access';
import { lawyerSharesProjectIn } from '../store/projects';

/**
 * A lawyer sees the organizations that are partners in at least one project assigned to it: its assignments
 * checked by key against the organization's memberships (never every project of the organization).
 */
export async function lawyerSharesProjectWith(p: Principal, orgId: string): Promise<boolean> {
  return p.email ? lawyerSharesProjectIn(p.email, orgId) : false;
}
