/**
 * Line breaking (pure): greedy, word by word, with a width function supplied by the caller.
 *
 * Lines break only at U+0020 (and tabs): U+00A0 and U+202F, which French typography puts before « : ; ! ? » and
 * inside « », numbers and amounts, glue their neighbours. A word wider than the line (a hash, an URL, a
 * reference with no space) is broken between characters rather than overflowing. A "\n" starts a new line.
 */

/** The width in points of a string in the current font and size. */
export type MeasureText = (text: string) => number;

const BREAKABLE = /[ \t]+/;

export function wrapText(text: string, maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  const space = measure(' ');
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    let width = 0;
    for (const word of paragraph.split(BREAKABLE)) {
      if (!word) continue;
      const w = measure(word);
      if (line && width + space + w <= maxWidth) {
        line += ` ${word}`;
        width += space + w;
        continue;
      }
      if (line) lines.push(line);
      if (w <= maxWidth) {
        line = word;
        width = w;
        continue;
      }
      const pieces = breakWord(word, maxWidth, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1]!;
      width = measure(line);
    }
    lines.push(line);
  }
  return lines;
}

/** Characters after which a word cut reads naturally ("royalty-|free", "https://|example", "6A003.|b.4"). */
const SOFT_BREAK_AFTER = new Set(['-', '/', '.', '_', '\u2010']);

/**
 * Cuts a word into pieces that each fit `maxWidth` (at least one character a piece, so that a single glyph wider
 * than the line still makes progress), preferably after a hyphen, slash, dot or underscore in the second half of
 * a piece. Characters are code points: a surrogate pair is never split.
 */
export function breakWord(word: string, maxWidth: number, measure: MeasureText): string[] {
  const chars = Array.from(word);
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    // Estimate with the sum of single-character widths, then check the piece as a whole (ligatures may differ).
    let end = start + 1;
    let sum = measure(chars[start]!);
    while (end < chars.length && sum + measure(chars[end]!) <= maxWidth) sum += measure(chars[end++]!);
    while (end - start > 1 && measure(chars.slice(start, end).join('')) > maxWidth) end--;
    if (end < chars.length) {
      for (let k = end - 1; k > start + (end - start) / 2; k--) {
        if (SOFT_BREAK_AFTER.has(chars[k - 1]!)) {
          end = k;
          break;
        }
      }
    }
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}
