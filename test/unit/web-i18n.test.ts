import { en } from '../../web/src/i18n/en';
import { formatMessage } from '../../web/src/i18n/format';
import { fr } from '../../web/src/i18n/fr';

describe('the web catalogues: plural forms instead of "(s)"', () => {
  test.each([
    ['fr', 0, '0 document'],
    ['fr', 1, '1 document'],
    ['fr', 2, '2 documents'],
    ['en', 0, '0 documents'],
    ['en', 1, '1 document'],
    ['en', 12, '12 documents'],
  ] as const)('%s, n = %p → %s', (lang, n, out) => {
    expect(formatMessage(lang, '{n} {n|document|documents}', { n })).toBe(out);
  });

  test('several counts in one message, each with its own form; unknown variables stay as written', () => {
    expect(formatMessage('fr', fr['review.redline.summary'], { changed: 1, added: 2, removed: 0 })).toBe('1 modification, 2 ajouts, 0 suppression.');
    expect(formatMessage('en', en['review.redline.summary'], { changed: 1, added: 2, removed: 0 })).toBe('1 change, 2 additions, 0 removals.');
    expect(formatMessage('fr', '{n|a|b} {x}', {})).toBe('{n|a|b} {x}');
  });

  test('a number already formatted for display ("1 234") takes the plural', () => {
    expect(formatMessage('fr', fr['exports.rows'], { n: '1\u202f234' })).toBe('1\u202f234 lignes');
    expect(formatMessage('fr', fr['exports.rows'], { n: '1' })).toBe('1 ligne');
  });

  test('no message writes a plural as "(s)"', () => {
    const both = [...Object.entries(fr), ...Object.entries(en)];
    expect(both.filter(([, text]) => /\w\(s\)/.test(text)).map(([key]) => key)).toEqual([]);
  });
});
