import type { Principal } from '../domain/access';
import { allProjectIdsOf } from '../store/projects';
import { projectsOfLawyerGsiPk, projectsOfOrgGsiPk } from '../store/keys';

/** A lawyer sees the organizations that are partners in at least one project assigned to it. */
export async function lawyerSharesProjectWith(p: Principal, orgId: string): Promise<boolean> {
  if (!p.email) return false;
  const [mine, theirs] = await Promise.all([allProjectIdsOf(projectsOfLawyerGsiPk(p.email)), allProjectIdsOf(projectsOfOrgGsiPk(orgId))]);
  const set = new Set(mine);
  return theirs.some((id) => set.has(id));
}
