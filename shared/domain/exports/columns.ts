import { ACCESS_PURPOSES, BACKGROUND_TYPES, CONDITION_REGIMES, EXPORT_CONTROL_CATEGORIES, TERRITORY_SCOPES } from '../declaration';
import type { Lang } from '../i18n/lang';
import type { ControlEventKind, ControlEventStatus } from '../control-event';

/**
 * Compliance exports (issue 11, docs/exports.md "## Formats"): the export kinds and, per kind, its columns.
 * A column has a stable field name (the JSON Lines key, never translated), a type that drives formatting in
 * CSV and cell types in XLSX, and French/English headers. Pure: no I/O.
 */
export const EXPORT_KINDS = [
  'declarations-register',
  'results-ownership',
  'background-register',
  'flags',
  'approvals',
  'control-events',
  'dual-use-register',
  'audit',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The kinds whose columns are defined: all of them (the name stays for the writers and tests that use it). */
export const DEFINED_EXPORT_KINDS: readonly ExportKind[] = EXPORT_KINDS;
export type DefinedExportKind = ExportKind;

export const COLUMN_TYPES = ['string', 'number', 'percent', 'date', 'datetime', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface Column {
  /** Stable field name: the JSON Lines key and JSON Schema property. */
  field: string;
  /**
   * `percent` is a number 0..100 (as in the domain); `date` is `YYYY-MM-DD`; `datetime` an ISO 8601 UTC instant.
   */
  type: ColumnType;
  header: Record<Lang, string>;
  /** The cell may be empty (null in JSON Lines). */
  nullable?: boolean;
  /** Allowed values, for enumerations. */
  enum?: readonly string[];
}

/** One exported record: field name → value (null for an empty cell). */
export type CellValue = string | number | boolean | null;
export type ExportRow = Record<string, CellValue>;

const col = (field: string, type: ColumnType, fr: string, en: string, extra: Partial<Column> = {}): Column => ({
  field,
  type,
  header: { fr, en },
  ...extra,
});
const opt = { nullable: true } as const;

const FLAG_COLUMNS: readonly Column[] = [
  col('projectId', 'string', 'Projet', 'Project'),
  col('id', 'string', 'Identifiant', 'Identifier'),
  col('ruleId', 'string', 'Règle', 'Rule'),
  col('ruleVersion', 'number', 'Version de la règle', 'Rule version'),
  col('severity', 'string', 'Gravité', 'Severity'),
  col('status', 'string', 'Statut', 'Status'),
  col('title', 'string', 'Titre', 'Title'),
  col('explanation', 'string', 'Explication', 'Explanation'),
  col('subjectOrganizationId', 'string', 'Organisation concernée', 'Organization concerned', opt),
  col('manual', 'boolean', 'Ajouté manuellement', 'Added manually'),
  col('evidenceHash', 'string', 'Empreinte des éléments', 'Evidence hash'),
  col('createdAt', 'datetime', 'Créé le (UTC)', 'Created at (UTC)'),
  col('updatedAt', 'datetime', 'Mis à jour le (UTC)', 'Updated at (UTC)'),
  col('waiverJustification', 'string', 'Justification de la dérogation', 'Waiver justification', opt),
  col('waiverBy', 'string', 'Dérogation accordée par', 'Waived by', opt),
  col('waiverAt', 'datetime', 'Dérogation accordée le (UTC)', 'Waived at (UTC)', opt),
];

const APPROVAL_COLUMNS: readonly Column[] = [
  col('projectId', 'string', 'Projet', 'Project'),
  col('stepId', 'string', 'Étape', 'Step'),
  col('decision', 'string', 'Décision', 'Decision', { enum: ['approve', 'reject', 'request-changes'] }),
  col('comment', 'string', 'Commentaire', 'Comment'),
  col('changesRequestedFrom', 'string', 'Modifications demandées à', 'Changes requested from', opt),
  col('bySub', 'string', 'Décideur', 'Decided by'),
  col('byEmail', 'string', 'Courriel du décideur', 'Decider email', opt),
  col('byRole', 'string', 'Rôle du décideur', 'Decider role'),
  col('byOrg', 'string', 'Organisation du décideur', 'Decider organization', opt),
  col('at', 'datetime', 'Date de décision (UTC)', 'Decided at (UTC)'),
  col('ipFileHash', 'string', 'Empreinte du dossier PI', 'IP file hash'),
];

const CONTROL_EVENT_COLUMNS: readonly Column[] = [
  col('id', 'string', 'Identifiant', 'Identifier'),
  col('organizationId', 'string', 'Organisation', 'Organization'),
  col('kind', 'string', 'Nature', 'Kind', { enum: ['shareholding-change', 'acquisition'] satisfies ControlEventKind[] }),
  // Withdrawn events stay in the register (with their status): the export lists them too. (Type-only import: the
  // export bundles do not carry the control-event schemas.)
  col('status', 'string', 'Statut', 'Status', { enum: ['planned', 'completed', 'withdrawn'] satisfies ControlEventStatus[] }),
  col('investorName', 'string', 'Investisseur', 'Investor'),
  col('investorCountry', 'string', "Pays de l'investisseur", 'Investor country'),
  col('investorOrganizationId', 'string', "Organisation de l'investisseur", 'Investor organization', opt),
  col('votingRightsBeforePct', 'percent', 'Droits de vote avant (%)', 'Voting rights before (%)', opt),
  col('votingRightsAfterPct', 'percent', 'Droits de vote après (%)', 'Voting rights after (%)'),
  col('controlAcquired', 'boolean', 'Prise de contrôle', 'Control acquired', opt),
  col('effectiveDate', 'date', "Date d'effet", 'Effective date'),
  col('authorisationStatus', 'string', "Statut de l'autorisation", 'Authorisation status', opt),
  col('authorisationReference', 'string', "Référence de l'autorisation", 'Authorisation reference', opt),
  col('authorisationDecidedAt', 'date', "Date de décision de l'autorisation", 'Authorisation decided on', opt),
  col('description', 'string', 'Description', 'Description', opt),
  col('recordedAt', 'datetime', 'Enregistré le (UTC)', 'Recorded at (UTC)'),
  col('recordedBy', 'string', 'Enregistré par', 'Recorded by'),
];

/**
 * The audit export carries everything {@link hashEvent} covers, so that `npm run verify-audit` can recompute
 * the chain from the file alone: `before`/`after` are canonical JSON text (null when the event has none).
 */
const AUDIT_COLUMNS: readonly Column[] = [
  col('chain', 'string', 'Chaîne', 'Chain'),
  col('seq', 'number', 'Numéro', 'Sequence'),
  col('at', 'datetime', 'Date (UTC)', 'Time (UTC)'),
  col('actorSub', 'string', 'Utilisateur', 'User'),
  col('actorRole', 'string', 'Rôle', 'Role'),
  col('actorOrg', 'string', 'Organisation', 'Organization', opt),
  col('actorEmail', 'string', 'Courriel', 'Email', opt),
  col('action', 'string', 'Action', 'Action'),
  col('targetType', 'string', 'Type de cible', 'Target type'),
  col('targetId', 'string', 'Cible', 'Target'),
  col('before', 'string', 'Valeur avant (JSON)', 'Old value (JSON)', opt),
  col('after', 'string', 'Valeur après (JSON)', 'New value (JSON)', opt),
  col('prevHash', 'string', 'Empreinte précédente', 'Previous hash'),
  col('hash', 'string', 'Empreinte', 'Hash'),
];

/** Keys of the declaration a register row comes from: project, declaring organization, version. */
const DECLARATION_KEY_COLUMNS: readonly Column[] = [
  col('projectId', 'string', 'Projet', 'Project'),
  col('organizationId', 'string', 'Organisation déclarante', 'Declaring organization'),
  col('version', 'number', 'Version de la déclaration', 'Declaration version'),
];

/** One row per saved version of a declaration. */
const DECLARATIONS_REGISTER_COLUMNS: readonly Column[] = [
  ...DECLARATION_KEY_COLUMNS,
  col('contentHash', 'string', 'Empreinte du contenu', 'Content hash'),
  col('sizeBytes', 'number', 'Taille (octets)', 'Size (bytes)'),
  col('savedAt', 'datetime', 'Enregistrée le (UTC)', 'Saved at (UTC)'),
  col('savedBySub', 'string', 'Enregistrée par', 'Saved by'),
  col('savedByRole', 'string', "Rôle de l'auteur", 'Saved by (role)'),
  col('savedByEmail', 'string', "Courriel de l'auteur", 'Saved by (email)', opt),
  col('backgroundCount', 'number', 'Connaissances antérieures', 'Background items'),
  col('resultCount', 'number', 'Résultats attendus', 'Expected results'),
  col('accessRightCount', 'number', "Droits d'accès", 'Access rights'),
  col('confidentialityYears', 'number', 'Confidentialité (années)', 'Confidentiality (years)', opt),
  col('signatoryName', 'string', 'Signataire', 'Signatory', opt),
  col('submitted', 'boolean', 'Soumise', 'Submitted'),
  col('submittedAt', 'datetime', 'Soumise le (UTC)', 'Submitted at (UTC)', opt),
  col('submittedBySub', 'string', 'Soumise par', 'Submitted by', opt),
  col('current', 'boolean', 'Version en vigueur', 'Current version', opt),
];

/** One row per background item of a declaration version. */
const BACKGROUND_REGISTER_COLUMNS: readonly Column[] = [
  ...DECLARATION_KEY_COLUMNS,
  col('savedAt', 'datetime', 'Version enregistrée le (UTC)', 'Version saved at (UTC)'),
  col('itemKey', 'string', "Clé de l'élément", 'Item key'),
  col('type', 'string', 'Type', 'Type', { ...opt, enum: BACKGROUND_TYPES }),
  col('title', 'string', 'Intitulé', 'Title', opt),
  col('description', 'string', 'Description', 'Description', opt),
  col('owners', 'string', 'Propriétaires', 'Owners', opt),
  col('identifiers', 'string', 'Identifiants', 'Identifiers', opt),
  col('jurisdictions', 'string', 'Juridictions', 'Jurisdictions', opt),
  col('priorityDate', 'date', 'Date de priorité', 'Priority date', opt),
  col('executionRegime', 'string', 'Régime (exécution)', 'Regime (execution)', { ...opt, enum: CONDITION_REGIMES }),
  col('executionConditions', 'string', "Conditions d'exécution", 'Execution conditions', opt),
  col('exploitationRegime', 'string', 'Régime (exploitation)', 'Regime (exploitation)', { ...opt, enum: CONDITION_REGIMES }),
  col('exploitationConditions', 'string', "Conditions d'exploitation", 'Exploitation conditions', opt),
  col('exportControlCategory', 'string', "Catégorie de contrôle à l'export", 'Export-control category', {
    ...opt,
    enum: ['none', ...EXPORT_CONTROL_CATEGORIES],
  }),
  col('annexIEntry', 'string', "Rubrique de l'annexe I", 'Annex I entry', opt),
  col('fromZrr', 'boolean', "Issu d'une ZRR", 'From a ZRR', opt),
  col('documentIds', 'string', 'Documents', 'Documents', opt),
  col('confidentialityYears', 'number', 'Confidentialité (années)', 'Confidentiality (years)', opt),
];

/** One row per (expected result × co-ownership share). */
const RESULTS_OWNERSHIP_COLUMNS: readonly Column[] = [
  ...DECLARATION_KEY_COLUMNS,
  col('savedAt', 'datetime', 'Version enregistrée le (UTC)', 'Version saved at (UTC)'),
  col('resultKey', 'string', 'Clé du résultat', 'Result key'),
  col('title', 'string', 'Intitulé', 'Title', opt),
  col('technologyDomains', 'string', 'Domaines technologiques', 'Technology domains', opt),
  col('ownerOrganizationId', 'string', 'Copropriétaire', 'Co-owner', opt),
  col('sharePct', 'percent', 'Quote-part (%)', 'Share (%)', opt),
  col('coOwnerCount', 'number', 'Nombre de copropriétaires', 'Number of co-owners'),
  col('totalSharePct', 'number', 'Total des quotes-parts (%)', 'Total of shares (%)', opt),
  col('plannedFilingDate', 'date', 'Dépôt prévu le', 'Planned filing date', opt),
  col('plannedPublications', 'string', 'Publications prévues', 'Planned publications', opt),
];

/**
 * Items with an Annex I category (Reg. (EU) 2021/821) and who was given access: one row per (item × access
 * right granted on it), or one row with empty access columns. Kept at least 5 years (art. 27(3)): `retainUntil`.
 */
const DUAL_USE_REGISTER_COLUMNS: readonly Column[] = [
  ...DECLARATION_KEY_COLUMNS,
  col('savedAt', 'datetime', 'Version enregistrée le (UTC)', 'Version saved at (UTC)'),
  col('itemKind', 'string', "Nature de l'élément", 'Item kind', { enum: ['background', 'result'] }),
  col('itemKey', 'string', "Clé de l'élément", 'Item key'),
  col('title', 'string', 'Intitulé', 'Title', opt),
  col('category', 'string', 'Catégorie (annexe I)', 'Category (Annex I)', { enum: EXPORT_CONTROL_CATEGORIES }),
  col('annexIEntry', 'string', "Rubrique de l'annexe I", 'Annex I entry', opt),
  col('accessRightKey', 'string', "Droit d'accès", 'Access right', opt),
  col('beneficiaryOrganizationId', 'string', "Bénéficiaire de l'accès", 'Access beneficiary', opt),
  col('purpose', 'string', 'Finalité', 'Purpose', { ...opt, enum: ACCESS_PURPOSES }),
  col('exclusive', 'boolean', 'Exclusif', 'Exclusive', opt),
  col('fieldOfUse', 'string', "Domaine d'utilisation", 'Field of use', opt),
  col('territoryScope', 'string', 'Territoire', 'Territory', { ...opt, enum: TERRITORY_SCOPES }),
  col('territoryCountries', 'string', 'Pays du territoire', 'Territory countries', opt),
  col('retainUntil', 'date', "Conserver jusqu'au", 'Retain until'),
];

export const EXPORT_COLUMNS: Record<ExportKind, readonly Column[]> = {
  'declarations-register': DECLARATIONS_REGISTER_COLUMNS,
  'results-ownership': RESULTS_OWNERSHIP_COLUMNS,
  'background-register': BACKGROUND_REGISTER_COLUMNS,
  'dual-use-register': DUAL_USE_REGISTER_COLUMNS,
  flags: FLAG_COLUMNS,
  approvals: APPROVAL_COLUMNS,
  'control-events': CONTROL_EVENT_COLUMNS,
  audit: AUDIT_COLUMNS,
};

export const isDefinedExportKind = (k: string): k is DefinedExportKind => (DEFINED_EXPORT_KINDS as readonly string[]).includes(k);

export const columnsOf = (kind: DefinedExportKind): readonly Column[] => EXPORT_COLUMNS[kind];

export const headersOf = (kind: DefinedExportKind, lang: Lang): string[] => columnsOf(kind).map((c) => c.header[lang]);

/** The row's values in column order (missing fields are null). */
export const orderedValues = (kind: DefinedExportKind, row: ExportRow): CellValue[] => columnsOf(kind).map((c) => row[c.field] ?? null);
