import type { AgreementDocument, Block } from '../domain/agreement/document';
import { BODY, STYLES, type TextStyle } from './page-geometry';
import type { PageWriter } from './page-writer';

/** Headings, paragraphs, bullet lists, page breaks and the title block: text that flows line by line. */

type Of<K extends Block['kind']> = Extract<Block, { kind: K }>;

const HEADING_SPACE_BEFORE = { 1: 14, 2: 8 } as const;
const HEADING_SPACE_AFTER = 5;
const PARAGRAPH_SPACE_AFTER = 6;
const BULLET_INDENT = 14;
const BULLET_SPACE_AFTER = 2;
/** A heading stays with at least this much of what follows (two body lines): no heading alone at a page's foot. */
const KEEP_WITH_NEXT = 2 * STYLES.body.leading;

/** Draws wrapped lines from the cursor, starting a new page whenever the next line does not fit. */
export function flowLines(w: PageWriter, lines: readonly string[], x: number, style: TextStyle): void {
  for (const line of lines) {
    w.ensure(style.leading);
    w.text(line, x, w.y, style);
    w.y -= style.leading;
  }
}

/** Page 1: the title and subtitle, centred, then a rule. */
export function layoutTitle(w: PageWriter, title: AgreementDocument['title']): void {
  for (const [text, style] of [
    [title.heading, STYLES.title],
    [title.subtitle, STYLES.subtitle],
  ] as const) {
    for (const line of w.wrap(text, BODY.width, style)) {
      w.ensure(style.leading);
      w.text(line, BODY.left + (BODY.width - w.width(line, style)) / 2, w.y, style);
      w.y -= style.leading;
    }
    w.skip(4);
  }
  w.skip(6);
  w.line(BODY.left, w.y, BODY.right, w.y, 0.75, STYLES.body.color);
  w.skip(10);
}

export function layoutHeading(w: PageWriter, b: Of<'heading'>): void {
  const style = b.level === 1 ? STYLES.heading1 : STYLES.heading2;
  const lines = w.wrap(b.text, BODY.width, style);
  const before = HEADING_SPACE_BEFORE[b.level];
  w.ensure(before + lines.length * style.leading + HEADING_SPACE_AFTER + KEEP_WITH_NEXT);
  if (!w.atTop) w.skip(before);
  flowLines(w, lines, BODY.left, style);
  w.skip(HEADING_SPACE_AFTER);
}

export function layoutParagraph(w: PageWriter, b: Of<'paragraph'>): void {
  const style = b.style === 'small' ? STYLES.small : b.style === 'emphasis' ? STYLES.emphasis : STYLES.body;
  flowLines(w, w.wrap(b.text, BODY.width, style), BODY.left, style);
  w.skip(PARAGRAPH_SPACE_AFTER);
}

export function layoutBullets(w: PageWriter, b: Of<'bullets'>): void {
  const style = STYLES.body;
  for (const item of b.items) {
    const lines = w.wrap(item, BODY.width - BULLET_INDENT, style);
    w.ensure(style.leading);
    w.text('•', BODY.left + 3, w.y, style);
    flowLines(w, lines, BODY.left + BULLET_INDENT, style);
    w.skip(BULLET_SPACE_AFTER);
  }
  w.skip(PARAGRAPH_SPACE_AFTER - BULLET_SPACE_AFTER);
}

/** The next block starts a page (a break on an empty page, or at the very end, leaves no blank page). */
export function layoutPageBreak(w: PageWriter): void {
  w.pageBreak();
}
