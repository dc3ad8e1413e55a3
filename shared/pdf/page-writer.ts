import {
  beginText,
  drawLine,
  endText,
  fillAndStroke,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setLineWidth,
  setStrokingColor,
  stroke,
  PDFHexString,
  PDFName,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type Color,
  type PDFDocument,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import type { AgreementFonts, FontStyle } from './fonts';
import { BODY, PAGE_HEIGHT, PAGE_WIDTH, baselineOf, type TextStyle } from './page-geometry';
import { wrapText } from './wrap';

/** Fixed resource names of the two fonts on every page (pdf-lib's own `setFont` adds a random suffix). */
const FONT_KEYS: Record<FontStyle, PDFName> = { regular: PDFName.of('F1'), bold: PDFName.of('F2') };
/** The code points a font has glyphs for, per fontkit font (parsed once per container, see fonts.ts). */
const charsets = new WeakMap<object, Set<number>>();
function characterSet(font: PDFFont): Set<number> {
  const key = (font as unknown as { embedder: { font: object } }).embedder.font;
  let set = charsets.get(key);
  if (!set) charsets.set(key, (set = new Set(font.getCharacterSet())));
  return set;
}

/** Coordinates to 1/100 pt: shorter content streams, and the same text whatever the float noise. */
const round = (v: number): number => Math.round(v * 100) / 100;

export interface Box {
  x: number;
  top: number;
  width: number;
  height: number;
}

interface PageState {
  page: PDFPage;
  ops: PDFOperator[];
  /** The open text object's font, size and colour; undefined outside BT … ET. */
  text: { font: FontStyle; size: number; color: Color } | undefined;
}

/**
 * Draws on the pages of one document, top to bottom, with a cursor `y` (the top of the next line box). It adds
 * pages on demand, wraps and measures text, and writes the content streams itself:
 *  - fixed font resource names (F1, F2), so that the output depends only on what is drawn;
 *  - consecutive lines share one text object (BT … ET) and set the font and colour only when they change;
 *  - text is shaped word by word, each distinct word once (fontkit's shaping is the costly part): pdf-lib draws
 *    glyph advances without kerning, and no ligature spans a space, so a line is its words' glyphs joined by the
 *    space glyph, and its width the sum of theirs.
 * Call {@link finish} once everything is drawn.
 */
export class PageWriter {
  /** Top of the next line box on the current page. */
  y: number = BODY.top;
  private breakPending = false;
  private readonly states: PageState[] = [];
  private readonly widths: Record<FontStyle, Map<string, number>> = { regular: new Map(), bold: new Map() };
  private readonly glyphs: Record<FontStyle, Map<string, string>> = { regular: new Map(), bold: new Map() };

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: AgreementFonts,
  ) {}

  get pages(): PDFPage[] {
    return this.states.map((s) => s.page);
  }

  /** True when nothing has been drawn in the body of the current page yet. */
  get atTop(): boolean {
    return this.y >= BODY.top;
  }

  /** Height left in the body of the current page. */
  get remaining(): number {
    return this.y - BODY.bottom;
  }

  newPage(): void {
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    page.node.setFontDictionary(FONT_KEYS.regular, this.fonts.regular.ref);
    page.node.setFontDictionary(FONT_KEYS.bold, this.fonts.bold.ref);
    this.states.push({ page, ops: [], text: undefined });
    this.y = BODY.top;
  }

  /**
   * Before drawing `height` points of body: starts a new page if a page break is pending or if `height` does not
   * fit below the cursor — unless the page is still empty (a new one would gain nothing).
   */
  ensure(height: number): void {
    if (!this.states.length || ((this.breakPending || height > this.remaining) && !this.atTop)) this.newPage();
    this.breakPending = false;
  }

  /** A page break, taking effect when something is drawn next (so that none leaves a blank page at the end). */
  pageBreak(): void {
    this.breakPending = true;
  }

  /** Moves the cursor down (never below the body's bottom: the next line then starts a page). */
  skip(height: number): void {
    this.y = Math.max(BODY.bottom, this.y - height);
  }

  /**
   * The text as the font can show it: NFC, controls as spaces, characters without a glyph in the font as U+FFFD
   * (DejaVu covers Latin, Greek and Cyrillic; a CJK name would otherwise become invisible .notdef boxes).
   */
  printable(text: string, style: FontStyle): string {
    const charset = characterSet(this.fonts[style]);
    let out = '';
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a || cp === 0x09) out += ch;
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
      else out += charset.has(cp) ? ch : '\ufffd';
    }
    return out;
  }

  /** Width of `text` in points: the sum of its words' glyph advances (as a Tj draws them) and of its spaces. */
  width(text: string, style: TextStyle): number {
    const words = text.split(' ');
    let units = (words.length - 1) * this.unitWidth(' ', style.font);
    for (const word of words) if (word) units += this.unitWidth(word, style.font);
    return units * style.size;
  }

  /** Wraps `text` (made printable) into lines no wider than `maxWidth`. */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    return wrapText(this.printable(text, style.font), maxWidth, (s) => this.width(s, style));
  }

  /** Draws one line of already wrapped (printable) text in the line box starting at `top`. */
  text(line: string, x: number, top: number, style: TextStyle, page?: PDFPage): void {
    if (!line) return;
    const st = this.state(page);
    const open = st.text;
    if (!open) st.ops.push(beginText());
    if (!open || open.font !== style.font || open.size !== style.size) st.ops.push(setFontAndSize(FONT_KEYS[style.font], style.size));
    if (!open || open.color !== style.color) st.ops.push(setFillingColor(style.color));
    st.text = { font: style.font, size: style.size, color: style.color };
    st.ops.push(setTextMatrix(1, 0, 0, 1, round(x), round(baselineOf(top, style))), showText(this.encode(line, style.font)));
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: Color, page?: PDFPage): void {
    this.graphics(drawLine({ start: { x: round(x1), y: round(y1) }, end: { x: round(x2), y: round(y2) }, thickness, color }), page);
  }

  /** Rectangles given by their top-left corner, stroked with `border` and filled with `fill` when given: one path. */
  rects(boxes: readonly Box[], border: { width: number; color: Color }, fill?: Color): void {
    const ops = [pushGraphicsState(), setLineWidth(border.width), setStrokingColor(border.color)];
    if (fill) ops.push(setFillingColor(fill));
    for (const b of boxes) ops.push(rectangle(round(b.x), round(b.top - b.height), round(b.width), round(b.height)));
    ops.push(fill ? fillAndStroke() : stroke(), popGraphicsState());
    this.graphics(ops);
  }

  /** Closes the open text objects and writes every page's content stream. */
  finish(): void {
    for (const st of this.states) {
      if (st.text) st.ops.push(endText());
      st.text = undefined;
      for (let i = 0; i < st.ops.length; i += 4096) st.page.pushOperators(...st.ops.slice(i, i + 4096));
      st.ops = [];
    }
  }

  private graphics(ops: PDFOperator[], page?: PDFPage): void {
    const st = this.state(page);
    if (st.text) st.ops.push(endText()); // path operators are not allowed inside BT … ET
    st.text = undefined;
    st.ops.push(...ops);
  }

  private unitWidth(word: string, style: FontStyle): number {
    const cache = this.widths[style];
    let w = cache.get(word);
    if (w === undefined) cache.set(word, (w = this.font(style).widthOfTextAtSize(word, 1)));
    return w;
  }

  /** The glyph codes of a line (hex), shaped word by word; shaping also adds the glyphs to the font subset. */
  private encode(line: string, style: FontStyle): PDFHexString {
    const cache = this.glyphs[style];
    const codes = (word: string): string => {
      let hex = cache.get(word);
      if (hex === undefined) cache.set(word, (hex = word ? this.font(style).encodeText(word).asString() : ''));
      return hex;
    };
    return PDFHexString.of(line.split(' ').map(codes).join(codes(' ')));
  }

  private font(style: FontStyle): PDFFont {
    return this.fonts[style];
  }

  private state(page?: PDFPage): PageState {
    if (!this.states.length) this.newPage();
    if (!page) return this.states[this.states.length - 1]!;
    return this.states.find((s) => s.page === page)!;
  }
}
