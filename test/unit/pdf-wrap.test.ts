import fc from 'fast-check';
import { breakWord, wrapText } from '../../shared/pdf/wrap';

/** A monospace measure: every character 1 unit wide (so widths are lengths in code points). */
const mono = (s: string): number => Array.from(s).length;
const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('wrapText', () => {
  test('greedy word wrapping at U+0020, lines within the width', () => {
    expect(wrapText('aa bb cc dd', 5, mono)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('aa bb cc dd', 4, mono)).toEqual(['aa', 'bb', 'cc', 'dd']);
    expect(wrapText('  aa   bb  ', 10, mono)).toEqual(['aa bb']);
  });

  test('never breaks at U+00A0 or U+202F: French typography stays glued', () => {
    const text = `Montant${NBSP}: 12${NNBSP}500${NBSP}€ «${NBSP}tel${NBSP}quel${NBSP}»`;
    const lines = wrapText(text, 14, mono);
    expect(lines).toEqual([`Montant${NBSP}:`, `12${NNBSP}500${NBSP}€`, `«${NBSP}tel${NBSP}quel${NBSP}»`]);
    for (const line of lines) expect(line.startsWith(NBSP) || line.endsWith(NBSP) || line.startsWith(NNBSP) || line.endsWith(NNBSP)).toBe(false);
  });

  test('a word wider than the line is hard-broken, never overflowing', () => {
    expect(wrapText('x abcdefghij y', 4, mono)).toEqual(['x', 'abcd', 'efgh', 'ij y']);
  });

  test('"\\n" starts a new line; an empty text is one empty line', () => {
    expect(wrapText('a\nb c\r\nd', 10, mono)).toEqual(['a', 'b c', 'd']);
    expect(wrapText('', 10, mono)).toEqual(['']);
    expect(wrapText('a\n\nb', 10, mono)).toEqual(['a', '', 'b']);
  });

  test('property: every line fits (or is one character), and no non-space character is lost or added', () => {
    const word = fc.stringMatching(/^[a-zé€\u00a0\u202f-]{1,30}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.integer({ min: 1, max: 25 }), (words, width) => {
        const lines = wrapText(words.join(' '), width, mono);
        for (const line of lines) expect(mono(line) <= width || mono(line) === 1).toBe(true);
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
      }),
    );
  });
});

describe('breakWord', () => {
  test('pieces fit; a glyph wider than the line still makes progress', () => {
    expect(breakWord('abcdefg', 3, mono)).toEqual(['abc', 'def', 'g']);
    const wide = (s: string) => mono(s) * 10;
    expect(breakWord('abc', 5, wide)).toEqual(['a', 'b', 'c']);
  });

  test('prefers a cut after a hyphen, slash, dot or underscore in the second half of a piece', () => {
    expect(breakWord('royalty-free', 10, mono)).toEqual(['royalty-', 'free']);
    expect(breakWord('https://example.org/a', 10, mono)).toEqual(['https://', 'example.', 'org/a']);
    expect(breakWord('a-bcdefghijkl', 10, mono)).toEqual(['a-bcdefghi', 'jkl']); // the hyphen is too early
  });

  test('surrogate pairs are never split; the check on the whole piece wins over the per-character estimate', () => {
    expect(breakWord('😀😀😀', 2, mono)).toEqual(['😀😀', '😀']);
    // A measure where a pair is wider than its characters (as a ligature might be): the piece is shortened.
    const pairWider = (s: string) => mono(s) + (s.length > 1 ? 1 : 0);
    expect(breakWord('abcd', 3, pairWider)).toEqual(['ab', 'cd']);
  });
});
