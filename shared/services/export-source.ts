import type { ExportRequest } from '../domain/exports/request';
import type { ExportKind, ExportRow } from '../domain/exports/columns';
import { auditRow } from '../domain/exports/audit-rows';
import { approvalRows, backgroundRows, controlEventRow, declarationVersionRow, dualUseRows, flagRow, resultOwnershipRows } from '../domain/exports/rows';
import type { AuditEvent } from '../domain/audit';
import type { ControlEvent } from '../domain/control-event';
import { currentVersionsOf, datedPages, declarationHeadsOf, partitionPages, projectIdPages, type ExportScope } from '../store/export-reads';
import { declarationVersionOf, listDeclarationHeads, type DeclarationHead } from '../store/declarations';
import { listFlags, type StoredFlag } from '../store/flags';
import { getWorkflow } from '../store/workflow';
import { getProjectHeader } from '../store/projects';
import { orgChain, projectChain, queries } from '../store/keys';

/**
 * Where each export kind reads its rows (docs/exports.md, "The job"): batches of rows, one DynamoDB page at a
 * time. Without a project or an organization, a period of the whole pôle comes from the dated index (gsi3);
 * with one, from the project's or organization's partitions. Rows outside [from, to] are dropped here.
 */
export type RowBatches = AsyncGenerator<ExportRow[]>;

type Period = Pick<ExportRequest, 'from' | 'to'>;

/** Is an instant or a date (ISO 8601) within the period, both days inclusive (UTC)? */
export const inPeriod = (at: string | null | undefined, p: Period): boolean => {
  if (!at) return false;
  const day = at.slice(0, 10);
  return (!p.from || day >= p.from) && (!p.to || day <= p.to);
};

const scopeOf = (r: ExportRequest): ExportScope => ({ projectId: r.projectId, organizationId: r.organizationId });

async function* audit(r: ExportRequest): RowBatches {
  const pages = r.projectId
    ? partitionPages<AuditEvent>(queries.auditEvents(projectChain(r.projectId)))
    : r.organizationId
      ? partitionPages<AuditEvent>(queries.auditEvents(orgChain(r.organizationId)))
      : datedPages<AuditEvent>('AUDIT', r.from, r.to);
  for await (const page of pages) yield page.filter((e) => inPeriod(e.at, r)).map(auditRow);
}

async function* flags(r: ExportRequest): RowBatches {
  if (!r.projectId && !r.organizationId) {
    for await (const page of datedPages<StoredFlag>('FLAG', r.from, r.to)) yield page.map((f) => flagRow(f, r.locale));
    return;
  }
  for await (const ids of projectIdPages(scopeOf(r))) {
    for (const id of ids) yield (await listFlags(id)).filter((f) => inPeriod(f.createdAt, r)).map((f) => flagRow(f, r.locale));
  }
}

async function* controlEvents(r: ExportRequest): RowBatches {
  let orgIds: string[] | null = null;
  if (r.organizationId) orgIds = [r.organizationId];
  else if (r.projectId) orgIds = ((await getProjectHeader(r.projectId))?.members ?? []).map((m) => m.organizationId);
  if (!orgIds) {
    for await (const page of datedPages<ControlEvent>('CTRL', r.from, r.to)) yield page.map(controlEventRow);
    return;
  }
  for (const orgId of orgIds) {
    for await (const page of partitionPages<ControlEvent>(queries.controlEvents(orgId)))
      yield page.filter((e) => inPeriod(e.recordedAt, r)).map(controlEventRow);
  }
}

async function* approvals(r: ExportRequest): RowBatches {
  for await (const ids of projectIdPages(scopeOf(r))) {
    for (const id of ids) {
      const wf = await getWorkflow(id);
      if (wf) yield approvalRows(id, wf.state).filter((row) => inPeriod(row.at as string, r));
    }
  }
}

/** The declaration heads of the scope's projects (only the organization's own when one is named). */
async function* headsOf(r: ExportRequest): AsyncGenerator<DeclarationHead[]> {
  for await (const ids of projectIdPages(scopeOf(r))) {
    for (const id of ids) {
      const heads = await listDeclarationHeads(id);
      yield r.organizationId ? heads.filter((h) => h.organizationId === r.organizationId) : heads;
    }
  }
}

async function* declarationsRegister(r: ExportRequest): RowBatches {
  if (!r.projectId && !r.organizationId) {
    // The versions of the whole pôle in time order; their heads (for the submissions) read per page in one batch.
    for await (const page of datedPages<Record<string, unknown>>('DECL', r.from, r.to, true)) {
      const heads = await declarationHeadsOf(page.map((i) => ({ projectId: i.projectId as string, organizationId: i.organizationId as string })));
      const rows: ExportRow[] = [];
      for (const item of page) {
        const v = await declarationVersionOf(item);
        rows.push(declarationVersionRow(v, v.content, heads.get(`${v.projectId}/${v.organizationId}`) ?? null));
      }
      yield rows;
    }
    return;
  }
  for await (const heads of headsOf(r)) {
    for (const h of heads) {
      for await (const page of partitionPages<Record<string, unknown>>(queries.declarationVersions(h.projectId, h.organizationId), true)) {
        const rows: ExportRow[] = [];
        for (const item of page) {
          if (!inPeriod(item.savedAt as string, r)) continue;
          const v = await declarationVersionOf(item);
          rows.push(declarationVersionRow(v, v.content, h));
        }
        yield rows;
      }
    }
  }
}

/** The item registers: the current version of each declaration of the scope, when it was saved in the period. */
function currentVersions(toRows: typeof backgroundRows) {
  return async function* (r: ExportRequest): RowBatches {
    for await (const heads of headsOf(r)) {
      const rows: ExportRow[] = [];
      for (const v of await currentVersionsOf(heads)) if (inPeriod(v.savedAt, r)) rows.push(...toRows(v, v.content));
      yield rows;
    }
  };
}

const SOURCES: Record<ExportKind, (r: ExportRequest) => RowBatches> = {
  audit,
  flags,
  'control-events': controlEvents,
  approvals,
  'declarations-register': declarationsRegister,
  'background-register': currentVersions(backgroundRows),
  'results-ownership': currentVersions(resultOwnershipRows),
  'dual-use-register': currentVersions(dualUseRows),
};

/** The rows of one kind for a request, in batches. */
export const rowBatches = (kind: ExportKind, r: ExportRequest): RowBatches => SOURCES[kind](r);
