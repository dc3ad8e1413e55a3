import { PageSizes, rgb, type Color } from 'pdf-lib';
import type { FontStyle } from './fonts';

/**
 * Page geometry and text styles of the agreement (points, 1/72 in). A4 portrait, 20 mm margins on every side;
 * the footer sits inside the bottom margin box, so that nothing is ever drawn outside
 * [MARGIN, width − MARGIN] × [MARGIN, height − MARGIN] (test/integration/agreement-pdf-tools.test.ts checks it
 * with pdftotext -bbox).
 */
export const PAGE_WIDTH = PageSizes.A4[0];
export const PAGE_HEIGHT = PageSizes.A4[1];
export const MARGIN = 56.69; // 20 mm
export const FOOTER_HEIGHT = 24;
/** Between the body and the footer's rule. */
export const FOOTER_GAP = 10;

export const BODY = {
  left: MARGIN,
  right: PAGE_WIDTH - MARGIN,
  width: PAGE_WIDTH - 2 * MARGIN,
  top: PAGE_HEIGHT - MARGIN,
  bottom: MARGIN + FOOTER_HEIGHT + FOOTER_GAP,
  height: PAGE_HEIGHT - 2 * MARGIN - FOOTER_HEIGHT - FOOTER_GAP,
} as const;

export interface TextStyle {
  font: FontStyle;
  size: number;
  /** Height of a line box; the glyphs (ascent + descent = 1.164 × size for DejaVu Sans) fit inside it. */
  leading: number;
  color: Color;
}

const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

export const STYLES = {
  title: { font: 'bold', size: 18, leading: 23, color: BLACK },
  subtitle: { font: 'regular', size: 12, leading: 16, color: BLACK },
  heading1: { font: 'bold', size: 12.5, leading: 16, color: BLACK },
  heading2: { font: 'bold', size: 10.5, leading: 14, color: BLACK },
  body: { font: 'regular', size: 10, leading: 13.5, color: BLACK },
  small: { font: 'regular', size: 8.5, leading: 11, color: BLACK },
  emphasis: { font: 'bold', size: 10, leading: 13.5, color: BLACK },
  caption: { font: 'bold', size: 9, leading: 12, color: BLACK },
  cell: { font: 'regular', size: 8, leading: 10.2, color: BLACK },
  cellHeader: { font: 'bold', size: 8, leading: 10.2, color: BLACK },
  label: { font: 'regular', size: 7.5, leading: 10, color: GREY },
  footer: { font: 'regular', size: 7, leading: 9, color: GREY },
} as const satisfies Record<string, TextStyle>;

/** DejaVu Sans ascent and descent, per unit of font size (1901 and 483 of 2048 units). */
const ASCENT = 1901 / 2048;
const DESCENT = 483 / 2048;

/** The baseline of a line whose box starts at `top`: the glyphs are centred vertically in the line box. */
export const baselineOf = (top: number, style: TextStyle): number => top - (style.leading - (ASCENT + DESCENT) * style.size) / 2 - ASCENT * style.size;

export const RULE_COLOR = rgb(0.55, 0.55, 0.55);
export const HEADER_FILL = rgb(0.9, 0.9, 0.9);
