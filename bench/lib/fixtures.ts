/** Test data shared by the benches: SIRENs, a seeded PRNG, French organization and project bodies for the API. */
import { siren } from '../../test/fixtures/siren';

export { siren };

/** A deterministic PRNG (mulberry32) in [0, 1): the same seed gives the same data on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ShareholderBody {
  name: string;
  country: string;
  votingRightsPct: number;
  naturalPerson?: boolean;
}

/** The JSON body of POST /organizations: a French SME in Grenoble with a random SIREN, these shareholders and one representative. */
export function frenchOrgBody(legalName: string, shareholders: ShareholderBody[]): string {
  return JSON.stringify({
    legalName,
    siren: siren(String(10000000 + Math.floor(Math.random() * 89999999))),
    country: 'FR',
    category: 'sme',
    city: 'Grenoble',
    activityDescription: 'Conception de capteurs photoniques pour la surveillance industrielle.',
    shareholders,
    representatives: [{ name: 'Claire Martin', email: 'claire.martin@bench.example', language: 'fr', position: 'Présidente' }],
  });
}

/** The JSON body of POST /projects: a France 2030 project, 2027–2029, with these partners (the first one coordinates). */
export function projectBody(p: { acronym: string; title: string; summary: string; technologyDomains: string[]; partners: string[] }): string {
  return JSON.stringify({
    acronym: p.acronym,
    title: p.title,
    summary: p.summary,
    fundingScheme: 'france-2030',
    technologyDomains: p.technologyDomains,
    startDate: '2027-01-01',
    endDate: '2029-12-31',
    partners: p.partners.map((organizationId, i) => ({ organizationId, role: i === 0 ? 'coordinator' : 'partner' })),
  });
}
