import { degrees, drawLine, drawRectangle, drawText, PDFName, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { AgreementFonts, FontStyle } from './fonts';
import { BODY, PAGE_HEIGHT, PAGE_WIDTH, baselineOf, type TextStyle } from './page-geometry';
import { wrapText } from './wrap';

/** Fixed resource names of the two fonts on every page (pdf-lib's own `setFont` adds a random suffix). */
const FONT_KEYS: Record<FontStyle, PDFName> = { regular: PDFName.of('F1'), bold: PDFName.of('F2') };
const NO_ROTATION = degrees(0);

/**
 * Draws on the pages of one document, top to bottom, with a cursor `y` (the top of the next line box). It adds
 * pages on demand, wraps and measures text (widths cached per string), and writes pdf-lib operators directly
 * with fixed font resource names, so that the output depends only on what is drawn.
 */
export class PageWriter {
  readonly pages: PDFPage[] = [];
  /** Top of the next line box on the current page. */
  y: number = BODY.top;
  private page: PDFPage | undefined;
  private readonly widths: Record<FontStyle, Map<string, number>> = { regular: new Map(), bold: new Map() };
  private readonly charsets: Partial<Record<FontStyle, Set<number>>> = {};

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: AgreementFonts,
  ) {}

  get pageCount(): number {
    return this.pages.length;
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
    this.pages.push(page);
    this.page = page;
    this.y = BODY.top;
  }

  /** Starts a new page unless `height` fits below the cursor (or the page is still empty: nothing would gain). */
  ensure(height: number): void {
    if (!this.page || (height > this.remaining && !this.atTop)) this.newPage();
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
    const charset = (this.charsets[style] ??= new Set(this.fonts[style].getCharacterSet()));
    let out = '';
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a || cp === 0x09) out += ch;
      else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
      else out += charset.has(cp) ? ch : '\ufffd';
    }
    return out;
  }

  /** Width of `text` in points (pdf-lib's measure: the glyphs' advance widths, as drawn by a Tj). */
  width(text: string, style: TextStyle): number {
    const cache = this.widths[style.font];
    let w = cache.get(text);
    if (w === undefined) cache.set(text, (w = this.font(style.font).widthOfTextAtSize(text, 1)));
    return w * style.size;
  }

  /** Wraps `text` (made printable) into lines no wider than `maxWidth`. */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    return wrapText(this.printable(text, style.font), maxWidth, (s) => this.width(s, style));
  }

  /** Draws one line of already wrapped text in the line box starting at `top`. */
  text(line: string, x: number, top: number, style: TextStyle, page: PDFPage = this.current()): void {
    if (!line) return;
    const font = this.font(style.font);
    page.pushOperators(
      ...drawText(font.encodeText(line), {
        color: style.color,
        font: FONT_KEYS[style.font],
        size: style.size,
        rotate: NO_ROTATION,
        xSkew: NO_ROTATION,
        ySkew: NO_ROTATION,
        x,
        y: baselineOf(top, style),
      }),
    );
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: Color, page: PDFPage = this.current()): void {
    page.pushOperators(...drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness, color }));
  }

  /** A rectangle from its top-left corner: stroked with `border`, filled with `fill` when given. */
  rect(x: number, top: number, width: number, height: number, border: { width: number; color: Color }, fill?: Color): void {
    this.current().pushOperators(
      ...drawRectangle({
        x,
        y: top - height,
        width,
        height,
        borderWidth: border.width,
        borderColor: border.color,
        color: fill,
        rotate: NO_ROTATION,
        xSkew: NO_ROTATION,
        ySkew: NO_ROTATION,
      }),
    );
  }

  private font(style: FontStyle): PDFFont {
    return this.fonts[style];
  }

  private current(): PDFPage {
    if (!this.page) this.newPage();
    return this.page!;
  }
}
