import type * as z from 'zod';
import type { Role } from '../access';
import { agreementStatus, type AgreementRecord, type AgreementStatus, type SignatureRecord } from '../agreement-records';
import { AGREEMENT_LABELS } from '../agreement/labels';
import type { storedFlagSchema } from '../flag-schema';
import type { Lang } from '../i18n/lang';
import type { Organization } from '../organization';
import type { PartnerRole, Project, ProjectStatus } from '../project';
import { FLAG_STATUSES, type FlagStatus } from '../risk/lifecycle';
import { SEVERITIES, severityRank, type Severity } from '../risk/types';
import type { Decision, StageId, StepKind, WorkflowState, WorkflowStatus } from '../workflow';
import { STEP_KINDS } from '../workflow';

/**
 * The per-project summary of the `project-summary` export (PDF, one page per project; docs/exports.md "Project
 * summary (PDF)"): partners, flags, decisions and agreement status. Pure: the export job reads the records and
 * calls {@link buildProjectSummary} once per project; shared/pdf/project-summary.ts renders the pages. The model
 * holds raw values (enum ids, ISO dates); {@link PROJECT_SUMMARY_LABELS} names them in French and English.
 */

type StoredFlag = z.output<typeof storedFlagSchema>;

/** Flags still needing attention, listed one by one (mitigated and closed ones are only counted). */
export const LISTED_FLAG_STATUSES: readonly FlagStatus[] = ['open', 'acknowledged', 'waived'];

export interface SummaryPartner {
  organizationId: string;
  /** The legal name; the organization id when the record is missing. */
  name: string;
  siren: string | null;
  /** A foreign organization's registration number. */
  registrationId: string | null;
  country: string | null;
  role: PartnerRole;
}

export interface SummaryFlag {
  id: string;
  ruleId: string;
  title: { fr: string; en: string };
  severity: Severity;
  status: FlagStatus;
}

export interface SummaryDecision {
  /** `partner-approval:<orgId>`, `legal-review`, `lawyer-opinion` or `committee`. */
  stepId: string;
  kind: StepKind | null;
  /** The partner of a partner-approval step (its name), else null. */
  stepOrganization: string | null;
  decision: Decision;
  at: string;
  by: { email: string | null; role: string; organization: string | null };
  comment: string;
}

export interface ProjectSummary {
  project: Pick<Project, 'id' | 'acronym' | 'title' | 'status' | 'fundingScheme' | 'startDate' | 'endDate'>;
  /** Coordinator first, then in the order given. */
  partners: SummaryPartner[];
  flags: {
    total: number;
    bySeverity: Record<Severity, number>;
    byStatus: Record<FlagStatus, number>;
    /** Open, acknowledged and waived flags: most severe first, then by rule id and flag id. */
    listed: SummaryFlag[];
  };
  /** Null when the project has no workflow yet. */
  workflow: { stage: StageId; status: WorkflowStatus; decisions: SummaryDecision[] } | null;
  /** The latest generated version; null when none was generated. */
  agreement: {
    version: number;
    agreementId: string;
    generatedAt: string;
    status: AgreementStatus;
    /** Partners that signed this version. */
    signatures: number;
    partners: number;
    signed: boolean;
  } | null;
}

export interface ProjectSummaryInput {
  project: ProjectSummary['project'];
  /** The project's memberships (ProjectView.partners). */
  partners: readonly { organizationId: string; role: PartnerRole }[];
  /** The partner organizations (others are ignored). */
  organizations: Iterable<Pick<Organization, 'id' | 'legalName' | 'siren' | 'registrationId' | 'country'>>;
  flags: readonly StoredFlag[];
  workflow: WorkflowState | null;
  /** The agreement versions recorded for the project (the latest one is enough). */
  agreements: readonly AgreementRecord[];
  /** Signature records of the latest version (shared/store/agreements.ts `listSignatures`); others are ignored. */
  signatures: readonly Pick<SignatureRecord, 'version' | 'organizationId'>[];
}

const countBy = <K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> => {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function buildProjectSummary(input: ProjectSummaryInput): ProjectSummary {
  const orgs = new Map<string, Pick<Organization, 'id' | 'legalName' | 'siren' | 'registrationId' | 'country'>>();
  for (const o of input.organizations) orgs.set(o.id, o);
  const nameOf = (id: string): string => orgs.get(id)?.legalName ?? id;

  const partners = [...input.partners]
    .map((m, i) => ({ m, i }))
    .sort((a, b) => Number(b.m.role === 'coordinator') - Number(a.m.role === 'coordinator') || a.i - b.i)
    .map(({ m }): SummaryPartner => {
      const org = orgs.get(m.organizationId);
      return {
        organizationId: m.organizationId,
        name: org?.legalName ?? m.organizationId,
        siren: org?.siren ?? null,
        registrationId: org?.registrationId ?? null,
        country: org?.country ?? null,
        role: m.role,
      };
    });

  const listed = input.flags
    .filter((f) => LISTED_FLAG_STATUSES.includes(f.status))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || cmp(a.ruleId, b.ruleId) || cmp(a.id, b.id))
    .map((f): SummaryFlag => ({ id: f.id, ruleId: f.ruleId, title: { fr: f.title.fr, en: f.title.en }, severity: f.severity, status: f.status }));

  return {
    project: {
      id: input.project.id,
      acronym: input.project.acronym,
      title: input.project.title,
      status: input.project.status,
      fundingScheme: input.project.fundingScheme,
      startDate: input.project.startDate,
      endDate: input.project.endDate,
    },
    partners,
    flags: {
      total: input.flags.length,
      bySeverity: countBy(
        SEVERITIES,
        input.flags.map((f) => f.severity),
      ),
      byStatus: countBy(
        FLAG_STATUSES,
        input.flags.map((f) => f.status),
      ),
      listed,
    },
    workflow: input.workflow ? { stage: input.workflow.stage, status: input.workflow.status, decisions: decisionsOf(input.workflow, nameOf) } : null,
    agreement: agreementOf(input, partners.length),
  };
}

/** Every decision ever recorded (the history keeps those a reopening dropped from the steps), oldest first. */
function decisionsOf(state: WorkflowState, nameOf: (id: string) => string): SummaryDecision[] {
  const out: SummaryDecision[] = [];
  for (const h of state.history) {
    if (h.action !== 'decision' || !h.detail) continue;
    const d = h.detail as { decision?: unknown; comment?: unknown; at?: unknown; by?: { email?: string | null; role?: string; org?: string | null } };
    if (typeof d.decision !== 'string') continue;
    const stepId = h.stepId ?? '';
    const kind = STEP_KINDS.find((k) => stepId === k || stepId.startsWith(`${k}:`)) ?? null;
    const stepOrg = stepId.startsWith('partner-approval:') ? stepId.slice('partner-approval:'.length) : null;
    const by = d.by ?? h.by;
    out.push({
      stepId,
      kind,
      stepOrganization: stepOrg ? nameOf(stepOrg) : null,
      decision: d.decision as Decision,
      at: typeof d.at === 'string' ? d.at : h.at,
      by: { email: by?.email ?? null, role: by?.role ?? '', organization: by?.org ? nameOf(by.org) : null },
      comment: typeof d.comment === 'string' ? d.comment : '',
    });
  }
  return out;
}

function agreementOf(input: ProjectSummaryInput, partners: number): ProjectSummary['agreement'] {
  const latest = input.agreements.reduce<AgreementRecord | null>((best, r) => (!best || r.version > best.version ? r : best), null);
  if (!latest) return null;
  const signers = new Set(input.signatures.filter((s) => s.version === latest.version).map((s) => s.organizationId));
  // The latest version has no successor: `next` is null.
  const status = agreementStatus(latest, input.workflow, null);
  return {
    version: latest.version,
    agreementId: latest.agreementId,
    generatedAt: latest.generatedAt,
    status,
    signatures: signers.size,
    partners,
    signed: status === 'signed',
  };
}

// ---------------------------------------------------------------------------------------------------------
// Labels

type Labels<K extends string> = Readonly<Record<K, string>>;

export interface ProjectSummaryLabels {
  documentTitle: string;
  /** The pôle export title at the top of every page. */
  exportTitle: string;
  generatedAt: string;
  /** The export's period, either bound optional (dates already formatted). */
  period: (from: string | null, to: string | null) => string;
  page: (n: number, of: number) => string;
  andMore: (n: number) => string;
  /** The single page of an export that matched no project. */
  noProjects: string;
  projectId: string;
  projectStatus: string;
  projectDates: string;
  partners: string;
  partnerColumns: { name: string; identifier: string; role: string };
  noPartners: string;
  flags: string;
  flagTotals: (total: number) => string;
  bySeverity: string;
  byStatus: string;
  flagColumns: { rule: string; title: string; severity: string; status: string };
  noListedFlags: string;
  workflow: string;
  noWorkflow: string;
  stage: string;
  workflowStatusLabel: string;
  decisionColumns: { at: string; step: string; decision: string; by: string; comment: string };
  noDecisions: string;
  agreement: string;
  noAgreement: string;
  agreementVersion: (version: number, generatedAt: string) => string;
  signatures: (signed: number, partners: number) => string;
  signedLabel: string;
  yes: string;
  no: string;
  country: string;
  partnerRole: Labels<PartnerRole>;
  projectStatusValue: Labels<ProjectStatus>;
  stageValue: Labels<StageId>;
  workflowStatus: Labels<WorkflowStatus>;
  stepKind: Labels<StepKind>;
  decision: Labels<Decision>;
  role: Labels<Role>;
  agreementStatus: Labels<AgreementStatus>;
  severity: Labels<Severity>;
  flagStatus: Labels<FlagStatus>;
}

export const PROJECT_SUMMARY_LABELS: Readonly<Record<Lang, ProjectSummaryLabels>> = {
  fr: {
    documentTitle: 'Résumés de projets',
    exportTitle: 'Vigie · Export du pôle · Résumé de projet',
    generatedAt: 'Généré le',
    period: (from, to) =>
      from && to ? `Période\u202f: du ${from} au ${to}` : from ? `Période\u202f: à partir du ${from}` : `Période\u202f: jusqu’au ${to ?? ''}`,
    page: (n, of) => `Page ${n} / ${of}`,
    andMore: (n) => `… et ${n} de plus`,
    noProjects: 'Aucun projet ne correspond à cet export.',
    projectId: 'Identifiant',
    projectStatus: 'Statut du projet',
    projectDates: 'Dates',
    partners: 'Partenaires',
    partnerColumns: { name: 'Organisation', identifier: 'SIREN / pays', role: 'Rôle' },
    noPartners: 'Aucun partenaire.',
    flags: 'Signalements',
    flagTotals: (total) => `${total} signalement${total > 1 ? 's' : ''} au total`,
    bySeverity: 'Par gravité',
    byStatus: 'Par statut',
    flagColumns: { rule: 'Règle', title: 'Intitulé', severity: 'Gravité', status: 'Statut' },
    noListedFlags: 'Aucun signalement ouvert, pris en compte ou levé par dérogation.',
    workflow: 'Circuit de validation et décisions',
    noWorkflow: 'Le circuit de validation n’a pas commencé.',
    stage: 'Étape actuelle',
    workflowStatusLabel: 'Statut',
    decisionColumns: { at: 'Date', step: 'Étape', decision: 'Décision', by: 'Par', comment: 'Commentaire' },
    noDecisions: 'Aucune décision.',
    agreement: 'Accord de consortium',
    noAgreement: 'Aucun accord généré.',
    agreementVersion: (version, at) => `Version ${version}, générée le ${at}`,
    signatures: (signed, partners) => `Signatures\u202f: ${signed} / ${partners}`,
    signedLabel: 'Signé',
    yes: 'oui',
    no: 'non',
    country: 'pays',
    partnerRole: { coordinator: 'coordinateur', partner: 'partenaire', subcontractor: 'sous-traitant' },
    projectStatusValue: {
      draft: 'brouillon',
      declarations: 'déclarations',
      review: 'en revue',
      approved: 'approuvé',
      signed: 'signé',
      rejected: 'rejeté',
    },
    stageValue: {
      declarations: 'déclarations',
      'partner-approval': 'validation des partenaires',
      'legal-review': 'revue juridique',
      'lawyer-opinion': 'avis de l’avocat',
      committee: 'comité',
      agreement: 'accord',
      signatures: 'signatures',
      signed: 'signé',
    },
    workflowStatus: { active: 'en cours', rejected: 'rejeté', signed: 'signé' },
    stepKind: {
      'partner-approval': 'validation du partenaire',
      'legal-review': 'revue juridique',
      'lawyer-opinion': 'avis de l’avocat',
      committee: 'comité',
    },
    decision: { approve: 'approuvé', 'request-changes': 'modifications demandées', reject: 'rejeté' },
    role: { legal: 'service juridique', committee: 'comité', lawyer: 'avocat', partner: 'partenaire' },
    agreementStatus: { current: 'en attente de signatures', superseded: 'remplacée', invalidated: 'invalidée', signed: 'signée' },
    severity: AGREEMENT_LABELS.fr.severity,
    flagStatus: AGREEMENT_LABELS.fr.flagStatus,
  },
  en: {
    documentTitle: 'Project summaries',
    exportTitle: 'Vigie · Pôle export · Project summary',
    generatedAt: 'Generated on',
    period: (from, to) => (from && to ? `Period: ${from} to ${to}` : from ? `Period: from ${from}` : `Period: until ${to ?? ''}`),
    page: (n, of) => `Page ${n} / ${of}`,
    andMore: (n) => `… and ${n} more`,
    noProjects: 'No project matches this export.',
    projectId: 'Identifier',
    projectStatus: 'Project status',
    projectDates: 'Dates',
    partners: 'Partners',
    partnerColumns: { name: 'Organization', identifier: 'SIREN / country', role: 'Role' },
    noPartners: 'No partners.',
    flags: 'Flags',
    flagTotals: (total) => `${total} flag${total === 1 ? '' : 's'} in all`,
    bySeverity: 'By severity',
    byStatus: 'By status',
    flagColumns: { rule: 'Rule', title: 'Title', severity: 'Severity', status: 'Status' },
    noListedFlags: 'No open, acknowledged or waived flags.',
    workflow: 'Approval workflow and decisions',
    noWorkflow: 'The approval workflow has not started.',
    stage: 'Current stage',
    workflowStatusLabel: 'Status',
    decisionColumns: { at: 'Date', step: 'Step', decision: 'Decision', by: 'By', comment: 'Comment' },
    noDecisions: 'No decisions.',
    agreement: 'Consortium agreement',
    noAgreement: 'No agreement generated.',
    agreementVersion: (version, at) => `Version ${version}, generated on ${at}`,
    signatures: (signed, partners) => `Signatures: ${signed} / ${partners}`,
    signedLabel: 'Signed',
    yes: 'yes',
    no: 'no',
    country: 'country',
    partnerRole: { coordinator: 'coordinator', partner: 'partner', subcontractor: 'subcontractor' },
    projectStatusValue: {
      draft: 'draft',
      declarations: 'declarations',
      review: 'in review',
      approved: 'approved',
      signed: 'signed',
      rejected: 'rejected',
    },
    stageValue: {
      declarations: 'declarations',
      'partner-approval': 'partner approval',
      'legal-review': 'legal review',
      'lawyer-opinion': 'lawyer’s opinion',
      committee: 'committee',
      agreement: 'agreement',
      signatures: 'signatures',
      signed: 'signed',
    },
    workflowStatus: { active: 'in progress', rejected: 'rejected', signed: 'signed' },
    stepKind: {
      'partner-approval': 'partner approval',
      'legal-review': 'legal review',
      'lawyer-opinion': 'lawyer’s opinion',
      committee: 'committee',
    },
    decision: { approve: 'approved', 'request-changes': 'changes requested', reject: 'rejected' },
    role: { legal: 'legal staff', committee: 'committee', lawyer: 'lawyer', partner: 'partner' },
    agreementStatus: { current: 'awaiting signatures', superseded: 'superseded', invalidated: 'invalidated', signed: 'signed' },
    severity: AGREEMENT_LABELS.en.severity,
    flagStatus: AGREEMENT_LABELS.en.flagStatus,
  },
};

/** The label of a value from a closed list, or the value itself (a record from a later schema still renders). */
export const labelOf = <K extends string>(labels: Labels<K>, value: string): string => (labels as Record<string, string>)[value] ?? value;
