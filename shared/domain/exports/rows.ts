import type * as z from 'zod';
import type { AuditEvent } from '../audit';
import type { ControlEvent } from '../control-event';
import { EXPORT_CONTROL_CATEGORIES } from '../declaration';
import type { declarationHeadSchema, declarationVersionMetaSchema } from '../declaration-record-schema';
import { sumPct } from '../decimal';
import type { storedFlagSchema } from '../flag-schema';
import type { Lang } from '../i18n/lang';
import type { WorkflowState } from '../workflow';
import { auditRow } from './audit-rows';
import type { ExportKind, ExportRow } from './columns';
import { addYears } from './request';

/**
 * Pure mappers from stored entities to export rows (docs/exports.md "Register rows"). Each row's keys are
 * exactly its kind's column fields, in column order. Numbers stay numbers, percentages 0..100, dates
 * `YYYY-MM-DD`, instants ISO 8601 UTC, absent optional values null. User text stays as typed: neutralising
 * formulas is the CSV writer's job.
 */

export type StoredFlag = z.output<typeof storedFlagSchema>;
export type DeclarationVersionMeta = z.output<typeof declarationVersionMetaSchema>;
export type DeclarationHead = z.output<typeof declarationHeadSchema>;

/** How long dual-use records are kept (Reg. (EU) 2021/821 art. 27(3): at least 5 years). */
export const DUAL_USE_RETENTION_YEARS = 5;

/**
 * What the rows of each kind come from. The job filters on one date per kind, `from`/`to` inclusive (UTC days):
 * - `flags`: one row per stored flag — its `createdAt`;
 * - `approvals`: one row per decision ever taken — the decision's `at`;
 * - `control-events`: one row per control event — its `recordedAt`;
 * - `audit`: one row per audit event — its `at`;
 * - `declarations-register`: one row per saved declaration version — the version's `savedAt`;
 * - `background-register`, `results-ownership`, `dual-use-register`: rows from the items of each partner's
 *   **current** declaration version — that version's `savedAt`.
 * {@link FILTER_DATE} says the same as data.
 */
export type RowSource =
  | { kind: 'flags'; flag: StoredFlag }
  | { kind: 'approvals'; projectId: string; workflow: WorkflowState }
  | { kind: 'control-events'; event: ControlEvent }
  | { kind: 'audit'; event: AuditEvent }
  | { kind: 'declarations-register'; meta: DeclarationVersionMeta; content: unknown; head: DeclarationHead | null }
  | { kind: 'background-register' | 'results-ownership' | 'dual-use-register'; meta: DeclarationVersionMeta; content: unknown };

/** The source date each kind is filtered on (see {@link RowSource}). */
export const FILTER_DATE: Record<ExportKind, string> = {
  flags: 'flag.createdAt',
  approvals: 'decision.at',
  'control-events': 'controlEvent.recordedAt',
  audit: 'auditEvent.at',
  'declarations-register': 'version.savedAt',
  'background-register': 'currentVersion.savedAt',
  'results-ownership': 'currentVersion.savedAt',
  'dual-use-register': 'currentVersion.savedAt',
};

/** The rows of one source; `lang` picks the language of bilingual stored text (flag titles and explanations). */
export function rowsOf(source: RowSource, lang: Lang = 'fr'): ExportRow[] {
  switch (source.kind) {
    case 'flags':
      return [flagRow(source.flag, lang)];
    case 'approvals':
      return approvalRows(source.projectId, source.workflow);
    case 'control-events':
      return [controlEventRow(source.event)];
    case 'audit':
      return [auditRow(source.event)];
    case 'declarations-register':
      return [declarationVersionRow(source.meta, source.content, source.head)];
    case 'background-register':
      return backgroundRows(source.meta, source.content);
    case 'results-ownership':
      return resultOwnershipRows(source.meta, source.content);
    case 'dual-use-register':
      return dualUseRows(source.meta, source.content);
  }
}

// --- Defensive reading ------------------------------------------------------------------------------------------
// Content was validated on save, but an older version may lack fields added since: read each value by its type.

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Obj => o !== null) : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const date = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
const joined = (xs: readonly string[], sep = ', '): string | null => (xs.length ? xs.join(sep) : null);

/** An instant as ISO 8601 UTC (stored instants may carry an offset). */
function instant(v: string): string {
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString();
}
const utcDay = (v: string): string => instant(v).slice(0, 10);

/** A list item's key; an item without one (never saved so) is still listed, by its position. */
const keyOf = (item: Obj, i: number): string => str(item.key) ?? `#${i + 1}`;

// --- Flags, approvals, control events --------------------------------------------------------------------------

export function flagRow(flag: StoredFlag, lang: Lang = 'fr'): ExportRow {
  return {
    projectId: flag.projectId,
    id: flag.id,
    ruleId: flag.ruleId,
    ruleVersion: flag.ruleVersion,
    severity: flag.severity,
    status: flag.status,
    title: flag.title[lang],
    explanation: flag.explanation[lang],
    subjectOrganizationId: flag.subject.organizationId ?? null,
    manual: flag.manual,
    evidenceHash: flag.evidenceHash,
    createdAt: instant(flag.createdAt),
    updatedAt: instant(flag.updatedAt),
    waiverJustification: flag.waiver?.justification ?? null,
    waiverBy: flag.waiver?.by ?? null,
    waiverAt: flag.waiver ? instant(flag.waiver.at) : null,
  };
}

type DecisionRecord = NonNullable<WorkflowState['steps'][number]['decision']>;

function approvalRow(projectId: string, stepId: string, d: DecisionRecord): ExportRow {
  return {
    projectId,
    stepId,
    decision: d.decision,
    comment: d.comment,
    changesRequestedFrom: d.changesRequestedFrom ? joined(d.changesRequestedFrom) : null,
    bySub: d.by.sub,
    byEmail: d.by.email ?? null,
    byRole: d.by.role,
    byOrg: d.by.org ?? null,
    at: instant(d.at),
    ipFileHash: d.ipFileHash,
  };
}

/** A `decision` history entry's record: its `detail`, completed from the entry itself where a field is missing. */
function decisionOfEntry(e: WorkflowState['history'][number]): DecisionRecord | null {
  const d = e.detail ?? {};
  const decision = str(d.decision);
  const by = (obj(d.by) as DecisionRecord['by'] | null) ?? e.by;
  const ipFileHash = str(d.ipFileHash) ?? e.ipFileHash;
  if (decision === null || by === null || ipFileHash === null) return null;
  return {
    decision: decision as DecisionRecord['decision'],
    comment: str(d.comment) ?? '',
    changesRequestedFrom: Array.isArray(d.changesRequestedFrom) ? strs(d.changesRequestedFrom) : null,
    by,
    at: str(d.at) ?? e.at,
    ipFileHash,
  };
}

/**
 * Every decision ever taken on the project's workflow, oldest first. The append-only history keeps every round
 * (a reopen or a new IP file resets the steps, dropping their decisions); the steps' current decisions are added
 * only if the history somehow lacks them.
 */
export function approvalRows(projectId: string, workflow: WorkflowState): ExportRow[] {
  const found: { stepId: string; d: DecisionRecord }[] = [];
  const seen = new Set<string>();
  const id = (stepId: string, d: DecisionRecord) => `${stepId}\u0000${d.at}\u0000${d.by.sub}\u0000${d.decision}`;
  for (const e of workflow.history) {
    if (e.action !== 'decision' || e.stepId === null) continue;
    const d = decisionOfEntry(e);
    if (!d) continue;
    found.push({ stepId: e.stepId, d });
    seen.add(id(e.stepId, d));
  }
  for (const st of workflow.steps) {
    if (st.decision && !seen.has(id(st.stepId, st.decision))) found.push({ stepId: st.stepId, d: st.decision });
  }
  // Stable: same-instant decisions keep their history order.
  found.sort((a, b) => Date.parse(a.d.at) - Date.parse(b.d.at));
  return found.map(({ stepId, d }) => approvalRow(projectId, stepId, d));
}

export function controlEventRow(e: ControlEvent): ExportRow {
  return {
    id: e.id,
    organizationId: e.organizationId,
    kind: e.kind,
    status: e.status,
    investorName: e.investor.name,
    investorCountry: e.investor.country,
    investorOrganizationId: e.investor.organizationId ?? null,
    votingRightsBeforePct: e.votingRightsBeforePct ?? null,
    votingRightsAfterPct: e.votingRightsAfterPct,
    controlAcquired: e.controlAcquired ?? null,
    effectiveDate: e.effectiveDate,
    authorisationStatus: e.authorisation?.status ?? null,
    authorisationReference: e.authorisation?.reference ?? null,
    authorisationDecidedAt: e.authorisation?.decidedAt ?? null,
    description: e.description ?? null,
    recordedAt: instant(e.recordedAt),
    recordedBy: e.recordedBy,
  };
}

// --- Declarations ----------------------------------------------------------------------------------------------

const declarationKey = (meta: DeclarationVersionMeta) => ({
  projectId: meta.projectId,
  organizationId: meta.organizationId,
  version: meta.version,
});
/** The declaration key plus the version's save instant, which the item registers carry. */
const itemRegisterKey = (meta: DeclarationVersionMeta) => ({ ...declarationKey(meta), savedAt: instant(meta.savedAt) });
const confidentialityYears = (content: Obj | null): number | null => num(obj(content?.confidentiality)?.termYears);

/**
 * One saved version. Submitted when `head.submissions` lists it (the first submission of that version is
 * shown); `current` says whether it is the head's latest version (null without a head).
 */
export function declarationVersionRow(meta: DeclarationVersionMeta, content: unknown, head: DeclarationHead | null): ExportRow {
  const c = obj(content);
  const sameDeclaration = head !== null && head.projectId === meta.projectId && head.organizationId === meta.organizationId;
  const submission = sameDeclaration
    ? ([...head.submissions].filter((s) => s.version === meta.version).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0] ?? null)
    : null;
  return {
    ...declarationKey(meta),
    contentHash: meta.contentHash,
    sizeBytes: meta.sizeBytes,
    savedAt: instant(meta.savedAt),
    savedBySub: meta.savedBy.sub,
    savedByRole: meta.savedBy.role,
    savedByEmail: meta.savedBy.email ?? null,
    backgroundCount: objs(c?.background).length,
    resultCount: objs(c?.results).length,
    accessRightCount: objs(c?.accessRights).length,
    confidentialityYears: confidentialityYears(c),
    signatoryName: str(obj(c?.signatory)?.name),
    submitted: submission !== null,
    submittedAt: submission ? instant(submission.at) : null,
    submittedBySub: submission?.by.sub ?? null,
    current: sameDeclaration ? head.currentVersion === meta.version : null,
  };
}

/** A partner's organization id, or a third party as `name (country)`. */
function ownerLabel(o: Obj): string | null {
  const orgId = str(o.organizationId);
  if (orgId !== null) return orgId;
  const name = str(o.thirdPartyName);
  if (name === null) return null;
  const country = str(o.country);
  return country ? `${name} (${country})` : name;
}

function identifierLabel(i: Obj): string | null {
  const value = str(i.value);
  if (value === null) return null;
  const kind = str(i.kind);
  return kind ? `${kind}: ${value}` : value;
}

const present = <T>(xs: readonly (T | null)[]): T[] => xs.filter((x): x is T => x !== null);

/** One row per background item of the version. Lists of names that may hold commas are joined with "; ". */
export function backgroundRows(meta: DeclarationVersionMeta, content: unknown): ExportRow[] {
  const c = obj(content);
  const confidentiality = confidentialityYears(c);
  return objs(c?.background).map((item, i) => {
    const execution = obj(item.executionConditions);
    const exploitation = obj(item.exploitationConditions);
    const control = obj(item.exportControl);
    return {
      ...itemRegisterKey(meta),
      itemKey: keyOf(item, i),
      type: str(item.type),
      title: str(item.title),
      description: str(item.description),
      owners: joined(present(objs(item.owners).map(ownerLabel)), '; '),
      identifiers: joined(present(objs(item.identifiers).map(identifierLabel)), '; '),
      jurisdictions: joined(strs(item.jurisdictions)),
      priorityDate: date(item.priorityDate),
      executionRegime: str(execution?.regime),
      executionConditions: str(execution?.text),
      exploitationRegime: str(exploitation?.regime),
      exploitationConditions: str(exploitation?.text),
      exportControlCategory: str(control?.category),
      annexIEntry: str(control?.annexIEntry),
      fromZrr: bool(item.fromZrr),
      documentIds: joined(strs(item.documentIds)),
      confidentialityYears: confidentiality,
    };
  });
}

/**
 * One row per (expected result × co-ownership share); a result without any share yet (a draft) still gets one
 * row, with empty owner and share. `totalSharePct` is the exact sum of the result's shares (100 when complete).
 */
export function resultOwnershipRows(meta: DeclarationVersionMeta, content: unknown): ExportRow[] {
  const rows: ExportRow[] = [];
  objs(obj(content)?.results).forEach((r, i) => {
    const shares = objs(r.ownership);
    const pcts = present(shares.map((s) => num(s.pct)));
    const common = {
      ...itemRegisterKey(meta),
      resultKey: keyOf(r, i),
      title: str(r.title),
      technologyDomains: joined(strs(r.technologyDomains)),
    };
    const tail = {
      coOwnerCount: shares.length,
      totalSharePct: pcts.length ? sumPct(pcts).toNumber() : null,
      plannedFilingDate: date(r.plannedFilingDate),
      plannedPublications: joined(
        present(
          objs(r.plannedPublications).map((p) => {
            const venue = str(p.venue);
            const on = date(p.date);
            return venue === null ? on : on ? `${venue} (${on})` : venue;
          }),
        ),
        '; ',
      ),
    };
    if (shares.length === 0) rows.push({ ...common, ownerOrganizationId: null, sharePct: null, ...tail });
    for (const s of shares) rows.push({ ...common, ownerOrganizationId: str(s.organizationId), sharePct: num(s.pct), ...tail });
  });
  return rows;
}

interface ControlledItem {
  itemKind: 'background' | 'result';
  item: Obj;
  key: string;
  category: string;
  annexIEntry: string | null;
}

/** Items whose export-control category is an Annex I category ('none' and absent are not controlled). */
function controlledItems(c: Obj | null): ControlledItem[] {
  const out: ControlledItem[] = [];
  const collect = (itemKind: ControlledItem['itemKind'], list: Obj[]) =>
    list.forEach((item, i) => {
      const control = obj(item.exportControl);
      const category = str(control?.category);
      if (category !== null && (EXPORT_CONTROL_CATEGORIES as readonly string[]).includes(category))
        out.push({ itemKind, item, key: keyOf(item, i), category, annexIEntry: str(control?.annexIEntry) });
    });
  collect('background', objs(c?.background));
  // Results carry no category in today's schema; read one anyway should a version hold it.
  collect('result', objs(c?.results));
  return out;
}

/** Whether access right `ar` (of this declaration) grants access to the declaring organization's item. */
function grantsAccessTo(ar: Obj, item: ControlledItem, organizationId: string): boolean {
  if (ar.direction !== 'granted') return false;
  const s = obj(ar.subject);
  if (!s || s.kind !== item.itemKind) return false;
  if (item.itemKind === 'result') return s.resultKey === item.key;
  const owner = str(s.ownerOrganizationId);
  return s.itemKey === item.key && (owner === null || owner === organizationId);
}

/**
 * The dual-use register of one version (Reg. (EU) 2021/821): each item with an Annex I category, once per access
 * right the declaring organization granted on it, or once with empty access columns when it granted none.
 * `retainUntil` is the version's save day + {@link DUAL_USE_RETENTION_YEARS} years (29 February → 1 March).
 */
export function dualUseRows(meta: DeclarationVersionMeta, content: unknown): ExportRow[] {
  const c = obj(content);
  const rights = objs(c?.accessRights);
  const retainUntil = addYears(utcDay(meta.savedAt), DUAL_USE_RETENTION_YEARS);
  const rows: ExportRow[] = [];
  for (const it of controlledItems(c)) {
    const head = {
      ...itemRegisterKey(meta),
      itemKind: it.itemKind,
      itemKey: it.key,
      title: str(it.item.title),
      category: it.category,
      annexIEntry: it.annexIEntry,
    };
    const granted = rights.filter((ar) => grantsAccessTo(ar, it, meta.organizationId));
    if (granted.length === 0) {
      rows.push({
        ...head,
        accessRightKey: null,
        beneficiaryOrganizationId: null,
        purpose: null,
        exclusive: null,
        fieldOfUse: null,
        territoryScope: null,
        territoryCountries: null,
        retainUntil,
      });
    }
    granted.forEach((ar) => {
      const territory = obj(ar.territory);
      rows.push({
        ...head,
        accessRightKey: str(ar.key),
        beneficiaryOrganizationId: str(ar.beneficiaryOrganizationId),
        purpose: str(ar.purpose),
        exclusive: bool(ar.exclusive),
        fieldOfUse: str(ar.fieldOfUse),
        territoryScope: str(territory?.scope),
        territoryCountries: joined(strs(territory?.countries)),
        retainUntil,
      });
    });
  }
  return rows;
}
