import type { Block } from '../domain/agreement/document';
import { BODY, RULE_COLOR, STYLES } from './page-geometry';
import type { PageWriter } from './page-writer';

/**
 * Signature blocks: one box per party, two boxes side by side. A box is never split: a row of boxes that does
 * not fit in the space left starts the next page. Each label sits above its value (no "label : value" line, whose
 * punctuation would depend on the language), then a blank area to sign in.
 */

type Signatures = Extract<Block, { kind: 'signatures' }>;

const COLUMNS = 2;
const GUTTER = 14;
const PAD = 6;
const SIGNING_AREA = 48;
const ROW_GAP = 10;
const BORDER = { width: 0.75, color: RULE_COLOR };

export function layoutSignatures(w: PageWriter, b: Signatures): void {
  const boxWidth = (BODY.width - GUTTER * (COLUMNS - 1)) / COLUMNS;
  const inner = boxWidth - 2 * PAD;
  const boxes = b.parties.map((p) => [
    ...w.wrap(p.legalName, inner, STYLES.emphasis).map((text) => ({ text, style: STYLES.emphasis })),
    ...labelled(w, b.labels.name, p.signatoryName, inner),
    ...labelled(w, b.labels.position, p.signatoryPosition, inner),
    ...labelled(w, b.labels.date, '', inner),
    ...w.wrap(b.labels.signature, inner, STYLES.label).map((text) => ({ text, style: STYLES.label })),
  ]);
  const heightOf = (lines: { style: { leading: number } }[]) => lines.reduce((h, l) => h + l.style.leading, 2 * PAD + SIGNING_AREA);

  for (let i = 0; i < boxes.length; i += COLUMNS) {
    const row = boxes.slice(i, i + COLUMNS);
    const height = Math.max(...row.map(heightOf));
    w.ensure(height);
    const top = w.y;
    const xOf = (k: number) => BODY.left + k * (boxWidth + GUTTER);
    w.rects(
      row.map((_, k) => ({ x: xOf(k), top, width: boxWidth, height })),
      BORDER,
    );
    row.forEach((lines, k) => {
      const x = xOf(k);
      let y = top - PAD;
      for (const line of lines) {
        w.text(line.text, x + PAD, y, line.style);
        y -= line.style.leading;
      }
    });
    w.y = top - height;
    w.skip(ROW_GAP);
  }
}

/** A grey label line, then the value's lines (one empty line to write on when there is no value). */
function labelled(w: PageWriter, label: string, value: string, width: number) {
  return [
    ...w.wrap(label, width, STYLES.label).map((text) => ({ text, style: STYLES.label })),
    ...w.wrap(value, width, STYLES.body).map((text) => ({ text, style: STYLES.body })),
  ];
}
