import { PDFName, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { AgreementFonts, FontStyle } from './fonts';
import { BODY, PAGE_HEIGHT, PAGE_WIDTH, baselineOf, type TextStyle } from './page-geometry';
import { wrapText } from './wrap';

/** Fixed resource names of the two fonts on every page (pdf-lib's own `setFont` adds a random suffix). */
const FONT_KEYS: Record<FontStyle, string> = { regular: 'F1', bold: 'F2' };

/** A number as written in the content stream: at most two decimals, no exponent, no trailing zeros (ECMAScript's toFixed is exact). */
export function num(v: number): string {
  const s = (Math.round(v * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** "r g b" of an RGB colour (the only kind the renderer uses). */
const rgbOf = (c: Color): string => {
  const { red, green, blue } = c as unknown as { red: number; green: number; blue: number };
  return `${num(red)} ${num(green)} ${num(blue)}`;
};

/** The code points a font has glyphs for, per fontkit font (parsed once per container, see fonts.ts). */
const charsets = new WeakMap<object, Set<number>>();
function characterSet(font: PDFFont): Set<number> {
  const key = (font as unknown as { embedder: { font: object } }).embedder.font;
  let set = charsets.get(key);
  if (!set) charsets.set(key, (set = new Set(font.getCharacterSet())));
  return set;
}

export interface Box {
  x: number;
  top: number;
  width: number;
  height: number;
}

interface PageState {
  page: PDFPage;
  /** The page's content-stream operators, one or a few per entry. */
  ops: string[];
  /** The open text object's font, size and colour; undefined outside BT … ET. */
  text: { font: FontStyle; size: number; color: string } | undefined;
}

/**
 * Draws on the pages of one document, top to bottom, with a cursor `y` (the top of the next line box). It adds
 * pages on demand, wraps and measures text, and writes each page's content stream itself, as text:
 *  - fixed font resource names (F1, F2), so that the output depends only on what is drawn;
 *  - consecutive lines share one text object (BT … ET) and set the font and colour only when they change;
 *  - numbers with at most two decimals (1/100 pt);
 *  - text is shaped word by word, each distinct word once (fontkit's shaping is the costly part): pdf-lib draws
 *    glyph advances without kerning, and no ligature spans a space, so a line is its words' glyphs joined by the
 *    space glyph, and its width the sum of theirs.
 * Writing the operators as text rather than as pdf-lib operator objects saves most of the time and memory that
 * pdf-lib spends building and serialising those objects (a 80-page agreement has ~30,000 lines).
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
    for (const style of ['regular', 'bold'] as const) {
      page.node.setFontDictionary(PDFName.of(FONT_KEYS[style]), this.fonts[style].ref);
    }
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
    const color = rgbOf(style.color);
    if (!open) st.ops.push('BT');
    if (!open || open.font !== style.font || open.size !== style.size) st.ops.push(`/${FONT_KEYS[style.font]} ${num(style.size)} Tf`);
    if (!open || open.color !== color) st.ops.push(`${color} rg`);
    st.text = { font: style.font, size: style.size, color };
    st.ops.push(`1 0 0 1 ${num(x)} ${num(baselineOf(top, style))} Tm <${this.encode(line, style.font)}> Tj`);
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: Color, page?: PDFPage): void {
    this.graphics(`q ${num(thickness)} w ${rgbOf(color)} RG ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`, page);
  }

  /** Rectangles given by their top-left corner, stroked with `border` and filled with `fill` when given: one path. */
  rects(boxes: readonly Box[], border: { width: number; color: Color }, fill?: Color): void {
    const path = boxes.map((b) => `${num(b.x)} ${num(b.top - b.height)} ${num(b.width)} ${num(b.height)} re`).join(' ');
    this.graphics(`q ${num(border.width)} w ${rgbOf(border.color)} RG ${fill ? `${rgbOf(fill)} rg ` : ''}${path} ${fill ? 'B' : 'S'} Q`);
  }

  /** Closes the open text objects and writes every page's content stream (Flate-compressed, as pdf-lib does). */
  finish(): void {
    for (const st of this.states) {
      if (st.text) st.ops.push('ET');
      st.text = undefined;
      const stream = this.doc.context.flateStream(st.ops.join('\n'));
      st.page.node.addContentStream(this.doc.context.register(stream));
      st.ops = [];
    }
  }

  private graphics(op: string, page?: PDFPage): void {
    const st = this.state(page);
    if (st.text) st.ops.push('ET'); // path operators are not allowed inside BT … ET
    st.text = undefined;
    st.ops.push(op);
  }

  private unitWidth(word: string, style: FontStyle): number {
    const cache = this.widths[style];
    let w = cache.get(word);
    if (w === undefined) cache.set(word, (w = this.font(style).widthOfTextAtSize(word, 1)));
    return w;
  }

  /** The glyph codes of a line (hex), shaped word by word; shaping also adds the glyphs to the font subset. */
  private encode(line: string, style: FontStyle): string {
    const cache = this.glyphs[style];
    const codes = (word: string): string => {
      let hex = cache.get(word);
      if (hex === undefined) cache.set(word, (hex = word ? this.font(style).encodeText(word).asString() : ''));
      return hex;
    };
    return line.split(' ').map(codes).join(codes(' '));
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
