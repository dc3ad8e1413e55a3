import type { Block } from '../domain/agreement/document';
import { BODY, HEADER_FILL, RULE_COLOR, STYLES, type TextStyle } from './page-geometry';
import type { PageWriter } from './page-writer';

/**
 * Tables that span pages. Every cell is wrapped to its column (long words hard-broken), so nothing is ever cut:
 *  - the header row is drawn again at the top of each page the table continues on;
 *  - a row that does not fit in the space left moves whole to the next page;
 *  - a row taller than a whole page is split between lines (never inside a line): its cells continue, in step,
 *    on the next page under the repeated header.
 * Cells are drawn as stroked rectangles, one per cell and page slice.
 */

type Table = Extract<Block, { kind: 'table' }>;

/** Inner padding of a cell (text is drawn `CELL_PAD` from each border). */
export const CELL_PAD = 3;
const PAD = CELL_PAD;
const BORDER = { width: 0.5, color: RULE_COLOR };
const CAPTION_SPACE_AFTER = 3;
const TABLE_SPACE_AFTER = 10;
/** A split row starts on the current page only if at least this many of its lines fit there. */
const MIN_SPLIT_LINES = 3;

export interface Grid {
  x: number[];
  widths: number[];
}

/** Column positions from the relative weights (missing or non-positive weights count as 1). */
export function columnGrid(count: number, weights: readonly number[]): Grid {
  const ws = Array.from({ length: count }, (_, i) => (weights[i] !== undefined && weights[i]! > 0 ? weights[i]! : 1));
  const total = ws.reduce((a, b) => a + b, 0);
  const widths = ws.map((v) => (BODY.width * v) / total);
  const x: number[] = [];
  widths.reduce((left, width) => (x.push(left), left + width), BODY.left);
  return { x, widths };
}

/** Height of a band of cells `lines` lines tall (padding included). */
export const heightOf = (lines: number, leading: number): number => lines * leading + 2 * PAD;

export function layoutTable(w: PageWriter, t: Table): void {
  const count = Math.max(1, t.columns.length);
  const grid = columnGrid(count, t.widths);
  const wrapCells = (cells: readonly string[], style: TextStyle) =>
    Array.from({ length: count }, (_, i) => w.wrap(cells[i] ?? '', grid.widths[i]! - 2 * PAD, style));
  const header = wrapCells(t.columns, STYLES.cellHeader);
  const headerLines = Math.max(...header.map((c) => c.length));
  const headerHeight = heightOf(headerLines, STYLES.cellHeader.leading);
  const rows = t.rows.map((r) => wrapCells(r, STYLES.cell));
  const caption = t.caption ? w.wrap(t.caption, BODY.width, STYLES.caption) : [];
  const captionHeight = caption.length ? caption.length * STYLES.caption.leading + CAPTION_SPACE_AFTER : 0;

  const drawHeader = (): void => drawSlice(w, grid, header, 0, headerLines, STYLES.cellHeader, true);
  const newPageWithHeader = (): void => {
    w.newPage();
    drawHeader();
  };

  // The caption, the header and the first row (or its first lines, if it is taller than a page) start together.
  const firstRowLines = rows[0] ? Math.max(...rows[0].map((c) => c.length)) : 0;
  const firstRowHeight = heightOf(Math.min(firstRowLines, MIN_SPLIT_LINES), STYLES.cell.leading);
  w.ensure(captionHeight + headerHeight + (rows.length ? firstRowHeight : 0));
  for (const line of caption) {
    w.text(line, BODY.left, w.y, STYLES.caption);
    w.y -= STYLES.caption.leading;
  }
  if (caption.length) w.skip(CAPTION_SPACE_AFTER);
  drawHeader();

  for (const row of rows) {
    const lines = Math.max(...row.map((c) => c.length));
    const height = heightOf(lines, STYLES.cell.leading);
    // Moves whole to the next page if it fits there; a taller row starts here if a few of its lines fit.
    if (height > w.remaining && (headerHeight + height <= BODY.height || w.remaining < heightOf(MIN_SPLIT_LINES, STYLES.cell.leading))) {
      newPageWithHeader();
    }
    // Draw the row in as many slices as pages it needs (one slice when it fits). At least one line a slice: only a
    // header taller than a page leaves no room, and the rows must still get through.
    for (let from = 0; from < lines;) {
      const fit = Math.max(1, Math.floor((w.remaining - 2 * PAD) / STYLES.cell.leading));
      const to = Math.min(lines, from + fit);
      drawSlice(w, grid, row, from, to, STYLES.cell, false);
      from = to;
      if (from < lines) newPageWithHeader();
    }
  }
  w.skip(TABLE_SPACE_AFTER);
}

/** Lines [from, to) of every cell of a row, in one band of cells at the cursor; moves the cursor below it. */
export function drawSlice(w: PageWriter, grid: Grid, cells: string[][], from: number, to: number, style: TextStyle, isHeader: boolean): void {
  const height = heightOf(to - from, style.leading);
  const top = w.y;
  w.rects(
    cells.map((_, i) => ({ x: grid.x[i]!, top, width: grid.widths[i]!, height })),
    BORDER,
    isHeader ? HEADER_FILL : undefined,
  );
  cells.forEach((lines, i) => {
    lines.slice(from, to).forEach((line, k) => w.text(line, grid.x[i]! + PAD, top - PAD - k * style.leading, style));
  });
  w.y = top - height;
}
