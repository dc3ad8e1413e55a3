import { ORGANIZATION_CATEGORIES } from '../organization';
import { FUNDING_SCHEMES, PARTNER_ROLES, TECHNOLOGY_DOMAINS } from '../project';
import type { Language } from '../common';

/**
 * Labels of the forms served by `GET /forms/{formId}`: French (default) and English.
 *
 * `fields` is keyed by the field's dotted path, array items being transparent: `shareholders` is the list,
 * `shareholders.votingRightsPct` a field of each item. `sections` and `rules` are keyed by the ids the form
 * layouts use (./organization-form.ts, ./project-form.ts). Enum labels are typed by the domain's value
 * lists, so a value added to the domain without a label fails the type check. Country names are not here:
 * they come from `Intl.DisplayNames` (CLDR) in the requested language.
 *
 * test/unit/forms.test.ts checks that every property and every enum value of every served schema has a
 * label in both languages.
 */
export type Lang = Language;
export const LANGS: readonly Lang[] = ['fr', 'en'];

export interface FieldText {
  title: string;
  help?: string;
  placeholder?: string;
}

export interface FormTexts {
  title: string;
  description: string;
  sections: Record<string, string>;
  fields: Record<string, FieldText>;
  rules: Record<string, string>;
}

type Labels<T extends readonly string[]> = Record<T[number], string>;

export interface EnumTexts {
  organizationCategory: Labels<typeof ORGANIZATION_CATEGORIES>;
  technologyDomain: Labels<typeof TECHNOLOGY_DOMAINS>;
  fundingScheme: Labels<typeof FUNDING_SCHEMES>;
  partnerRole: Labels<typeof PARTNER_ROLES>;
  language: Labels<readonly ['fr', 'en']>;
}

export interface Dictionary {
  forms: Record<string, FormTexts>;
  enums: EnumTexts;
  enumGroups: { criticalTechnologies: string; otherTechnologies: string };
  common: { yes: string; no: string; add: string; remove: string; serverRule: string };
}

const fr: Dictionary = {
  forms: {
    organization: {
      title: 'Organisation',
      description: "Fiche d'une organisation (entreprise, laboratoire, université) avec sa chaîne de contrôle.",
      sections: {
        identity: 'Identification',
        profile: 'Profil',
        control: 'Actionnariat et contrôle',
        contacts: 'Représentants',
      },
      fields: {
        legalName: { title: 'Raison sociale', help: 'Dénomination exacte figurant au registre (extrait Kbis pour une société française).' },
        siren: {
          title: 'SIREN',
          help: "9 chiffres attribués par l'INSEE. Obligatoire pour une organisation française, à laisser vide sinon. La clé de contrôle est vérifiée à l'enregistrement.",
          placeholder: '123456789',
        },
        registrationId: { title: "Numéro d'immatriculation étranger", help: "Numéro au registre du pays d'immatriculation ; obligatoire pour une organisation non française." },
        country: { title: "Pays d'immatriculation" },
        category: { title: 'Catégorie', help: "Catégorie d'entreprise au sens du décret n° 2008-1354 (PME, ETI, grande entreprise), ou nature de l'établissement." },
        listed: { title: 'Société cotée', help: 'Titres admis aux négociations sur un marché réglementé.' },
        zrr: { title: 'Implantée en ZRR', help: 'Zone à régime restrictif au titre de la protection du potentiel scientifique et technique de la nation (PPST).' },
        city: { title: 'Ville' },
        activityDescription: { title: "Description de l'activité" },
        shareholders: {
          title: 'Actionnaires',
          help: 'Actionnaires directs et leurs droits de vote. La chaîne de contrôle est suivie à travers les actionnaires qui sont eux-mêmes des organisations enregistrées.',
        },
        'shareholders.name': { title: "Nom de l'actionnaire" },
        'shareholders.country': { title: 'Pays', help: "Pays d'immatriculation, ou de nationalité pour une personne physique." },
        'shareholders.votingRightsPct': { title: 'Droits de vote (%)', help: 'Entre 0 et 100, avec 4 décimales au plus.' },
        'shareholders.organizationId': { title: 'Organisation enregistrée', help: "À renseigner si l'actionnaire est lui-même une organisation enregistrée dans Vigie." },
        'shareholders.controlling': { title: 'Contrôle (art. L233-3 C. com.)', help: "Contrôle au sens de l'article L233-3 du Code de commerce, même en deçà de 50 % (par accord ou de fait)." },
        'shareholders.naturalPerson': { title: 'Personne physique', help: "La nationalité et le domicile fiscal comptent pour l'article R151-1 du Code monétaire et financier." },
        representatives: { title: 'Représentants', help: "Personnes habilitées à remplir les déclarations au nom de l'organisation." },
        'representatives.name': { title: 'Nom' },
        'representatives.email': { title: 'Adresse électronique', placeholder: 'prenom.nom@exemple.fr' },
        'representatives.language': { title: 'Langue de correspondance' },
        'representatives.position': { title: 'Fonction' },
      },
      rules: {
        'identifier-by-country': "Organisation française : SIREN obligatoire. Autre pays : numéro d'immatriculation obligatoire, pas de SIREN.",
        'siren-check-digit': 'La clé de contrôle du SIREN (algorithme de Luhn) est vérifiée par le serveur.',
        'pct-decimals': 'Les pourcentages de droits de vote ont 4 décimales au plus.',
        'voting-rights-total': 'Le total des droits de vote des actionnaires ne peut pas dépasser 100 %.',
        'shareholder-links': "Un actionnaire lié doit être une organisation enregistrée, et les liens ne peuvent pas former de cycle (A détient B qui détient A).",
      },
    },
    project: {
      title: 'Projet',
      description: "Projet d'innovation collaboratif labellisé par le pôle, avec son consortium.",
      sections: {
        general: 'Présentation',
        funding: 'Financement et domaines',
        schedule: 'Calendrier',
        consortium: 'Consortium',
      },
      fields: {
        acronym: { title: 'Acronyme', help: '30 caractères au plus : lettres, chiffres, espaces et - _ + .', placeholder: 'NEURODRONE' },
        title: { title: 'Titre du projet' },
        summary: { title: 'Résumé' },
        fundingScheme: { title: 'Dispositif de financement' },
        technologyDomains: {
          title: 'Domaines technologiques',
          help: "Au moins un. Les technologies critiques (CMF R151-3) appellent une vigilance particulière sur l'actionnariat des partenaires.",
        },
        startDate: { title: 'Date de début' },
        endDate: { title: 'Date de fin', help: 'Postérieure à la date de début.' },
        partners: { title: 'Partenaires', help: 'Organisations enregistrées du consortium ; si la liste est remplie, exactement une est coordinatrice.' },
        'partners.organizationId': { title: 'Organisation' },
        'partners.role': { title: 'Rôle' },
      },
      rules: {
        'domains-unique': 'Chaque domaine technologique une seule fois.',
        'one-coordinator': 'Exactement un partenaire coordinateur dès que des partenaires sont indiqués.',
        'end-after-start': 'La date de fin doit être postérieure à la date de début.',
        'partner-once': 'Une organisation ne figure qu’une fois parmi les partenaires.',
        'partners-registered': 'Les partenaires doivent être des organisations enregistrées.',
      },
    },
  },
  enums: {
    organizationCategory: {
      startup: 'Start-up',
      sme: 'PME',
      midcap: 'ETI',
      large: 'Grande entreprise',
      'public-lab': 'Laboratoire ou organisme public de recherche',
      university: "Université ou établissement d'enseignement supérieur",
      other: 'Autre',
    },
    technologyDomain: {
      cybersecurity: 'Cybersécurité',
      'artificial-intelligence': 'Intelligence artificielle',
      robotics: 'Robotique',
      'additive-manufacturing': 'Fabrication additive',
      semiconductors: 'Semi-conducteurs',
      quantum: 'Technologies quantiques',
      'energy-storage': "Stockage d'énergie",
      biotechnologies: 'Biotechnologies',
      'low-carbon-energy': "Production d'énergie décarbonée",
      photonics: 'Photonique',
      nanotechnologies: 'Nanotechnologies',
      microelectronics: 'Microélectronique',
      'micro-nanosystems': 'Micro- et nanosystèmes',
      space: 'Spatial',
      health: 'Santé',
      telecommunications: 'Télécommunications',
      materials: 'Matériaux',
      software: 'Logiciel',
      other: 'Autre',
    },
    fundingScheme: {
      'france-2030': 'France 2030',
      pspc: 'PSPC — Projets structurants pour la compétitivité',
      fui: 'FUI — Fonds unique interministériel',
      anr: 'ANR — Agence nationale de la recherche',
      bpifrance: 'Bpifrance',
      region: 'Région',
      'horizon-europe': 'Horizon Europe',
      eureka: 'Eureka',
      private: 'Financement privé',
      other: 'Autre',
    },
    partnerRole: { coordinator: 'Coordinateur', partner: 'Partenaire', subcontractor: 'Sous-traitant' },
    language: { fr: 'Français', en: 'Anglais' },
  },
  enumGroups: { criticalTechnologies: 'Technologies critiques (CMF R151-3)', otherTechnologies: 'Autres domaines' },
  common: { yes: 'Oui', no: 'Non', add: 'Ajouter', remove: 'Retirer', serverRule: "Vérifié par le serveur à l'enregistrement" },
};

const en: Dictionary = {
  forms: {
    organization: {
      title: 'Organization',
      description: 'An organization (company, laboratory, university) with its control chain.',
      sections: {
        identity: 'Identification',
        profile: 'Profile',
        control: 'Shareholding and control',
        contacts: 'Representatives',
      },
      fields: {
        legalName: { title: 'Legal name', help: 'The exact registered name (Kbis extract for a French company).' },
        siren: {
          title: 'SIREN',
          help: 'The 9-digit INSEE company number. Required for a French organization, leave empty otherwise. The check digit is verified when saving.',
          placeholder: '123456789',
        },
        registrationId: { title: 'Foreign registration number', help: 'Number in the register of the country of registration; required for a non-French organization.' },
        country: { title: 'Country of registration' },
        category: { title: 'Category', help: 'Company size category under decree 2008-1354 (SME, mid-cap, large company), or the kind of institution.' },
        listed: { title: 'Listed company', help: 'Securities admitted to trading on a regulated market.' },
        zrr: { title: 'Located in a ZRR', help: "Restricted-access zone under the protection of the nation's scientific and technical potential (PPST)." },
        city: { title: 'City' },
        activityDescription: { title: 'Description of the activity' },
        shareholders: {
          title: 'Shareholders',
          help: 'Direct shareholders and their voting rights. The control chain is followed through shareholders that are registered organizations themselves.',
        },
        'shareholders.name': { title: 'Shareholder name' },
        'shareholders.country': { title: 'Country', help: 'Country of registration, or nationality for a natural person.' },
        'shareholders.votingRightsPct': { title: 'Voting rights (%)', help: 'Between 0 and 100, at most 4 decimals.' },
        'shareholders.organizationId': { title: 'Registered organization', help: 'Set it when the shareholder is itself an organization registered in Vigie.' },
        'shareholders.controlling': { title: 'Control (French Commercial Code L233-3)', help: 'Control within the meaning of article L233-3 of the Commercial Code, even below 50 % (by agreement or de facto).' },
        'shareholders.naturalPerson': { title: 'Natural person', help: 'Nationality and tax residence matter for article R151-1 of the Monetary and Financial Code.' },
        representatives: { title: 'Representatives', help: 'People entitled to fill in declarations on behalf of the organization.' },
        'representatives.name': { title: 'Name' },
        'representatives.email': { title: 'Email address', placeholder: 'first.last@example.com' },
        'representatives.language': { title: 'Correspondence language' },
        'representatives.position': { title: 'Position' },
      },
      rules: {
        'identifier-by-country': 'French organization: SIREN required. Other country: registration number required, no SIREN.',
        'siren-check-digit': 'The SIREN check digit (Luhn algorithm) is verified by the server.',
        'pct-decimals': 'Voting-rights percentages have at most 4 decimals.',
        'voting-rights-total': "The shareholders' voting rights cannot add up to more than 100 %.",
        'shareholder-links': 'A linked shareholder must be a registered organization, and links cannot form a cycle (A holds B holds A).',
      },
    },
    project: {
      title: 'Project',
      description: 'A collaborative innovation project labelled by the cluster, with its consortium.',
      sections: {
        general: 'Overview',
        funding: 'Funding and domains',
        schedule: 'Schedule',
        consortium: 'Consortium',
      },
      fields: {
        acronym: { title: 'Acronym', help: 'At most 30 characters: letters, digits, spaces and - _ + .', placeholder: 'NEURODRONE' },
        title: { title: 'Project title' },
        summary: { title: 'Summary' },
        fundingScheme: { title: 'Funding scheme' },
        technologyDomains: {
          title: 'Technology domains',
          help: "At least one. Critical technologies (CMF R151-3) call for particular care about the partners' shareholders.",
        },
        startDate: { title: 'Start date' },
        endDate: { title: 'End date', help: 'After the start date.' },
        partners: { title: 'Partners', help: 'Registered organizations of the consortium; when the list is filled in, exactly one is the coordinator.' },
        'partners.organizationId': { title: 'Organization' },
        'partners.role': { title: 'Role' },
      },
      rules: {
        'domains-unique': 'Each technology domain only once.',
        'one-coordinator': 'Exactly one coordinating partner as soon as partners are given.',
        'end-after-start': 'The end date must be after the start date.',
        'partner-once': 'An organization appears only once among the partners.',
        'partners-registered': 'Partners must be registered organizations.',
      },
    },
  },
  enums: {
    organizationCategory: {
      startup: 'Start-up',
      sme: 'SME',
      midcap: 'Mid-cap company (ETI)',
      large: 'Large company',
      'public-lab': 'Public research laboratory or organization',
      university: 'University or higher-education institution',
      other: 'Other',
    },
    technologyDomain: {
      cybersecurity: 'Cybersecurity',
      'artificial-intelligence': 'Artificial intelligence',
      robotics: 'Robotics',
      'additive-manufacturing': 'Additive manufacturing',
      semiconductors: 'Semiconductors',
      quantum: 'Quantum technologies',
      'energy-storage': 'Energy storage',
      biotechnologies: 'Biotechnologies',
      'low-carbon-energy': 'Low-carbon energy production',
      photonics: 'Photonics',
      nanotechnologies: 'Nanotechnologies',
      microelectronics: 'Microelectronics',
      'micro-nanosystems': 'Micro- and nanosystems',
      space: 'Space',
      health: 'Health',
      telecommunications: 'Telecommunications',
      materials: 'Materials',
      software: 'Software',
      other: 'Other',
    },
    fundingScheme: {
      'france-2030': 'France 2030',
      pspc: 'PSPC — Structuring projects for competitiveness',
      fui: 'FUI — Single interministerial fund',
      anr: 'ANR — French National Research Agency',
      bpifrance: 'Bpifrance',
      region: 'Regional funding',
      'horizon-europe': 'Horizon Europe',
      eureka: 'Eureka',
      private: 'Private funding',
      other: 'Other',
    },
    partnerRole: { coordinator: 'Coordinator', partner: 'Partner', subcontractor: 'Subcontractor' },
    language: { fr: 'French', en: 'English' },
  },
  enumGroups: { criticalTechnologies: 'Critical technologies (CMF R151-3)', otherTechnologies: 'Other domains' },
  common: { yes: 'Yes', no: 'No', add: 'Add', remove: 'Remove', serverRule: 'Checked by the server when saving' },
};

export const LABELS: Readonly<Record<Lang, Dictionary>> = { fr, en };

const regionNames = new Map<Lang, Intl.DisplayNames>();
/** Country name in `lang` from CLDR (e.g. DE → « Allemagne » / "Germany"); the code itself if CLDR has none. */
export function countryName(code: string, lang: Lang): string {
  let names = regionNames.get(lang);
  if (!names) regionNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' })));
  return names.of(code) ?? code;
}
