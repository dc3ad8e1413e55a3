import type { ControlEvent } from '../control-event';
import type { DeclarationDraft } from '../declaration';

/**
 * Shared vocabulary of the risk engine (docs/risk.md): severities, rule ids, findings and the engine's input.
 * Everything here is plain data; the engine is a pure function of {@link RiskInput}.
 */

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** 0 (info) … 4 (critical). */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);
/** Severities that block the workflow gates (legal review, committee) while their flag is open. */
export const BLOCKING_SEVERITIES: readonly Severity[] = ['high', 'critical'];

export const RULE_IDS = [
  'IEF-FOREIGN-CONTROL',
  'IEF-ACQUISITION',
  'LEAK-FOREIGN-ACCESS',
  'DUAL-USE',
  'ZRR-ACCESS',
  'PUBLICATION-BEFORE-FILING',
  'PUBLICATION-LATE-NOTICE',
  'OWNERSHIP-SHARES',
  'BACKGROUND-CONFLICT',
  'CONDITIONS-MISSING',
  'NO-CONFIDENTIALITY',
  'DECLARATION-MISSING',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
/** Rule id of flags added by hand by the legal staff. */
export const MANUAL_RULE_ID = 'MANUAL';
/** The foreign-investment (IEF) rules: their open flags hold exclusive licences, assignments and transfers to the partner. */
export const IEF_RULE_IDS: readonly string[] = ['IEF-FOREIGN-CONTROL', 'IEF-ACQUISITION'];

export interface Bilingual {
  fr: string;
  en: string;
}

/**
 * What a finding is about. The fingerprint is SHA-256 of the canonical JSON of `{ ruleId, subject }`, so the
 * subject must name the object and nothing that changes while the condition lasts (no percentages, no dates).
 */
export interface FindingSubject {
  organizationId?: string;
  itemKey?: string;
  resultKey?: string;
  accessRightKey?: string;
  controlEventId?: string;
  shareholderName?: string;
  publicationId?: string;
  /** IEF-ACQUISITION: the organization the operation is on (the partner or one controlling it). */
  targetOrganizationId?: string;
  /** IEF-ACQUISITION: who invests — `org:<id>` for a registered organization, else `<name>|<country>` normalised. */
  investor?: string;
}

/** A publication notice as the engine reads it (shared/domain/publication.ts). */
export interface RiskPublication {
  id: string;
  organizationId: string;
  title: string;
  venue: string;
  plannedDate: string;
  earliestPublicationDate: string;
  resultKeys: readonly string[];
  noticeDate: string;
  daysBeforePublication: number;
  noticeDays: number;
  late: boolean;
  state: string;
}

/** A foreign-investment hold on a partner (docs/risk.md). */
export interface IefHold {
  kind: 'ief';
  organizationId: string;
}

export type Evidence = Record<string, unknown>;

export interface Finding {
  ruleId: string;
  ruleVersion: number;
  /** The rule's title (for lists and emails); not part of the fingerprint nor of the evidence hash. */
  title: Bilingual;
  severity: Severity;
  subject: FindingSubject;
  /** sha256(canonicalJson({ ruleId, subject })). */
  fingerprint: string;
  /** French first (default language), English second; both cite the legal source and name the objects. */
  explanation: Bilingual;
  /** JSON facts the finding rests on (organization, chain path, percentages, item…); canonical (sorted, no undefined). */
  evidence: Evidence;
  /** sha256(canonicalJson(evidence)): a waiver holds while it is unchanged. */
  evidenceHash: string;
  holds?: IefHold;
}

/** The organization fields the engine reads (a stored {@link import('../organization').Organization} fits). */
export interface RiskShareholder {
  name: string;
  country: string;
  votingRightsPct: number;
  organizationId?: string | undefined;
  controlling?: boolean | undefined;
  /** The clause of Code de commerce L233-3 by which it controls below a majority (organization.ts shareholderSchema). */
  controlBasis?: 'agreement' | 'de-facto' | 'appointment' | 'concert' | undefined;
  naturalPerson?: boolean | undefined;
  /** Natural persons: the tax-domicile country (CMF R151-1 2°). */
  taxDomicileCountry?: string | undefined;
  /** Compatibility (control-event investors): false = tax-domiciled outside France. */
  taxDomiciledInFrance?: boolean | undefined;
}
export interface RiskOrganization {
  id: string;
  legalName: string;
  country: string;
  listed?: boolean | undefined;
  zrr?: boolean | undefined;
  category?: string | undefined;
  activityDescription?: string | undefined;
  shareholders?: readonly RiskShareholder[] | undefined;
}

export interface RiskDeclaration {
  organizationId: string;
  /** A draft or a submitted declaration (a `Declaration` is a `DeclarationDraft` with everything present). */
  content: DeclarationDraft;
  submitted: boolean;
}

export interface RiskInput {
  project: { id: string; technologyDomains: readonly string[]; acronym?: string | undefined; title?: string | undefined };
  memberships: readonly { organizationId: string; role: string }[];
  /**
   * Every organization needed: the partners and every organization their shareholders, control events and
   * investors name (the store loads the chains). A missing one is reported in the evidence as unresolved.
   */
  organizations: ReadonlyMap<string, RiskOrganization> | Readonly<Record<string, RiskOrganization>>;
  declarations: readonly RiskDeclaration[];
  /** Control events of the partners and of the organizations in their control chains. */
  controlEvents: readonly ControlEvent[];
  /** The project's publication notices (PUBLICATION-BEFORE-FILING, PUBLICATION-LATE-NOTICE); absent = none. */
  publications?: readonly RiskPublication[] | undefined;
  /** The workflow stage (workflow.ts STAGES); DECLARATION-MISSING applies once it is past `declarations`. */
  workflowStage?: string | null | undefined;
  /**
   * Evaluation time. No rule reads it yet (the explanations state the regimes in force since 1 Jan 2025); it is
   * part of the input so that a future date-dependent rule stays a pure function. Never part of evidence.
   */
  now: Date;
}

export interface RuleMeta {
  id: RuleId;
  version: number;
  title: Bilingual;
  /** Legal citation, e.g. « CMF art. R151-1 à R151-3 ; arrêté du 31 déc. 2019 art. 6 ». */
  source: Bilingual;
}
