/**
 * Language of user-facing API text (problem+json titles, details and field messages). French is the
 * default; English is available on request (`Accept-Language: en`). Pure: no I/O.
 */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'fr';

/**
 * `Accept-Language` (RFC 9110 §12.5.4) → 'fr' | 'en'. The supported language with the highest q-value wins
 * (the earlier one on a tie); `*` stands for the default; a missing, empty, unknown or malformed header, or
 * one that refuses everything we have (q=0), gives French.
 */
export function negotiateLanguage(header: string | readonly string[] | null | undefined): Lang {
  const raw = Array.isArray(header) ? header.join(',') : (header as string | null | undefined);
  if (typeof raw !== 'string' || !raw.trim()) return DEFAULT_LANG;
  const ranges: { lang: Lang; q: number; i: number }[] = [];
  raw.split(',').forEach((part, i) => {
    const [tag, ...params] = part.trim().split(';');
    const t = (tag ?? '').trim().toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(t)) return;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
      else if (/^\s*q\s*=/i.test(p)) q = -1; // malformed weight: ignore the range
    }
    if (!(q > 0 && q <= 1)) return;
    const primary = t.split('-')[0]!;
    const lang: Lang | undefined = primary === '*' ? DEFAULT_LANG : (LANGS as readonly string[]).includes(primary) ? (primary as Lang) : undefined;
    if (lang) ranges.push({ lang, q, i });
  });
  ranges.sort((a, b) => b.q - a.q || a.i - b.i);
  return ranges[0]?.lang ?? DEFAULT_LANG;
}
