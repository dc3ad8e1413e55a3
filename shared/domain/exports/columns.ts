import type { Lang } from '../i18n/lang';

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

/** The kinds whose columns are defined so far (the others follow with their entity types). */
export const DEFINED_EXPORT_KINDS = ['flags', 'approvals', 'control-events', 'audit'] as const satisfies readonly ExportKind[];
export type DefinedExportKind = (typeof DEFINED_EXPORT_KINDS)[number];

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
  col('kind', 'string', 'Nature', 'Kind', { enum: ['shareholding-change', 'acquisition'] }),
  col('status', 'string', 'Statut', 'Status', { enum: ['planned', 'completed'] }),
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

export const EXPORT_COLUMNS: Record<DefinedExportKind, readonly Column[]> = {
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
