import { isEuEea, isFrance } from '../countries';
import type { Bilingual } from './types';

/**
 * The two legal tests the IEF rules rest on, as pure functions (docs/risk.md, "Control and foreign investors"):
 *
 * - who is a **foreign investor** (CMF R151-1) and who is **outside the EU/EEA** for the 25 % threshold (R151-2):
 *   {@link partyStatus};
 * - who **controls** a company (Code de commerce L233-3): {@link controlClauseOf}, naming the clause.
 */

// ---------------------------------------------------------------------------------------------------------
// CMF R151-1 / R151-2: foreign, and outside the EU/EEA

/** Why a link of a control chain is foreign (CMF R151-1): 1° nationality, 2° a French national's tax domicile abroad, 3°/4° an entity's seat or law. */
export type ForeignBy = 'nationality' | 'tax-domicile' | 'seat';

export interface PartyStatus {
  foreign: boolean;
  /** The 25 % (and listed 10 %) thresholds of R151-2 apply: not an EU/EEA national tax-domiciled in the EU/EEA, or an entity outside the EU/EEA. */
  nonEuEea: boolean;
  foreignBy: ForeignBy | null;
  /** Natural persons: the tax domicile as known (null: outside France, country unknown). */
  taxDomicileCountry?: string | null;
}

export interface Party {
  country: string;
  naturalPerson?: boolean | undefined;
  taxDomicileCountry?: string | undefined;
  /** Compatibility (control events): `false` = tax-domiciled outside France, country unknown. */
  taxDomiciledInFrance?: boolean | undefined;
}

/**
 * R151-1: a natural person is foreign when of foreign nationality (1°) or a French national not tax-domiciled in
 * France (2°); an entity when governed by foreign law / seated abroad (3°; 4°, an entity controlled by one, is the
 * chain walk). R151-2 (last paragraph): the 25 % threshold does not apply to a natural person who is an EU/EEA
 * national tax-domiciled in an EU/EEA state, nor to an entity of an EU/EEA state (whose chain is EU/EEA too — the
 * chain walk checks every link). A natural person's tax domicile defaults to the nationality's country; a
 * domicile "outside France, unknown" (taxDomiciledInFrance: false) makes a French national foreign but does not by
 * itself put them outside the EU/EEA.
 */
export function partyStatus(p: Party): PartyStatus {
  const country = p.country.toUpperCase();
  if (p.naturalPerson !== true) {
    const foreign = !isFrance(country);
    return { foreign, nonEuEea: !isEuEea(country), foreignBy: foreign ? 'seat' : null };
  }
  const domicile =
    p.taxDomicileCountry?.toUpperCase() ??
    (p.taxDomiciledInFrance === true ? 'FR' : p.taxDomiciledInFrance === false ? (isFrance(country) ? null : country) : country);
  const foreignNational = !isFrance(country);
  const domicileAbroad = domicile === null || !isFrance(domicile);
  const foreign = foreignNational || domicileAbroad;
  const nonEuEea = !isEuEea(country) || (domicile !== null && !isEuEea(domicile));
  return { foreign, nonEuEea, foreignBy: foreignNational ? 'nationality' : domicileAbroad ? 'tax-domicile' : null, taxDomicileCountry: domicile };
}

/** « société de droit américain (US) » — why one link is foreign, for explanations. */
export function foreignByText(s: PartyStatus, country: string, lang: 'fr' | 'en'): string {
  const dom = s.taxDomicileCountry;
  if (s.foreignBy === 'seat') return lang === 'fr' ? `entité de droit étranger (${country}, CMF R151-1 3°)` : `foreign-law entity (${country}, CMF R151-1 3°)`;
  if (s.foreignBy === 'nationality')
    return lang === 'fr'
      ? `personne physique de nationalité étrangère (${country}${dom && dom !== country ? `, domicile fiscal ${dom}` : ''}, CMF R151-1 1°)`
      : `natural person of foreign nationality (${country}${dom && dom !== country ? `, tax domicile ${dom}` : ''}, CMF R151-1 1°)`;
  if (s.foreignBy === 'tax-domicile')
    return lang === 'fr'
      ? `ressortissant français non domicilié fiscalement en France (domicile fiscal ${dom ?? 'hors de France'}, CMF R151-1 2°)`
      : `French national not tax-domiciled in France (tax domicile ${dom ?? 'outside France'}, CMF R151-1 2°)`;
  return lang === 'fr' ? 'non étranger' : 'not foreign';
}

// ---------------------------------------------------------------------------------------------------------
// Code de commerce L233-3: control

/** The clauses of L233-3: I 1° majority, I 2° agreement, I 3° de facto, I 4° appointment, II presumption > 40 %, III concert; `I` = control declared without a clause. */
export const L233_3_CLAUSES = ['I-1', 'I-2', 'I-3', 'I-4', 'II', 'III', 'I'] as const;
export type L2333Clause = (typeof L233_3_CLAUSES)[number];

export const L233_3_TEXT: Record<L2333Clause, Bilingual> = {
  'I-1': { fr: 'majorité des droits de vote (code de commerce, art. L233-3 I 1°)', en: 'majority of the voting rights (Commercial Code art. L233-3 I 1°)' },
  'I-2': {
    fr: 'majorité des droits de vote en vertu d’un accord avec d’autres associés (code de commerce, art. L233-3 I 2°)',
    en: 'majority of the voting rights under an agreement with other shareholders (Commercial Code art. L233-3 I 2°)',
  },
  'I-3': {
    fr: 'contrôle de fait : il détermine les décisions des assemblées générales (code de commerce, art. L233-3 I 3°)',
    en: 'de facto control: it determines the decisions of the general meetings (Commercial Code art. L233-3 I 3°)',
  },
  'I-4': {
    fr: 'pouvoir de nommer ou révoquer la majorité des organes de direction (code de commerce, art. L233-3 I 4°)',
    en: 'power to appoint or dismiss the majority of the board (Commercial Code art. L233-3 I 4°)',
  },
  II: {
    fr: 'présomption de contrôle : plus de 40 % des droits de vote sans qu’aucun autre associé n’en détienne davantage (code de commerce, art. L233-3 II)',
    en: 'presumed control: more than 40 % of the voting rights and no other shareholder holds more (Commercial Code art. L233-3 II)',
  },
  III: {
    fr: 'contrôle conjoint de personnes agissant de concert (code de commerce, art. L233-3 III et L233-10)',
    en: 'joint control by persons acting in concert (Commercial Code art. L233-3 III and L233-10)',
  },
  I: { fr: 'contrôle déclaré (code de commerce, art. L233-3 I)', en: 'declared control (Commercial Code art. L233-3 I)' },
};

/** « L233-3 I 1° », « L233-3 II »… */
export const L233_3_CLAUSE_REF: Record<L2333Clause, string> = {
  'I-1': 'I 1°',
  'I-2': 'I 2°',
  'I-3': 'I 3°',
  'I-4': 'I 4°',
  II: 'II',
  III: 'III',
  I: 'I',
};

/** The declared bases of control (control events and shareholders) and their clause. */
export const CLAUSE_OF_BASIS = { agreement: 'I-2', 'de-facto': 'I-3', appointment: 'I-4', concert: 'III' } as const satisfies Record<string, L2333Clause>;

/** Above this share of the voting rights, control is presumed when no other shareholder holds more (L233-3 II). */
export const PRESUMPTION_PCT = 40;

export interface Holding {
  votingRightsPct: number;
  controlling?: boolean | undefined;
  controlBasis?: keyof typeof CLAUSE_OF_BASIS | undefined;
}

/**
 * The clause of L233-3 by which a holder controls a company, or null. `othersMaxPct` is the largest holding of any
 * other shareholder (for the presumption of II). Order: a majority (I 1°), then a declared basis, then a bare
 * `controlling` mark, then the presumption.
 */
export function controlClauseOf(h: Holding, othersMaxPct: number): L2333Clause | null {
  if (h.votingRightsPct > 50) return 'I-1';
  if (h.controlBasis) return CLAUSE_OF_BASIS[h.controlBasis];
  if (h.controlling === true) return 'I';
  if (h.votingRightsPct > PRESUMPTION_PCT && othersMaxPct <= h.votingRightsPct) return 'II';
  return null;
}

/**
 * The presumption of L233-3 II for an investor reaching `afterPct` in a company whose register lists `others`
 * (the other shareholders, before the operation). The register does not say who sells: an other's holding after
 * the operation is at least its holding less what the operation must take from someone (what exceeds 100 %). The
 * presumption is rebutted only when an other surely keeps more than the investor — a conservative screen.
 */
export function presumedControl(afterPct: number, others: readonly number[]): boolean {
  if (afterPct <= PRESUMPTION_PCT) return false;
  const total = others.reduce((a, b) => a + b, 0);
  const excess = Math.max(0, total + afterPct - 100);
  return !others.some((p) => p - excess > afterPct);
}
