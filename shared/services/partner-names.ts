import type { Organization } from '../domain/organization';
import type { ProjectView } from '../domain/project';
import { getOrganizations } from '../store/organizations';

export type PartnerWithName = ProjectView['partners'][number] & { legalName: string; country: string | null };

/**
 * The partners of a project with their public names (legal name, country), so that every member of the project
 * sees who its partners are without reading their organizations (a partner may not). One BatchGet for the
 * whole consortium (a project has tens of partners: one request of 100 keys at most per hundred partners), or
 * none when the caller already holds the organizations.
 */
export async function withPartnerNames<V extends ProjectView>(
  view: V,
  known?: ReadonlyMap<string, Pick<Organization, 'legalName' | 'country'>>,
): Promise<Omit<V, 'partners'> & { partners: PartnerWithName[] }> {
  const orgs = known ?? (await getOrganizations(view.partners.map((p) => p.organizationId)));
  return {
    ...view,
    // A partner's organization is never deleted; should one be missing, its id stands for its name.
    partners: view.partners.map((p) => {
      const o = orgs.get(p.organizationId);
      return { ...p, legalName: o?.legalName ?? p.organizationId, country: o?.country ?? null };
    }),
  };
}
