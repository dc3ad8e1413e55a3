import { PDFDocument } from 'pdf-lib';
import { colon, formatDate, formatInstant, formatInstantDay, formatSiren } from '../domain/agreement/format';
import { PROJECT_SUMMARY_LABELS, labelOf, type ProjectSummary, type ProjectSummaryLabels } from '../domain/exports/project-summary';
import type { Lang } from '../domain/i18n/lang';
import { embedAgreementFonts } from './fonts';
import { CELL_PAD, columnGrid, drawSlice, heightOf, type Grid } from './layout-table';
import { PDF_CREATOR } from './metadata';
import { BODY, MARGIN, RULE_COLOR, STYLES, type TextStyle } from './page-geometry';
import { PageWriter } from './page-writer';

/**
 * The `project-summary` export (docs/exports.md "Project summary (PDF)"): one A4 page per project, with the
 * agreement's pdf-lib setup (DejaVu embedded as fixed-name subsets, {@link PageWriter}'s content streams, the
 * table cells of layout-table.ts). A page never overflows: titles and cells are cut to a few lines with "…", and
 * the three lists (partners, flags, decisions) share the room left, row by row in turn, each cut list ending
 * with "… and N more". Deterministic: the dates of the document are `meta.generatedAt`, no clock is read.
 */

export const PROJECT_SUMMARY_RENDERER_VERSION = 1;
export const PROJECT_SUMMARY_PRODUCER = `Vigie project summary renderer ${PROJECT_SUMMARY_RENDERER_VERSION} (pdf-lib, DejaVu Sans)`;

export interface ProjectSummaryMeta {
  /** ISO instant: printed on every page and used as the PDF's creation and modification dates. */
  generatedAt: string;
  /** The export's period (YYYY-MM-DD, inclusive), printed under the title when given. */
  period?: { from?: string; to?: string };
}

/** No footer: the body runs down to the bottom margin. */
const BOTTOM = MARGIN;
const MAX_TITLE_LINES = 3;
const MAX_INFO_LINES = 2;
const MAX_CELL_LINES = 3;
const MAX_COMMENT_LINES = 2;
const SECTION_SPACE_BEFORE = 9;
const HEADING_SPACE_AFTER = 3;
const TABLE_SPACE_BEFORE = 3;
const ELLIPSIS = '…';
const SEP = ' · ';

interface Lines {
  kind: 'lines';
  lines: string[];
  style: TextStyle;
  before: number;
  after: number;
}
interface Rule {
  kind: 'rule';
  before: number;
  after: number;
}
interface Table {
  kind: 'table';
  grid: Grid;
  header: string[][];
  rows: string[][][];
  /** Rows drawn (set by {@link allocateRows}). */
  shown: number;
  /** The line that ends a cut list. */
  more: (hidden: number) => string;
}
type Part = Lines | Rule | Table;

const linesHeight = (p: Lines): number => p.before + p.lines.length * p.style.leading + p.after;
const rowHeight = (row: string[][]): number => heightOf(Math.max(1, ...row.map((c) => c.length)), STYLES.cell.leading);
const MORE_HEIGHT = STYLES.small.leading;

/**
 * Renders one page per summary, in the order given (read once, as they come: an async source is not buffered
 * beyond the page content). An empty source gives a single page saying so.
 */
export async function renderProjectSummaries(
  summaries: AsyncIterable<ProjectSummary> | Iterable<ProjectSummary>,
  lang: Lang,
  meta: ProjectSummaryMeta,
): Promise<Uint8Array> {
  const L = PROJECT_SUMMARY_LABELS[lang];
  const doc = await PDFDocument.create({ updateMetadata: false });
  const w = new PageWriter(doc, await embedAgreementFonts(doc));
  for await (const summary of summaries) {
    w.newPage();
    drawHeader(w, L, lang, meta);
    drawParts(w, summaryParts(w, summary, L, lang));
  }
  if (!w.pages.length) {
    w.newPage();
    drawHeader(w, L, lang, meta);
    drawParts(w, [lines(w, L.noProjects, STYLES.body, BODY.width, 2, 6, 0)]);
  }
  drawPageNumbers(w, L);
  w.finish();
  const at = new Date(meta.generatedAt);
  doc.setTitle(L.documentTitle, { showInWindowTitleBar: true });
  doc.setSubject(L.exportTitle);
  doc.setLanguage(lang === 'fr' ? 'fr-FR' : 'en-GB');
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(PROJECT_SUMMARY_PRODUCER);
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  // As the agreement: a classic cross-reference table, no object streams, no /ID.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

// ---------------------------------------------------------------------------------------------------------
// Header and page numbers

/** Line 1: the export title (the page number is added at the end, right-aligned); line 2: generated, period. */
function drawHeader(w: PageWriter, L: ProjectSummaryLabels, lang: Lang, meta: ProjectSummaryMeta): void {
  const label = STYLES.label;
  w.text(capLines(w, w.wrap(L.exportTitle, BODY.width * 0.75, label), 1, BODY.width * 0.75, label)[0] ?? '', BODY.left, BODY.top, label);
  const from = meta.period?.from ? formatDate(meta.period.from, lang) : null;
  const to = meta.period?.to ? formatDate(meta.period.to, lang) : null;
  const info = `${L.generatedAt} ${formatInstant(meta.generatedAt, lang)}${from || to ? `${SEP}${L.period(from, to)}` : ''}`;
  const small = STYLES.small;
  w.y = BODY.top - label.leading;
  for (const line of capLines(w, w.wrap(info, BODY.width, small), 2, BODY.width, small)) {
    w.text(line, BODY.left, w.y, small);
    w.y -= small.leading;
  }
  w.y -= 3;
  w.line(BODY.left, w.y, BODY.right, w.y, 0.5, RULE_COLOR);
  w.y -= 8;
}

function drawPageNumbers(w: PageWriter, L: ProjectSummaryLabels): void {
  const n = w.pages.length;
  w.pages.forEach((page, i) => {
    const text = w.printable(L.page(i + 1, n), STYLES.label.font);
    w.text(text, BODY.right - w.width(text, STYLES.label), BODY.top, STYLES.label, page);
  });
}

// ---------------------------------------------------------------------------------------------------------
// The page's parts

function summaryParts(w: PageWriter, s: ProjectSummary, L: ProjectSummaryLabels, lang: Lang): Part[] {
  const c = colon(lang);
  const p = s.project;
  const heading = (text: string): Lines => lines(w, text, STYLES.heading2, BODY.width, 1, SECTION_SPACE_BEFORE, HEADING_SPACE_AFTER);
  const parts: Part[] = [
    lines(w, p.title, STYLES.title, BODY.width, MAX_TITLE_LINES, 0, 2),
    lines(w, `${p.acronym}${SEP}${p.id}`, STYLES.subtitle, BODY.width, MAX_INFO_LINES, 0, 2),
    lines(
      w,
      `${L.projectStatus}${c}${labelOf(L.projectStatusValue, p.status)}${SEP}${L.projectDates}${c}${formatDate(p.startDate, lang)} – ${formatDate(p.endDate, lang)}`,
      STYLES.body,
      BODY.width,
      MAX_INFO_LINES,
      0,
      0,
    ),
    { kind: 'rule', before: 4, after: 2 },
  ];

  parts.push(heading(`${L.partners} (${s.partners.length})`));
  if (!s.partners.length) parts.push(lines(w, L.noPartners, STYLES.body, BODY.width, 1, 0, 0));
  else
    parts.push(
      table(
        w,
        L,
        [5, 3, 2],
        [L.partnerColumns.name, L.partnerColumns.identifier, L.partnerColumns.role],
        s.partners.map((x) => [
          x.name,
          x.siren ? `${formatSiren(x.siren)} (${x.country ?? 'FR'})` : [x.country, x.registrationId].filter(Boolean).join(SEP) || '—',
          labelOf(L.partnerRole, x.role),
        ]),
      ),
    );

  const f = s.flags;
  const counts = (labels: Record<string, string>, byKey: Record<string, number>) =>
    Object.entries(byKey)
      .map(([k, n]) => `${labelOf(labels, k)} ${n}`)
      .join(SEP);
  parts.push(heading(L.flags));
  parts.push(lines(w, L.flagTotals(f.total), STYLES.body, BODY.width, 1, 0, 0));
  parts.push(lines(w, `${L.bySeverity}${c}${counts(L.severity, f.bySeverity)}`, STYLES.small, BODY.width, MAX_INFO_LINES, 0, 0));
  parts.push(lines(w, `${L.byStatus}${c}${counts(L.flagStatus, f.byStatus)}`, STYLES.small, BODY.width, MAX_INFO_LINES, 0, 0));
  if (!f.listed.length) parts.push(lines(w, L.noListedFlags, STYLES.body, BODY.width, 1, 2, 0));
  else
    parts.push(
      table(
        w,
        L,
        [2.4, 6, 1.6, 2],
        [L.flagColumns.rule, L.flagColumns.title, L.flagColumns.severity, L.flagColumns.status],
        f.listed.map((x) => [x.ruleId, x.title[lang], labelOf(L.severity, x.severity), labelOf(L.flagStatus, x.status)]),
      ),
    );

  parts.push(heading(L.workflow));
  if (!s.workflow) parts.push(lines(w, L.noWorkflow, STYLES.body, BODY.width, 1, 0, 0));
  else {
    const wf = s.workflow;
    parts.push(
      lines(
        w,
        `${L.stage}${c}${labelOf(L.stageValue, wf.stage)}${SEP}${L.workflowStatusLabel}${c}${labelOf(L.workflowStatus, wf.status)}`,
        STYLES.body,
        BODY.width,
        1,
        0,
        0,
      ),
    );
    if (!wf.decisions.length) parts.push(lines(w, L.noDecisions, STYLES.body, BODY.width, 1, 2, 0));
    else {
      const cols = L.decisionColumns;
      parts.push(
        table(
          w,
          L,
          [2.2, 3, 2.2, 3.2, 3.6],
          [cols.at, cols.step, cols.decision, cols.by, cols.comment],
          wf.decisions.map((d) => [
            formatInstantDay(d.at, lang),
            `${d.kind ? labelOf(L.stepKind, d.kind) : d.stepId}${d.stepOrganization ? ` — ${d.stepOrganization}` : ''}`,
            labelOf(L.decision, d.decision),
            // A partner's organization is named once, in the step, when it decided its own step.
            `${d.by.email ?? labelOf(L.role, d.by.role)}${d.by.organization && d.by.organization !== d.stepOrganization ? ` (${d.by.organization})` : ''}`,
            d.comment,
          ]),
          [MAX_CELL_LINES, MAX_CELL_LINES, MAX_CELL_LINES, MAX_CELL_LINES, MAX_COMMENT_LINES],
        ),
      );
    }
  }

  parts.push(heading(L.agreement));
  const a = s.agreement;
  if (!a) parts.push(lines(w, L.noAgreement, STYLES.body, BODY.width, 1, 0, 0));
  else {
    const version = `${L.agreementVersion(a.version, formatInstantDay(a.generatedAt, lang))} (${labelOf(L.agreementStatus, a.status)})`;
    parts.push(lines(w, version, STYLES.body, BODY.width, MAX_INFO_LINES, 0, 0));
    parts.push(lines(w, `${L.signatures(a.signatures, a.partners)}${SEP}${L.signedLabel}${c}${a.signed ? L.yes : L.no}`, STYLES.body, BODY.width, 1, 0, 0));
  }
  allocateRows(parts, w.y - BOTTOM);
  return parts;
}

function lines(w: PageWriter, text: string, style: TextStyle, width: number, max: number, before: number, after: number): Lines {
  return { kind: 'lines', lines: capLines(w, w.wrap(text, width, style), max, width, style), style, before, after };
}

function table(w: PageWriter, L: ProjectSummaryLabels, weights: number[], columns: string[], rows: string[][], maxLines?: number[]): Table {
  const grid = columnGrid(columns.length, weights);
  const wrapCells = (cells: readonly string[], style: TextStyle, cap: (i: number) => number) =>
    cells.map((cell, i) => {
      const width = grid.widths[i]! - 2 * CELL_PAD;
      return capLines(w, w.wrap(cell, width, style), cap(i), width, style);
    });
  return {
    kind: 'table',
    grid,
    header: wrapCells(columns, STYLES.cellHeader, () => 2),
    rows: rows.map((r) => wrapCells(r, STYLES.cell, (i) => maxLines?.[i] ?? MAX_CELL_LINES)),
    shown: 0,
    more: L.andMore,
  };
}

/** At most `max` lines; the last one kept ends with "…" (shortened until it fits) when some were dropped. */
export function capLines(w: PageWriter, wrapped: readonly string[], max: number, width: number, style: TextStyle): string[] {
  if (wrapped.length <= max) return [...wrapped];
  const kept = wrapped.slice(0, max);
  let last = Array.from(kept[max - 1] ?? '');
  while (last.length && w.width(`${last.join('').trimEnd()}${ELLIPSIS}`, style) > width) last = last.slice(0, -1);
  kept[max - 1] = `${last.join('').trimEnd()}${ELLIPSIS}`;
  return kept;
}

const headerHeight = (t: Table): number => heightOf(Math.max(1, ...t.header.map((c) => c.length)), STYLES.cellHeader.leading);

/**
 * Decides how many rows of each table fit in `available` points: the lists take one row each in turn (so a
 * list of 300 flags does not push the decisions off the page), a list stops at its first row that does not
 * fit, and every cut list keeps room for its "… and N more" line.
 */
function allocateRows(parts: Part[], available: number): void {
  const tables = parts.filter((p): p is Table => p.kind === 'table');
  let used = 0;
  for (const p of parts) {
    if (p.kind === 'lines') used += linesHeight(p);
    else if (p.kind === 'rule') used += p.before + p.after;
    else used += TABLE_SPACE_BEFORE + headerHeight(p) + (p.rows.length ? MORE_HEIGHT : 0);
  }
  const open = new Set(tables.filter((t) => t.rows.length));
  while (open.size) {
    for (const t of [...open]) {
      const next = rowHeight(t.rows[t.shown]!);
      // Showing the last row also drops the "… and N more" line.
      const delta = next - (t.shown + 1 === t.rows.length ? MORE_HEIGHT : 0);
      if (used + delta > available) {
        open.delete(t);
        continue;
      }
      used += delta;
      t.shown++;
      if (t.shown === t.rows.length) open.delete(t);
    }
  }
}

function drawParts(w: PageWriter, parts: readonly Part[]): void {
  for (const p of parts) {
    if (p.kind === 'rule') {
      w.y -= p.before;
      w.line(BODY.left, w.y, BODY.right, w.y, 0.5, RULE_COLOR);
      w.y -= p.after;
    } else if (p.kind === 'lines') {
      w.y -= p.before;
      for (const line of p.lines) {
        w.text(line, BODY.left, w.y, p.style);
        w.y -= p.style.leading;
      }
      w.y -= p.after;
    } else {
      w.y -= TABLE_SPACE_BEFORE;
      drawSlice(w, p.grid, p.header, 0, Math.max(1, ...p.header.map((c) => c.length)), STYLES.cellHeader, true);
      for (const row of p.rows.slice(0, p.shown)) drawSlice(w, p.grid, row, 0, Math.max(1, ...row.map((c) => c.length)), STYLES.cell, false);
      const hidden = p.rows.length - p.shown;
      if (hidden > 0) {
        w.text(w.printable(p.more(hidden), STYLES.small.font), BODY.left, w.y, STYLES.small);
        w.y -= MORE_HEIGHT;
      }
    }
  }
}
