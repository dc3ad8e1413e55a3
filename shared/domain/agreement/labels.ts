import type {
  ACCESS_PURPOSES,
  BACKGROUND_TYPES,
  CONDITION_REGIMES,
  EXPORT_CONTROL_CATEGORIES,
  IDENTIFIER_KINDS,
  REGIONAL_JURISDICTIONS,
  TERRITORY_SCOPES,
} from '../declaration';
import type { Lang } from '../i18n/lang';
import type { ORGANIZATION_CATEGORIES } from '../organization';
import type { FUNDING_SCHEMES, PARTNER_ROLES, TECHNOLOGY_DOMAINS } from '../project';
import type { FLAG_STATUSES } from '../risk/lifecycle';
import type { SEVERITIES } from '../risk/types';
import { TECHNOLOGY_DOMAIN_LABELS } from '../technology-domain-labels';

/**
 * Names of the enum values the agreement shows, in the agreement's own wording (a contract says « coordinateur du
 * Projet », where the form says « Coordinateur »). Typed by the domain's value lists: a value added there without
 * a name here fails the type check. The model stores plain strings, so {@link enumLabel} falls back to the raw
 * value for one it does not know (a model from a later schema still renders).
 *
 * Countries are shown by their ISO 3166-1 code: no table of names exists in the domain, and `Intl.DisplayNames`
 * would make the bytes depend on the ICU version of the machine that renders.
 */

type Labels<T extends readonly string[]> = Readonly<Record<T[number], string>>;

interface AgreementEnumLabels {
  partnerRole: Labels<typeof PARTNER_ROLES>;
  organizationCategory: Labels<typeof ORGANIZATION_CATEGORIES>;
  fundingScheme: Labels<typeof FUNDING_SCHEMES>;
  technologyDomain: Labels<typeof TECHNOLOGY_DOMAINS>;
  backgroundType: Labels<typeof BACKGROUND_TYPES>;
  conditionRegime: Labels<typeof CONDITION_REGIMES>;
  exportControlCategory: Labels<typeof EXPORT_CONTROL_CATEGORIES>;
  identifierKind: Labels<typeof IDENTIFIER_KINDS>;
  regionalJurisdiction: Labels<typeof REGIONAL_JURISDICTIONS>;
  accessPurpose: Labels<typeof ACCESS_PURPOSES>;
  /** `countries` is shown as the list of country codes itself. */
  territoryScope: Readonly<Record<Exclude<(typeof TERRITORY_SCOPES)[number], 'countries'>, string>>;
  flagStatus: Labels<typeof FLAG_STATUSES>;
  severity: Labels<typeof SEVERITIES>;
}

/** The shared table uses the typewriter apostrophe; the agreement prints the typographic one (’). */
const typographic = <T extends Record<string, string>>(labels: T): T =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.replace(/'/g, '’')])) as T;

export const AGREEMENT_LABELS: Readonly<Record<Lang, AgreementEnumLabels>> = {
  fr: {
    partnerRole: { coordinator: 'coordinateur du Projet', partner: 'partenaire du Projet', subcontractor: 'sous-traitant' },
    organizationCategory: {
      startup: 'start-up',
      sme: 'petite ou moyenne entreprise (PME)',
      midcap: 'entreprise de taille intermédiaire (ETI)',
      large: 'grande entreprise',
      'public-lab': 'laboratoire ou organisme public de recherche',
      university: 'université ou établissement d’enseignement supérieur',
      other: 'autre organisme',
    },
    fundingScheme: {
      'france-2030': 'France 2030',
      pspc: 'Projets structurants pour la compétitivité (PSPC)',
      fui: 'Fonds unique interministériel (FUI)',
      anr: 'Agence nationale de la recherche (ANR)',
      bpifrance: 'Bpifrance',
      region: 'financement régional',
      'horizon-europe': 'Horizon Europe',
      eureka: 'Eureka',
      private: 'financement privé',
      other: 'autre dispositif de financement',
    },
    technologyDomain: typographic(TECHNOLOGY_DOMAIN_LABELS.fr),
    backgroundType: {
      patent: 'brevet',
      'patent-application': 'demande de brevet',
      software: 'logiciel',
      'know-how': 'savoir-faire',
      database: 'base de données',
      design: 'dessin ou modèle',
      trademark: 'marque',
      other: 'autre (prototype, matériau, échantillon…)',
    },
    conditionRegime: {
      'royalty-free': 'à titre gratuit',
      'fair-and-reasonable': 'à des conditions équitables et raisonnables',
      excluded: 'exclu (aucun droit d’accès)',
      'case-by-case': 'au cas par cas, sur demande',
    },
    exportControlCategory: {
      '0': 'matières, installations et équipements nucléaires',
      '1': 'matériaux spéciaux et équipements connexes',
      '2': 'traitement des matériaux',
      '3': 'électronique',
      '4': 'calculateurs',
      '5': 'télécommunications et sécurité de l’information',
      '6': 'capteurs et lasers',
      '7': 'navigation et aéronautique',
      '8': 'marine',
      '9': 'aérospatiale et propulsion',
    },
    identifierKind: {
      'patent-publication': 'publication de brevet',
      'patent-application': 'demande de brevet',
      'trademark-registration': 'enregistrement de marque',
      'design-registration': 'enregistrement de dessin ou modèle',
      'software-deposit': 'dépôt de logiciel',
      doi: 'DOI',
      'internal-reference': 'référence interne',
      other: 'autre identifiant',
    },
    regionalJurisdiction: { EP: 'EP (brevet européen)', WO: 'WO (demande internationale PCT)', EU: 'EU (titre de l’Union européenne)' },
    accessPurpose: { execution: 'exécution du Projet', exploitation: 'exploitation' },
    territoryScope: { worldwide: 'monde entier', 'eu-eea': 'Union européenne et Espace économique européen' },
    flagStatus: { open: 'ouvert', acknowledged: 'pris en compte', mitigated: 'atténué', waived: 'levé par dérogation', closed: 'clos' },
    severity: { info: 'information', low: 'faible', medium: 'moyenne', high: 'élevée', critical: 'critique' },
  },
  en: {
    partnerRole: { coordinator: 'coordinator of the Project', partner: 'partner in the Project', subcontractor: 'subcontractor' },
    organizationCategory: {
      startup: 'start-up',
      sme: 'small or medium-sized enterprise (SME)',
      midcap: 'mid-cap company (ETI)',
      large: 'large company',
      'public-lab': 'public research laboratory or organisation',
      university: 'university or higher-education institution',
      other: 'other organisation',
    },
    fundingScheme: {
      'france-2030': 'France 2030',
      pspc: 'Structuring Projects for Competitiveness (PSPC)',
      fui: 'Single Interministerial Fund (FUI)',
      anr: 'French National Research Agency (ANR)',
      bpifrance: 'Bpifrance',
      region: 'regional funding',
      'horizon-europe': 'Horizon Europe',
      eureka: 'Eureka',
      private: 'private funding',
      other: 'another funding scheme',
    },
    technologyDomain: TECHNOLOGY_DOMAIN_LABELS.en,
    backgroundType: {
      patent: 'patent',
      'patent-application': 'patent application',
      software: 'software',
      'know-how': 'know-how',
      database: 'database',
      design: 'design',
      trademark: 'trade mark',
      other: 'other (prototype, material, sample…)',
    },
    conditionRegime: {
      'royalty-free': 'royalty-free',
      'fair-and-reasonable': 'on fair and reasonable conditions',
      excluded: 'excluded (no access right)',
      'case-by-case': 'case by case, on request',
    },
    exportControlCategory: {
      '0': 'nuclear materials, facilities and equipment',
      '1': 'special materials and related equipment',
      '2': 'materials processing',
      '3': 'electronics',
      '4': 'computers',
      '5': 'telecommunications and information security',
      '6': 'sensors and lasers',
      '7': 'navigation and avionics',
      '8': 'marine',
      '9': 'aerospace and propulsion',
    },
    identifierKind: {
      'patent-publication': 'patent publication',
      'patent-application': 'patent application',
      'trademark-registration': 'trade mark registration',
      'design-registration': 'design registration',
      'software-deposit': 'software deposit',
      doi: 'DOI',
      'internal-reference': 'internal reference',
      other: 'other identifier',
    },
    regionalJurisdiction: { EP: 'EP (European patent)', WO: 'WO (international PCT application)', EU: 'EU (European Union right)' },
    accessPurpose: { execution: 'carrying out the Project', exploitation: 'exploitation' },
    territoryScope: { worldwide: 'worldwide', 'eu-eea': 'European Union and European Economic Area' },
    flagStatus: { open: 'open', acknowledged: 'acknowledged', mitigated: 'mitigated', waived: 'waived', closed: 'closed' },
    severity: { info: 'information', low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  },
};

export type AgreementEnum = keyof AgreementEnumLabels;

/** The name of an enum value in the agreement's language; the raw value when the table does not know it. */
export function enumLabel(kind: AgreementEnum, value: string, lang: Lang): string {
  const table = AGREEMENT_LABELS[lang][kind] as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value]! : value;
}

/** A jurisdiction: its ISO code for a country, the code with its meaning for EP, WO and EU. */
export const jurisdictionLabel = (code: string, lang: Lang): string => enumLabel('regionalJurisdiction', code, lang);
