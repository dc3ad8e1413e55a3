import type { CONTROL_BASES, ORGANIZATION_CATEGORIES } from '../organization';
import type { FUNDING_SCHEMES, PARTNER_ROLES, TECHNOLOGY_DOMAINS } from '../project';
import type { Language } from '../common';
import { TECHNOLOGY_DOMAIN_LABELS } from '../technology-domain-labels';
import type {
  ACCESS_DIRECTIONS,
  ACCESS_PURPOSES,
  BACKGROUND_TYPES,
  CONDITION_REGIMES,
  IDENTIFIER_KINDS,
  REGIONAL_JURISDICTIONS,
  TERRITORY_SCOPES,
} from '../declaration';
import { EXPORT_CONTROL_CATEGORIES, type DeclarationDraftInput } from '../declaration';
import type { DeclarationRuleId, DeclarationSectionId } from './declaration-form';

/**
 * Labels of the forms served by `GET /forms/{formId}`: French (default) and English.
 *
 * `fields` is keyed by the field's dotted path, array items being transparent: `shareholders` is the list,
 * `shareholders.votingRightsPct` a field of each item. `sections` and `rules` are keyed by the ids the form
 * layouts use (./organization-form.ts, ./project-form.ts, ./declaration-form.ts). Enum labels are typed by the
 * domain's value lists, so a value added to the domain without a label fails the type check; the declaration's
 * field labels are typed by its field paths ({@link DeclarationField}) the same way. Country names are not here:
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
  /** For a list of objects: the title of one item (« Connaissance antérieure » in « Connaissances antérieures »). */
  itemTitle?: string;
}

export interface FormTexts {
  title: string;
  description: string;
  sections: Record<string, string>;
  fields: Record<string, FieldText>;
  rules: Record<string, string>;
  /** Titles of the variants of the unions without a discriminator, by dotted path (see ./ui-schema.ts `ui:variants`). */
  variants?: Record<string, string[]>;
}

type Labels<T extends readonly string[]> = Record<T[number], string>;

export interface EnumTexts {
  organizationCategory: Labels<typeof ORGANIZATION_CATEGORIES>;
  controlBasis: Labels<typeof CONTROL_BASES>;
  technologyDomain: Labels<typeof TECHNOLOGY_DOMAINS>;
  fundingScheme: Labels<typeof FUNDING_SCHEMES>;
  partnerRole: Labels<typeof PARTNER_ROLES>;
  language: Labels<readonly ['fr', 'en']>;
  backgroundType: Labels<typeof BACKGROUND_TYPES>;
  conditionRegime: Labels<typeof CONDITION_REGIMES>;
  exportControlCategory: Labels<typeof EXPORT_CONTROL_CHOICES>;
  identifierKind: Labels<typeof IDENTIFIER_KINDS>;
  /** EP, WO, EU; the countries among the jurisdictions are named by CLDR. */
  regionalJurisdiction: Labels<typeof REGIONAL_JURISDICTIONS>;
  accessDirection: Labels<typeof ACCESS_DIRECTIONS>;
  accessPurpose: Labels<typeof ACCESS_PURPOSES>;
  territoryScope: Labels<typeof TERRITORY_SCOPES>;
  subjectKind: Labels<typeof SUBJECT_KINDS>;
}

export interface Dictionary {
  forms: Record<string, FormTexts> & { declaration: DeclarationTexts };
  enums: EnumTexts;
  enumGroups: { criticalTechnologies: string; otherTechnologies: string; regionalJurisdictions: string; countries: string };
  common: { yes: string; no: string; add: string; remove: string; serverRule: string };
}

// --- The declaration form (./declaration-form.ts) ---------------------------------------------------------

/**
 * The dotted field paths of a document type, array items and union variants transparent:
 * `background`, `background.owners`, `background.owners.thirdPartyName`, `accessRights.territory.countries`…
 */
export type FieldPaths<T> = T extends readonly (infer U)[]
  ? FieldPaths<U>
  : T extends object
    ? { [K in keyof T & string]-?: K | `${K}.${FieldPaths<NonNullable<T[K]>>}` }[keyof T & string]
    : never;

/** Every field of the declaration (its zod input type): each needs a label, or the type check fails. */
export type DeclarationField = FieldPaths<DeclarationDraftInput>;

export interface DeclarationTexts extends FormTexts {
  sections: Record<DeclarationSectionId, string>;
  fields: Record<DeclarationField, FieldText>;
  rules: Record<DeclarationRuleId, string>;
  /** The unions without a discriminator: a title per variant, in the schema's order. */
  variants: { 'background.owners': [partner: string, thirdParty: string] };
}

/** `subject.kind` of an access right (literals of shared/domain/declaration.ts). */
export const SUBJECT_KINDS = ['background', 'result'] as const;
/** `exportControl.category`: `none` or an Annex I category of Reg. (EU) 2021/821. */
export const EXPORT_CONTROL_CHOICES = ['none', ...EXPORT_CONTROL_CATEGORIES] as const;

const frDeclaration: DeclarationTexts = {
  title: 'Déclaration de propriété intellectuelle',
  description:
    "Déclaration, par un partenaire, de la propriété intellectuelle qu'il apporte au projet et de celle que le projet doit produire : connaissances antérieures et conditions d'accès, résultats attendus et copropriété, droits d'accès demandés ou accordés, confidentialité. Elle sert de base aux annexes de l'accord de consortium. Un brouillon peut être enregistré incomplet ; chaque enregistrement crée une version non modifiable. Le dépôt exige une déclaration complète. Les textes sont conservés tels que saisis et ne sont jamais interprétés comme du HTML.",
  sections: {
    signatory: 'Signataire et contacts',
    background: 'Connaissances antérieures',
    results: 'Résultats attendus',
    accessRights: "Droits d'accès",
    confidentiality: 'Confidentialité',
  },
  fields: {
    signatory: {
      title: 'Signataire',
      help: "Personne habilitée à engager l'organisation pour l'accord de consortium : représentant légal ou titulaire d'une délégation de signature.",
    },
    'signatory.name': { title: 'Nom et prénom' },
    'signatory.position': {
      title: 'Qualité',
      help: 'Fonction au titre de laquelle la personne signe (ex. président, directeur général, directeur délégué à la valorisation).',
    },
    'signatory.email': { title: 'Adresse électronique', placeholder: 'prenom.nom@exemple.fr' },
    contacts: {
      title: 'Contacts',
      itemTitle: 'Contact',
      help: 'Interlocuteurs pour les questions de propriété intellectuelle (juriste, ingénieur brevets, responsable scientifique). Au moins un au dépôt, dix au plus.',
    },
    'contacts.name': { title: 'Nom et prénom' },
    'contacts.position': { title: 'Fonction' },
    'contacts.email': { title: 'Adresse électronique', placeholder: 'prenom.nom@exemple.fr' },

    background: {
      title: 'Connaissances antérieures',
      itemTitle: 'Connaissance antérieure',
      help: "Informations, savoir-faire et droits de propriété intellectuelle (brevets, logiciels, bases de données, marques…) détenus par l'organisation avant le projet ou acquis en dehors de lui, qu'elle apporte au projet. Seules les connaissances antérieures identifiées ici peuvent faire l'objet des droits d'accès prévus par l'accord de consortium ; un élément peut être déclaré en excluant tout accès. 500 éléments au plus.",
    },
    'background.key': {
      title: 'Clé',
      help: "Identifiant stable de l'élément dans la déclaration (ex. bg-1), attribué à la création et jamais modifié : les droits d'accès et l'historique des versions s'y réfèrent. Unique dans la liste ; lettres, chiffres, « . », « - » et « _ », 64 caractères au plus.",
      placeholder: 'bg-1',
    },
    'background.type': {
      title: 'Nature',
      help: "Nature de l'élément. Les éléments techniques (brevet, demande de brevet, logiciel, savoir-faire, base de données, autre) appellent une réponse sur le contrôle des exportations ; les marques et dessins ou modèles, qui ne portent pas d'information technique, n'en ont pas.",
    },
    'background.title': {
      title: 'Intitulé',
      help: 'Intitulé court permettant de désigner l’élément dans l’accord de consortium (ex. titre du brevet, nom du logiciel).',
    },
    'background.description': {
      title: 'Description',
      help: "Description suffisante pour identifier l'élément et son périmètre (objet, version d'un logiciel, limites), sans divulguer d'information confidentielle non nécessaire.",
    },
    'background.identifiers': {
      title: 'Références',
      itemTitle: 'Référence',
      help: "Numéros officiels ou internes : publication ou dépôt d'un brevet, enregistrement d'une marque ou d'un dessin ou modèle, dépôt d'un logiciel (APP…), DOI, référence interne. Un brevet délivré doit, au dépôt, porter son numéro de publication.",
    },
    'background.identifiers.kind': { title: 'Type de référence' },
    'background.identifiers.value': {
      title: 'Numéro',
      help: "Pour un numéro de publication de brevet : office FR, EP, WO ou US, numéro et code de type tels qu'imprimés sur le document (ex. FR 3 012 345 A1, EP 1 234 567 B1, WO 2019/123456 A1, US 10,123,456 B2, US 2020/0123456 A1) ; espaces, points, virgules et barres obliques sont admis. Un numéro de demande (ex. EP19123456.7) se déclare avec le type « Numéro de demande de brevet ». 200 caractères au plus pour les autres types.",
      placeholder: 'EP 1 234 567 B1',
    },
    'background.owners': {
      title: 'Titulaires',
      itemTitle: 'Titulaire',
      help: "Titulaires ou cotitulaires des droits : partenaires du projet, ou tiers nommément désignés (par exemple une université ou un cotitulaire extérieur au consortium, dont l'accord peut être nécessaire pour accorder des droits). Au dépôt : au moins un titulaire, et un titulaire désigné comme organisation doit être partenaire du projet.",
    },
    'background.owners.organizationId': { title: 'Partenaire titulaire', help: 'Organisation partenaire du projet.' },
    'background.owners.thirdPartyName': { title: 'Tiers titulaire', help: 'Dénomination du tiers titulaire ou cotitulaire, extérieur au consortium.' },
    'background.owners.country': { title: 'Pays du tiers', help: "Pays d'immatriculation (ou de résidence pour une personne physique) du tiers." },
    'background.jurisdictions': {
      title: 'Territoires de protection',
      help: "Territoires où le droit est protégé : pays (code ISO 3166), EP pour un brevet européen (Office européen des brevets), WO pour une demande internationale selon le PCT, EU pour une marque de l'Union européenne ou un dessin ou modèle communautaire. Chacun une seule fois.",
    },
    'background.priorityDate': {
      title: 'Date de priorité',
      help: 'Date du premier dépôt dont la priorité est revendiquée (Convention de Paris, art. 4). Obligatoire au dépôt de la déclaration pour un brevet ou une demande de brevet ; elle ne peut pas être postérieure à la date du jour.',
    },
    'background.executionConditions': {
      title: "Conditions d'accès pour l'exécution",
      help: "Conditions auxquelles les autres partenaires peuvent utiliser l'élément pour réaliser leurs propres travaux dans le projet, pendant la durée du projet et dans la seule mesure nécessaire à ces travaux. En pratique le plus souvent gratuites.",
    },
    'background.executionConditions.regime': {
      title: 'Régime',
      help: "Gratuit : sans redevance. Conditions équitables et raisonnables : conditions appropriées, financières ou non, à convenir compte tenu des circonstances de la demande (valeur de l'élément, usage envisagé, apport de chacun). Exclu : aucun accès à ce titre. Au cas par cas : l'accès sera négocié à chaque demande, selon les critères ou la procédure indiqués en précisions.",
    },
    'background.executionConditions.text': {
      title: 'Précisions',
      help: 'Obligatoire au dépôt lorsque le régime est « au cas par cas » : critères, procédure et délai de négociation (ex. licence négociée de bonne foi dans les trois mois de la demande). Facultatif sinon (ex. limitations, obligations de confidentialité particulières).',
    },
    'background.exploitationConditions': {
      title: "Conditions d'accès pour l'exploitation",
      help: "Conditions auxquelles les partenaires peuvent utiliser l'élément lorsque c'est nécessaire pour exploiter leurs propres résultats (recherche ultérieure, développement, industrialisation, commercialisation), y compris après la fin du projet. C'est sur ces conditions que portent la plupart des négociations.",
    },
    'background.exploitationConditions.regime': {
      title: 'Régime',
      help: "Gratuit : sans redevance. Conditions équitables et raisonnables : conditions appropriées, financières ou non, à convenir compte tenu des circonstances de la demande. Exclu : aucun accès pour l'exploitation. Au cas par cas : l'accès sera négocié à chaque demande, selon les critères ou la procédure indiqués en précisions.",
    },
    'background.exploitationConditions.text': {
      title: 'Précisions',
      help: 'Obligatoire au dépôt lorsque le régime est « au cas par cas » : critères, procédure et délai de négociation. Facultatif sinon (ex. barème de redevances, domaines exclus).',
    },
    'background.exportControl': {
      title: 'Contrôle des exportations',
      help: "Classement de l'élément au regard de l'annexe I du règlement (UE) 2021/821 (biens à double usage). Ne concerne que les éléments techniques (il ne s'affiche pas pour une marque ou un dessin ou modèle) ; obligatoire pour eux au dépôt. Répondre « Non listé » si l'élément ne relève d'aucune rubrique. Les informations du domaine public, tel un document de brevet publié, échappent en principe au contrôle (note générale relative à la technologie), mais la question doit être tranchée. Un élément listé ne peut être transféré hors de l'Union sans autorisation.",
    },
    'background.exportControl.category': {
      title: "Catégorie de l'annexe I",
      help: "0 Matières, installations et équipements nucléaires ; 1 Matériaux spéciaux et équipements connexes ; 2 Traitement des matériaux ; 3 Électronique ; 4 Calculateurs ; 5 Télécommunications et « sécurité de l'information » ; 6 Capteurs et lasers ; 7 Navigation et aéronautique ; 8 Marine ; 9 Aérospatiale et propulsion.",
    },
    'background.exportControl.annexIEntry': {
      title: "Rubrique de l'annexe I",
      help: "Facultatif. Rubrique dans la catégorie choisie : le chiffre de la catégorie, une lettre de A à E (A systèmes, équipements et composants ; B équipements d'essai, d'inspection et de production ; C matières ; D logiciels ; E technologie), trois chiffres, puis éventuellement les subdivisions (ex. 3A001 ou 5A002.a.1).",
      placeholder: '3A001.b.2',
    },
    'background.fromZrr': {
      title: 'Issu d’une ZRR',
      help: "Cocher si l'élément a été produit ou est détenu dans une zone à régime restrictif (ZRR) au titre de la protection du potentiel scientifique et technique de la nation (PPST, art. R413-5-1 du Code pénal) : son partage avec les partenaires peut être soumis à restrictions et à l'avis du fonctionnaire de sécurité et de défense.",
    },
    'background.documentIds': {
      title: 'Documents',
      help: "Documents déposés dans le projet à l'appui de la déclaration (copie du brevet, certificat de dépôt, contrat de licence…), chacun une seule fois, 50 au plus.",
    },

    results: {
      title: 'Résultats attendus',
      itemTitle: 'Résultat',
      help: 'Connaissances, inventions, logiciels et autres résultats que les travaux du projet doivent produire, avec la répartition de propriété envisagée entre partenaires. 200 au plus.',
    },
    'results.key': { title: 'Clé', help: 'Identifiant stable du résultat (ex. r-1), jamais modifié ; unique dans la liste.', placeholder: 'r-1' },
    'results.title': { title: 'Intitulé' },
    'results.description': { title: 'Description', help: 'Nature du résultat, lot de travaux dont il est issu, contribution de chaque partenaire.' },
    'results.technologyDomains': { title: 'Domaines technologiques', help: 'Au moins un au dépôt ; chaque domaine une seule fois.' },
    'results.ownership': {
      title: 'Quotes-parts de copropriété',
      itemTitle: 'Quote-part',
      help: "Répartition envisagée de la propriété du résultat. Au dépôt, les quotes-parts doivent totaliser exactement 100 %, calculées en décimal exact (33,33 + 33,33 + 33,34 convient ; 99,99 ou 100,0001 ne conviennent pas), et chaque partenaire n'y figure qu'une fois. Les quotes-parts serviront de base au règlement de copropriété.",
    },
    'results.ownership.organizationId': { title: 'Copropriétaire', help: 'Partenaire du projet.' },
    'results.ownership.pct': { title: 'Quote-part (%)', help: 'Strictement positive, 100 au plus, 4 décimales au plus.' },
    'results.plannedFilingDate': {
      title: 'Date de dépôt de brevet envisagée',
      help: "Date envisagée du premier dépôt d'une demande de brevet sur le résultat. Aucune publication prévue ne doit la précéder : une divulgation avant le dépôt détruit la nouveauté (art. L611-11 du Code de la propriété intellectuelle, art. 54 de la Convention sur le brevet européen).",
    },
    'results.plannedPublications': {
      title: 'Publications prévues',
      itemTitle: 'Publication',
      help: "Communications et articles prévus sur le résultat. Au dépôt, aucune ne peut être datée d'avant le dépôt de brevet envisagé (le même jour est accepté, mais la publication doit alors suivre le dépôt effectif).",
    },
    'results.plannedPublications.venue': { title: 'Revue ou conférence' },
    'results.plannedPublications.date': { title: 'Date prévue' },

    accessRights: {
      title: "Droits d'accès",
      itemTitle: "Droit d'accès",
      help: "Licences et droits d'utilisation que l'organisation demande à un autre partenaire ou qu'elle lui accorde, sur des connaissances antérieures ou des résultats, pour l'exécution du projet ou pour l'exploitation des résultats. 500 au plus.",
    },
    'accessRights.key': { title: 'Clé', help: 'Identifiant stable du droit (ex. ar-1), jamais modifié ; unique dans la liste.', placeholder: 'ar-1' },
    'accessRights.direction': {
      title: 'Sens',
      help: "Demandé : l'organisation déclarante en est bénéficiaire. Accordé : elle en est concédante.",
    },
    'accessRights.purpose': {
      title: 'Finalité',
      help: "Exécution : utilisation nécessaire pour réaliser les travaux du projet, pendant sa durée. Exploitation : utilisation nécessaire pour exploiter des résultats, y compris après le projet ; seul un droit d'exploitation comporte un territoire, et il exige au dépôt un domaine d'application et un territoire.",
    },
    'accessRights.beneficiaryOrganizationId': {
      title: 'Bénéficiaire',
      help: 'Partenaire du projet, distinct du concédant. Pour un droit demandé, l’organisation déclarante.',
    },
    'accessRights.grantorOrganizationId': {
      title: 'Concédant',
      help: 'Partenaire du projet titulaire de l’élément. Pour un droit accordé, l’organisation déclarante.',
    },
    'accessRights.subject': { title: 'Objet du droit', help: 'La connaissance antérieure ou le résultat sur lequel porte le droit, désigné par sa clé.' },
    'accessRights.subject.kind': { title: 'Porte sur' },
    'accessRights.subject.itemKey': {
      title: 'Connaissance antérieure',
      help: 'Clé de la connaissance antérieure (ex. bg-1). Au dépôt, elle doit exister dans la déclaration qui la liste.',
      placeholder: 'bg-1',
    },
    'accessRights.subject.ownerOrganizationId': {
      title: 'Déclarée par',
      help: "Partenaire dont la déclaration liste la connaissance antérieure (cas d'un droit demandé sur l'apport d'un autre partenaire). À laisser vide pour une connaissance antérieure de la présente déclaration.",
    },
    'accessRights.subject.resultKey': { title: 'Résultat', help: 'Clé du résultat dans la présente déclaration (ex. r-1).', placeholder: 'r-1' },
    'accessRights.exclusive': {
      title: 'Exclusif',
      help: "Un droit exclusif engage le concédant à n'accorder le même droit à personne d'autre dans le même domaine et sur le même territoire ; l'accord précise s'il peut lui-même continuer à l'exercer. À réserver aux cas justifiés : il restreint l'exploitation par les autres partenaires.",
    },
    'accessRights.fieldOfUse': {
      title: "Domaine d'application",
      help: "Produits, marchés ou usages couverts par le droit (ex. « capteurs embarqués pour l'automobile »). Obligatoire au dépôt pour un droit d'exploitation.",
    },
    'accessRights.territory': {
      title: 'Territoire',
      help: "Territoire sur lequel le droit d'exploitation peut être exercé. Ne concerne que les droits d'exploitation (un droit d'exécution vaut pour les travaux du projet, où qu'ils se déroulent) ; obligatoire pour eux au dépôt.",
    },
    'accessRights.territory.scope': { title: 'Étendue' },
    'accessRights.territory.countries': { title: 'Pays', help: "Au moins un au dépôt lorsque l'étendue est une liste de pays ; chacun une seule fois." },
    'accessRights.terms': {
      title: 'Conditions',
      help: 'Conditions financières et autres : redevances ou somme forfaitaire, durée, faculté de sous-licencier, cessibilité, garanties.',
    },

    confidentiality: {
      title: 'Confidentialité',
      help: 'Obligation de confidentialité portant sur les informations échangées entre partenaires dans le cadre du projet.',
    },
    'confidentiality.termYears': {
      title: 'Durée (années)',
      help: "Durée de l'obligation de confidentialité, de 1 à 20 ans, qui court au-delà de la fin du projet.",
    },
    'confidentiality.survivesProject': {
      title: 'Survit au projet',
      help: "L'obligation de confidentialité survit à la fin du projet, quelle qu'en soit la cause : seule valeur admise.",
    },
  },
  rules: {
    'export-control-technology-only':
      'Le contrôle des exportations ne se déclare que pour un élément technique (brevet, demande de brevet, logiciel, savoir-faire, base de données, autre) ; il est refusé pour une marque ou un dessin ou modèle.',
    'annex-entry-in-category': "Une rubrique de l'annexe I appartient à la catégorie choisie : 3A001 relève de la catégorie 3.",
    'territory-exploitation-only': "Un territoire ne se déclare que pour un droit d'exploitation ; il est refusé pour un droit d'exécution.",
    'territory-countries': "La liste de pays ne se renseigne que lorsque l'étendue est « liste de pays ».",
    'owner-partner-or-third-party': 'Un titulaire est soit un partenaire du projet, soit un tiers désigné par son nom et son pays, pas les deux.',
    'patent-number-format': 'Un numéro de publication de brevet doit être un numéro FR, EP, WO ou US valide (ex. EP 1 234 567 B1).',
    'lists-unique': 'Territoires de protection, documents, domaines technologiques et pays : chacun une seule fois.',
    'list-limits':
      "Au plus 500 connaissances antérieures, 200 résultats, 500 droits d'accès, 10 contacts ; textes de 20 000 caractères au plus. Au-delà, le serveur refuse l'enregistrement.",
    'confidentiality-survives': "L'obligation de confidentialité survit au projet.",
    'keys-unique':
      "Chaque clé est unique dans sa liste (connaissances antérieures, résultats, droits d'accès) ; vérifié par le serveur à chaque enregistrement.",
    'share-decimals': 'Une quote-part a 4 décimales au plus ; vérifié par le serveur à chaque enregistrement.',
    'submit-complete':
      "Au dépôt, la déclaration doit être complète (submitSchema) : les listes de connaissances antérieures, de résultats et de droits d'accès (éventuellement vides), le signataire (nom, qualité, adresse), au moins un contact, la confidentialité ; pour chaque connaissance antérieure, sa nature, son intitulé, au moins un titulaire, le régime de ses conditions d'exécution et d'exploitation, l'origine ZRR et, pour un élément technique, le contrôle des exportations ; pour chaque résultat, son intitulé, au moins un domaine et une quote-part (partenaire et pourcentage) ; pour chaque publication prévue, sa revue et sa date ; pour chaque droit d'accès, sa finalité, son sens, ses parties, son objet, son caractère exclusif et, en exploitation, domaine d'application et territoire.",
    'shares-total': 'Au dépôt, les quotes-parts de chaque résultat totalisent exactement 100 % (calcul décimal exact).',
    'shareholders-in-project': 'Au dépôt, chaque copropriétaire est un partenaire du projet et ne figure qu’une fois par résultat.',
    'owners-in-project': 'Au dépôt, un titulaire désigné comme organisation est un partenaire du projet ; sinon, le déclarer comme tiers.',
    'patent-identifier': 'Au dépôt, un brevet porte son numéro de publication (référence de type « Numéro de publication de brevet »).',
    'priority-date': 'Au dépôt, un brevet ou une demande de brevet a une date de priorité, qui ne peut pas être future.',
    'case-by-case-text': 'Au dépôt, des conditions « au cas par cas » sont précisées (champ Précisions).',
    'publication-after-filing': "Au dépôt, aucune publication prévue n'est datée d'avant le dépôt de brevet envisagé du même résultat.",
    'access-parties':
      "Au dépôt, bénéficiaire et concédant sont des partenaires du projet, distincts ; un droit demandé bénéficie à l'organisation déclarante, un droit accordé est concédé par elle.",
    'access-subject-exists': "Au dépôt, l'objet du droit existe : la clé désigne une connaissance antérieure ou un résultat déclaré.",
  },
  variants: { 'background.owners': ['Partenaire du projet', 'Tiers (hors consortium)'] },
};

const enDeclaration: DeclarationTexts = {
  title: 'Intellectual property declaration',
  description:
    "A partner's declaration of the intellectual property it brings to the project and of the property the project is to produce: background and its access conditions, expected results and co-ownership, access rights requested or granted, confidentiality. It is the basis of the schedules of the consortium agreement. A draft may be saved incomplete; each save creates a version that never changes. Submission requires a complete declaration. Text is kept as typed and is never interpreted as HTML.",
  sections: {
    signatory: 'Signatory and contacts',
    background: 'Background',
    results: 'Expected results',
    accessRights: 'Access rights',
    confidentiality: 'Confidentiality',
  },
  fields: {
    signatory: {
      title: 'Signatory',
      help: 'The person entitled to bind the organization to the consortium agreement: its legal representative or the holder of a delegation of signing authority.',
    },
    'signatory.name': { title: 'Full name' },
    'signatory.position': { title: 'Capacity', help: 'The office in which the person signs (e.g. chairman, chief executive, head of technology transfer).' },
    'signatory.email': { title: 'Email address', placeholder: 'first.last@example.com' },
    contacts: {
      title: 'Contacts',
      itemTitle: 'Contact',
      help: 'People to contact on intellectual property matters (legal counsel, patent engineer, principal investigator). At least one at submission, at most ten.',
    },
    'contacts.name': { title: 'Full name' },
    'contacts.position': { title: 'Position' },
    'contacts.email': { title: 'Email address', placeholder: 'first.last@example.com' },

    background: {
      title: 'Background',
      itemTitle: 'Background item',
      help: 'Information, know-how and intellectual property rights (patents, software, databases, trade marks…) held by the organization before the project or acquired outside it, which it brings to the project. Only background identified here can be the subject of the access rights of the consortium agreement; an item may be declared with all access excluded. At most 500 items.',
    },
    'background.key': {
      title: 'Key',
      help: 'A stable identifier of the item within the declaration (e.g. bg-1), chosen when the item is created and never changed: access rights and the version history refer to it. Unique in the list; letters, digits, ".", "-" and "_", at most 64 characters.',
      placeholder: 'bg-1',
    },
    'background.type': {
      title: 'Type',
      help: 'The kind of item. Technology items (patent, patent application, software, know-how, database, other) call for an export-control answer; trade marks and designs, which carry no technical information, do not.',
    },
    'background.title': {
      title: 'Title',
      help: 'A short title by which the consortium agreement can refer to the item (e.g. the title of the patent, the name of the software).',
    },
    'background.description': {
      title: 'Description',
      help: 'Enough to identify the item and its scope (subject matter, software version, limits) without disclosing confidential information that is not needed.',
    },
    'background.identifiers': {
      title: 'References',
      itemTitle: 'Reference',
      help: 'Official or internal numbers: patent publication or application, trade mark or design registration, software deposit (APP…), DOI, internal reference. At submission, a granted patent must carry its publication number.',
    },
    'background.identifiers.kind': { title: 'Kind of reference' },
    'background.identifiers.value': {
      title: 'Number',
      help: 'For a patent publication number: FR, EP, WO or US office, number and kind code as printed on the document (e.g. FR 3 012 345 A1, EP 1 234 567 B1, WO 2019/123456 A1, US 10,123,456 B2, US 2020/0123456 A1); spaces, dots, commas and slashes are allowed. An application number (e.g. EP19123456.7) is declared with the kind "Patent application number". At most 200 characters for the other kinds.',
      placeholder: 'EP 1 234 567 B1',
    },
    'background.owners': {
      title: 'Owners',
      itemTitle: 'Owner',
      help: 'The owners or co-owners of the rights: partners of the project, or named third parties (e.g. a university or a co-owner outside the consortium, whose consent may be needed to grant rights). At submission: at least one owner, and an owner given as an organization must be a partner of the project.',
    },
    'background.owners.organizationId': { title: 'Owning partner', help: 'A partner organization of the project.' },
    'background.owners.thirdPartyName': { title: 'Third-party owner', help: 'The name of the third-party owner or co-owner, outside the consortium.' },
    'background.owners.country': {
      title: 'Country of the third party',
      help: 'Country of registration (or of residence for a natural person) of the third party.',
    },
    'background.jurisdictions': {
      title: 'Jurisdictions',
      help: 'Where the right is protected: countries (ISO 3166 code), EP for a European patent (European Patent Office), WO for an international application under the PCT, EU for an EU trade mark or a Community design. Each once.',
    },
    'background.priorityDate': {
      title: 'Priority date',
      help: 'The date of the first filing whose priority is claimed (Paris Convention, art. 4). Required at submission for a patent or a patent application; it cannot be later than today.',
    },
    'background.executionConditions': {
      title: 'Access conditions for carrying out the project',
      help: "The conditions on which the other partners may use the item to carry out their own tasks in the project, for the project's duration and only as far as those tasks need it. Usually royalty-free.",
    },
    'background.executionConditions.regime': {
      title: 'Regime',
      help: 'Royalty-free: no royalty. Fair and reasonable: appropriate conditions, financial or not, to be agreed in view of the circumstances of the request (value of the item, intended use, contributions). Excluded: no access on this ground. Case by case: access will be negotiated at each request, following the criteria or procedure stated in the details.',
    },
    'background.executionConditions.text': {
      title: 'Details',
      help: 'Required at submission when the regime is "case by case": criteria, procedure and time frame of the negotiation (e.g. a licence negotiated in good faith within three months of the request). Optional otherwise (e.g. limitations, specific confidentiality duties).',
    },
    'background.exploitationConditions': {
      title: 'Access conditions for exploitation',
      help: 'The conditions on which the partners may use the item where they need it to exploit their own results (further research, development, industrialisation, commercialisation), including after the end of the project. Most negotiations are about these conditions.',
    },
    'background.exploitationConditions.regime': {
      title: 'Regime',
      help: 'Royalty-free: no royalty. Fair and reasonable: appropriate conditions, financial or not, to be agreed in view of the circumstances of the request. Excluded: no access for exploitation. Case by case: access will be negotiated at each request, following the criteria or procedure stated in the details.',
    },
    'background.exploitationConditions.text': {
      title: 'Details',
      help: 'Required at submission when the regime is "case by case": criteria, procedure and time frame of the negotiation. Optional otherwise (e.g. royalty scale, excluded fields).',
    },
    'background.exportControl': {
      title: 'Export control',
      help: 'Classification of the item under Annex I of Regulation (EU) 2021/821 (dual-use items). For technology items only (it is not shown for a trade mark or a design); required for them at submission. Answer "Not listed" when no entry applies. Information in the public domain, such as a published patent document, is in principle not controlled (General Technology Note), but the question must be answered. A listed item cannot be transferred outside the Union without an authorisation.',
    },
    'background.exportControl.category': {
      title: 'Annex I category',
      help: '0 Nuclear materials, facilities and equipment; 1 Special materials and related equipment; 2 Materials processing; 3 Electronics; 4 Computers; 5 Telecommunications and "information security"; 6 Sensors and lasers; 7 Navigation and avionics; 8 Marine; 9 Aerospace and propulsion.',
    },
    'background.exportControl.annexIEntry': {
      title: 'Annex I entry',
      help: 'Optional. The entry within the chosen category: the category digit, a letter A to E (A systems, equipment and components; B test, inspection and production equipment; C materials; D software; E technology), three digits, then any sub-items (e.g. 3A001 or 5A002.a.1).',
      placeholder: '3A001.b.2',
    },
    'background.fromZrr': {
      title: 'Originates from a ZRR',
      help: "Tick if the item was produced or is held in a restricted-access zone (ZRR) under the protection of the nation's scientific and technical potential (PPST, French Criminal Code art. R413-5-1): sharing it with the partners may be restricted and subject to the opinion of the security and defence officer.",
    },
    'background.documentIds': {
      title: 'Documents',
      help: 'Documents uploaded to the project in support of the declaration (copy of the patent, filing certificate, licence agreement…), each once, at most 50.',
    },

    results: {
      title: 'Expected results',
      itemTitle: 'Result',
      help: 'Knowledge, inventions, software and other results the work of the project is to produce, with the intended split of ownership between partners. At most 200.',
    },
    'results.key': { title: 'Key', help: 'A stable identifier of the result (e.g. r-1), never changed; unique in the list.', placeholder: 'r-1' },
    'results.title': { title: 'Title' },
    'results.description': { title: 'Description', help: 'What the result is, the work package it comes from, what each partner contributes.' },
    'results.technologyDomains': { title: 'Technology domains', help: 'At least one at submission; each domain once.' },
    'results.ownership': {
      title: 'Co-ownership shares',
      itemTitle: 'Share',
      help: 'The intended split of ownership of the result. At submission the shares must add up to exactly 100 %, computed in exact decimal arithmetic (33.33 + 33.33 + 33.34 passes; 99.99 or 100.0001 do not), and each partner appears once. The shares are the basis of the co-ownership agreement.',
    },
    'results.ownership.organizationId': { title: 'Co-owner', help: 'A partner of the project.' },
    'results.ownership.pct': { title: 'Share (%)', help: 'More than 0, at most 100, at most 4 decimals.' },
    'results.plannedFilingDate': {
      title: 'Planned patent filing date',
      help: 'The planned date of the first patent application on the result. No planned publication may come before it: a disclosure before filing destroys novelty (French Intellectual Property Code art. L611-11, European Patent Convention art. 54).',
    },
    'results.plannedPublications': {
      title: 'Planned publications',
      itemTitle: 'Publication',
      help: 'Talks and papers planned on the result. At submission none may be dated before the planned patent filing (the same day is accepted, but the publication must then follow the actual filing).',
    },
    'results.plannedPublications.venue': { title: 'Journal or conference' },
    'results.plannedPublications.date': { title: 'Planned date' },

    accessRights: {
      title: 'Access rights',
      itemTitle: 'Access right',
      help: 'Licences and user rights the organization requests from another partner or grants to one, on background or on results, for carrying out the project or for exploiting results. At most 500.',
    },
    'accessRights.key': { title: 'Key', help: 'A stable identifier of the right (e.g. ar-1), never changed; unique in the list.', placeholder: 'ar-1' },
    'accessRights.direction': {
      title: 'Direction',
      help: 'Requested: the declaring organization is the beneficiary. Granted: it is the grantor.',
    },
    'accessRights.purpose': {
      title: 'Purpose',
      help: 'Execution: use needed to carry out the tasks of the project, for its duration. Exploitation: use needed to exploit results, including after the project; only an exploitation right has a territory, and at submission it requires a field of use and a territory.',
    },
    'accessRights.beneficiaryOrganizationId': {
      title: 'Beneficiary',
      help: 'A partner of the project, other than the grantor. For a requested right, the declaring organization.',
    },
    'accessRights.grantorOrganizationId': {
      title: 'Grantor',
      help: 'The partner of the project that owns the item. For a granted right, the declaring organization.',
    },
    'accessRights.subject': { title: 'Subject of the right', help: 'The background item or result the right covers, designated by its key.' },
    'accessRights.subject.kind': { title: 'Covers' },
    'accessRights.subject.itemKey': {
      title: 'Background item',
      help: 'The key of the background item (e.g. bg-1). At submission it must exist in the declaration that lists it.',
      placeholder: 'bg-1',
    },
    'accessRights.subject.ownerOrganizationId': {
      title: 'Declared by',
      help: "The partner whose declaration lists the background item (for a right requested on another partner's background). Leave empty for background of this declaration.",
    },
    'accessRights.subject.resultKey': { title: 'Result', help: 'The key of the result in this declaration (e.g. r-1).', placeholder: 'r-1' },
    'accessRights.exclusive': {
      title: 'Exclusive',
      help: 'An exclusive right binds the grantor not to grant the same right to anyone else in the same field of use and territory; the agreement states whether the grantor may keep using it itself. Keep for justified cases: it restricts exploitation by the other partners.',
    },
    'accessRights.fieldOfUse': {
      title: 'Field of use',
      help: 'The products, markets or uses the right covers (e.g. "embedded sensors for the automotive industry"). Required at submission for an exploitation right.',
    },
    'accessRights.territory': {
      title: 'Territory',
      help: 'Where the exploitation right may be exercised. For exploitation rights only (an execution right covers the tasks of the project wherever they are carried out); required for them at submission.',
    },
    'accessRights.territory.scope': { title: 'Scope' },
    'accessRights.territory.countries': { title: 'Countries', help: 'At least one at submission when the scope is a list of countries; each once.' },
    'accessRights.terms': {
      title: 'Terms',
      help: 'Financial and other terms: royalties or lump sum, duration, right to sublicense, transferability, warranties.',
    },

    confidentiality: {
      title: 'Confidentiality',
      help: 'The duty of confidentiality over the information the partners exchange in the project.',
    },
    'confidentiality.termYears': {
      title: 'Term (years)',
      help: 'How long the duty of confidentiality lasts, from 1 to 20 years, running beyond the end of the project.',
    },
    'confidentiality.survivesProject': {
      title: 'Survives the project',
      help: 'The duty of confidentiality survives the end of the project, whatever the cause: the only value accepted.',
    },
  },
  rules: {
    'export-control-technology-only':
      'Export control is declared for technology items only (patent, patent application, software, know-how, database, other); it is refused for a trade mark or a design.',
    'annex-entry-in-category': 'An Annex I entry belongs to the chosen category: 3A001 is in category 3.',
    'territory-exploitation-only': 'A territory is declared for exploitation rights only; it is refused for an execution right.',
    'territory-countries': 'The list of countries is filled in only when the scope is "list of countries".',
    'owner-partner-or-third-party': 'An owner is either a partner of the project or a third party named with its country, not both.',
    'patent-number-format': 'A patent publication number must be a valid FR, EP, WO or US number (e.g. EP 1 234 567 B1).',
    'lists-unique': 'Jurisdictions, documents, technology domains and countries: each once.',
    'list-limits':
      'At most 500 background items, 200 results, 500 access rights, 10 contacts; texts of at most 20,000 characters. Beyond that the server refuses the save.',
    'confidentiality-survives': 'The duty of confidentiality survives the project.',
    'keys-unique': 'Each key is unique in its list (background, results, access rights); checked by the server at every save.',
    'share-decimals': 'A share has at most 4 decimals; checked by the server at every save.',
    'submit-complete':
      'At submission the declaration must be complete (submitSchema): the lists of background, results and access rights (possibly empty), the signatory (name, capacity, email), at least one contact, confidentiality; for each background item its type, title, at least one owner, the regime of its execution and exploitation conditions, the ZRR origin and, for a technology item, export control; for each result its title, at least one domain and one share (partner and percentage); for each planned publication its venue and date; for each access right its purpose, direction, parties, subject, exclusivity and, for exploitation, field of use and territory.',
    'shares-total': 'At submission the shares of each result add up to exactly 100 % (exact decimal arithmetic).',
    'shareholders-in-project': 'At submission each co-owner is a partner of the project and appears once per result.',
    'owners-in-project': 'At submission an owner given as an organization is a partner of the project; otherwise declare it as a third party.',
    'patent-identifier': 'At submission a patent carries its publication number (a reference of kind "Patent publication number").',
    'priority-date': 'At submission a patent or a patent application has a priority date, which cannot be in the future.',
    'case-by-case-text': 'At submission "case by case" conditions are spelled out (Details field).',
    'publication-after-filing': 'At submission no planned publication is dated before the planned patent filing of the same result.',
    'access-parties':
      'At submission the beneficiary and the grantor are partners of the project and differ; a requested right benefits the declaring organization, a granted right is granted by it.',
    'access-subject-exists': 'At submission the subject of the right exists: the key names a declared background item or result.',
  },
  variants: { 'background.owners': ['Partner of the project', 'Third party (outside the consortium)'] },
};

const fr: Dictionary = {
  forms: {
    declaration: frDeclaration,
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
        registrationId: {
          title: "Numéro d'immatriculation étranger",
          help: "Numéro au registre du pays d'immatriculation ; obligatoire pour une organisation non française.",
        },
        country: { title: "Pays d'immatriculation" },
        category: {
          title: 'Catégorie',
          help: "Catégorie d'entreprise au sens du décret n° 2008-1354 (PME, ETI, grande entreprise), ou nature de l'établissement.",
        },
        listed: { title: 'Société cotée', help: 'Titres admis aux négociations sur un marché réglementé.' },
        zrr: {
          title: 'Implantée en ZRR',
          help: 'Zone à régime restrictif au titre de la protection du potentiel scientifique et technique de la nation (PPST).',
        },
        city: { title: 'Ville' },
        registeredAddress: { title: 'Siège social', help: "Adresse du siège, telle qu'elle figure dans l'accord de consortium." },
        'registeredAddress.street': { title: 'Adresse' },
        'registeredAddress.postalCode': { title: 'Code postal' },
        'registeredAddress.city': { title: 'Ville' },
        activityDescription: { title: "Description de l'activité" },
        shareholders: {
          title: 'Actionnaires',
          help: 'Actionnaires directs et leurs droits de vote. La chaîne de contrôle est suivie à travers les actionnaires qui sont eux-mêmes des organisations enregistrées.',
        },
        'shareholders.name': { title: "Nom de l'actionnaire" },
        'shareholders.country': { title: 'Pays', help: "Pays d'immatriculation, ou de nationalité pour une personne physique." },
        'shareholders.votingRightsPct': { title: 'Droits de vote (%)', help: 'Entre 0 et 100, avec 4 décimales au plus.' },
        'shareholders.organizationId': {
          title: 'Organisation enregistrée',
          help: "À renseigner si l'actionnaire est lui-même une organisation enregistrée dans Vigie.",
        },
        'shareholders.controlling': {
          title: 'Contrôle (art. L233-3 C. com.)',
          help: "Contrôle au sens de l'article L233-3 du Code de commerce, même en deçà de 50 % (par accord ou de fait).",
        },
        'shareholders.naturalPerson': {
          title: 'Personne physique',
          help: "La nationalité et le domicile fiscal comptent pour l'article R151-1 du Code monétaire et financier.",
        },
        'shareholders.taxDomicileCountry': {
          title: 'Pays du domicile fiscal',
          help: 'Personnes physiques : un ressortissant français domicilié fiscalement hors de France est un investisseur étranger (art. R151-1 2° CMF). Vide : le pays de la nationalité.',
        },
        'shareholders.controlBasis': {
          title: 'Fondement du contrôle (art. L233-3 C. com.)',
          help: 'En deçà de la majorité des droits de vote : accord avec d’autres associés (I 2°), contrôle de fait (I 3°), pouvoir de nomination (I 4°) ou action de concert (III). Au-delà de 40 % sans associé détenant davantage, le contrôle est présumé (II).',
        },
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
        'shareholder-links':
          'Un actionnaire lié doit être une organisation enregistrée, et les liens ne peuvent pas former de cycle (A détient B qui détient A).',
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
    controlBasis: {
      agreement: 'Accord avec d’autres associés (L233-3 I 2°)',
      'de-facto': 'Contrôle de fait (L233-3 I 3°)',
      appointment: 'Pouvoir de nommer la majorité des dirigeants (L233-3 I 4°)',
      concert: 'Contrôle conjoint de concert (L233-3 III)',
    },
    technologyDomain: TECHNOLOGY_DOMAIN_LABELS.fr,
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
    backgroundType: {
      patent: 'Brevet',
      'patent-application': 'Demande de brevet',
      software: 'Logiciel',
      'know-how': 'Savoir-faire',
      database: 'Base de données',
      design: 'Dessin ou modèle',
      trademark: 'Marque',
      other: 'Autre (prototype, matériau, échantillon…)',
    },
    conditionRegime: {
      'royalty-free': 'Gratuit',
      'fair-and-reasonable': 'Conditions équitables et raisonnables',
      excluded: 'Exclu (aucun accès)',
      'case-by-case': 'Au cas par cas',
    },
    exportControlCategory: {
      none: 'Non listé (hors annexe I)',
      '0': '0 — Matières, installations et équipements nucléaires',
      '1': '1 — Matériaux spéciaux et équipements connexes',
      '2': '2 — Traitement des matériaux',
      '3': '3 — Électronique',
      '4': '4 — Calculateurs',
      '5': "5 — Télécommunications et « sécurité de l'information »",
      '6': '6 — Capteurs et lasers',
      '7': '7 — Navigation et aéronautique',
      '8': '8 — Marine',
      '9': '9 — Aérospatiale et propulsion',
    },
    identifierKind: {
      'patent-publication': 'Numéro de publication de brevet',
      'patent-application': 'Numéro de demande de brevet',
      'trademark-registration': "Numéro d'enregistrement de marque",
      'design-registration': "Numéro d'enregistrement de dessin ou modèle",
      'software-deposit': 'Dépôt de logiciel (APP…)',
      doi: 'DOI',
      'internal-reference': 'Référence interne',
      other: 'Autre',
    },
    regionalJurisdiction: {
      EP: 'EP — Brevet européen (OEB)',
      WO: 'WO — Demande internationale (PCT)',
      EU: "EU — Marque de l'Union européenne, dessin ou modèle communautaire",
    },
    accessDirection: { requested: 'Demandé (nous sommes bénéficiaires)', granted: 'Accordé (nous sommes concédants)' },
    accessPurpose: { execution: 'Exécution du projet', exploitation: 'Exploitation des résultats' },
    territoryScope: { worldwide: 'Monde entier', 'eu-eea': 'Union européenne et Espace économique européen', countries: 'Liste de pays' },
    subjectKind: { background: 'Connaissance antérieure', result: 'Résultat' },
  },
  enumGroups: {
    criticalTechnologies: 'Technologies critiques (CMF R151-3)',
    otherTechnologies: 'Autres domaines',
    regionalJurisdictions: 'Titres régionaux et internationaux',
    countries: 'Pays',
  },
  common: { yes: 'Oui', no: 'Non', add: 'Ajouter', remove: 'Retirer', serverRule: "Vérifié par le serveur à l'enregistrement" },
};

const en: Dictionary = {
  forms: {
    declaration: enDeclaration,
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
        registrationId: {
          title: 'Foreign registration number',
          help: 'Number in the register of the country of registration; required for a non-French organization.',
        },
        country: { title: 'Country of registration' },
        category: { title: 'Category', help: 'Company size category under decree 2008-1354 (SME, mid-cap, large company), or the kind of institution.' },
        listed: { title: 'Listed company', help: 'Securities admitted to trading on a regulated market.' },
        zrr: { title: 'Located in a ZRR', help: "Restricted-access zone under the protection of the nation's scientific and technical potential (PPST)." },
        city: { title: 'City' },
        registeredAddress: { title: 'Registered office', help: 'The registered address, as printed in the consortium agreement.' },
        'registeredAddress.street': { title: 'Street address' },
        'registeredAddress.postalCode': { title: 'Postal code' },
        'registeredAddress.city': { title: 'City' },
        activityDescription: { title: 'Description of the activity' },
        shareholders: {
          title: 'Shareholders',
          help: 'Direct shareholders and their voting rights. The control chain is followed through shareholders that are registered organizations themselves.',
        },
        'shareholders.name': { title: 'Shareholder name' },
        'shareholders.country': { title: 'Country', help: 'Country of registration, or nationality for a natural person.' },
        'shareholders.votingRightsPct': { title: 'Voting rights (%)', help: 'Between 0 and 100, at most 4 decimals.' },
        'shareholders.organizationId': { title: 'Registered organization', help: 'Set it when the shareholder is itself an organization registered in Vigie.' },
        'shareholders.controlling': {
          title: 'Control (French Commercial Code L233-3)',
          help: 'Control within the meaning of article L233-3 of the Commercial Code, even below 50 % (by agreement or de facto).',
        },
        'shareholders.naturalPerson': {
          title: 'Natural person',
          help: 'Nationality and tax residence matter for article R151-1 of the Monetary and Financial Code.',
        },
        'shareholders.taxDomicileCountry': {
          title: 'Country of tax domicile',
          help: 'Natural persons: a French national tax-domiciled outside France is a foreign investor (CMF art. R151-1 2°). Empty: the country of nationality.',
        },
        'shareholders.controlBasis': {
          title: 'Basis of control (Commercial Code L233-3)',
          help: 'Below a majority of the voting rights: agreement with other shareholders (I 2°), de facto control (I 3°), power of appointment (I 4°) or acting in concert (III). Above 40 % with no shareholder holding more, control is presumed (II).',
        },
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
    controlBasis: {
      agreement: 'Agreement with other shareholders (L233-3 I 2°)',
      'de-facto': 'De facto control (L233-3 I 3°)',
      appointment: 'Power to appoint the majority of the board (L233-3 I 4°)',
      concert: 'Joint control in concert (L233-3 III)',
    },
    technologyDomain: TECHNOLOGY_DOMAIN_LABELS.en,
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
    backgroundType: {
      patent: 'Patent',
      'patent-application': 'Patent application',
      software: 'Software',
      'know-how': 'Know-how',
      database: 'Database',
      design: 'Design',
      trademark: 'Trade mark',
      other: 'Other (prototype, material, sample…)',
    },
    conditionRegime: {
      'royalty-free': 'Royalty-free',
      'fair-and-reasonable': 'Fair and reasonable conditions',
      excluded: 'Excluded (no access)',
      'case-by-case': 'Case by case',
    },
    exportControlCategory: {
      none: 'Not listed (outside Annex I)',
      '0': '0 — Nuclear materials, facilities and equipment',
      '1': '1 — Special materials and related equipment',
      '2': '2 — Materials processing',
      '3': '3 — Electronics',
      '4': '4 — Computers',
      '5': '5 — Telecommunications and "information security"',
      '6': '6 — Sensors and lasers',
      '7': '7 — Navigation and avionics',
      '8': '8 — Marine',
      '9': '9 — Aerospace and propulsion',
    },
    identifierKind: {
      'patent-publication': 'Patent publication number',
      'patent-application': 'Patent application number',
      'trademark-registration': 'Trade mark registration number',
      'design-registration': 'Design registration number',
      'software-deposit': 'Software deposit (APP…)',
      doi: 'DOI',
      'internal-reference': 'Internal reference',
      other: 'Other',
    },
    regionalJurisdiction: {
      EP: 'EP — European patent (EPO)',
      WO: 'WO — International application (PCT)',
      EU: 'EU — EU trade mark, Community design',
    },
    accessDirection: { requested: 'Requested (we are the beneficiary)', granted: 'Granted (we are the grantor)' },
    accessPurpose: { execution: 'Carrying out the project', exploitation: 'Exploitation of results' },
    territoryScope: { worldwide: 'Worldwide', 'eu-eea': 'European Union and European Economic Area', countries: 'List of countries' },
    subjectKind: { background: 'Background item', result: 'Result' },
  },
  enumGroups: {
    criticalTechnologies: 'Critical technologies (CMF R151-3)',
    otherTechnologies: 'Other domains',
    regionalJurisdictions: 'Regional and international titles',
    countries: 'Countries',
  },
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
