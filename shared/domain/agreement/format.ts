import type { Lang } from '../i18n/lang';

/**
 * Formatting of the agreement's text, by hand rather than through `Intl`: the PDF must be byte-identical when
 * re-rendered on another machine (`npm run verify-agreement`), and ICU data (month names, spacing of `fr-FR`
 * numbers) changes between Node versions. Pure: nothing reads the clock or the host locale.
 */

/** U+202F, the narrow no-break space of French typography: before ; : ! ? and %, inside « ». */
export const NNBSP = '\u202f';
/** U+00A0, the no-break space: between the groups of a SIREN, in « 1 234 ». */
export const NBSP = '\u00a0';

const MONTHS: Record<Lang, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `YYYY-MM-DD` → « 2 décembre 2026 », « 1er janvier 2027 » / "2 December 2026". Anything else is returned as is. */
export function formatDate(day: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = m ? MONTHS[lang][Number(m[2]) - 1] : undefined;
  if (!m || !month) return day;
  const d = Number(m[3]);
  return `${lang === 'fr' && d === 1 ? '1er' : String(d)} ${month} ${m[1]}`;
}

/** An ISO instant (any offset) → its UTC calendar day and time: « 20 novembre 2026 à 13 h 05 UTC » / "20 November 2026, 13:05 UTC". */
export function formatInstant(instant: string, lang: Lang): string {
  const t = new Date(instant);
  if (Number.isNaN(t.getTime())) return instant;
  const iso = t.toISOString();
  const [hh, mm] = [iso.slice(11, 13), iso.slice(14, 16)];
  return lang === 'fr'
    ? `${formatDate(iso.slice(0, 10), 'fr')} à ${Number(hh)}${NBSP}h${NBSP}${mm} UTC`
    : `${formatDate(iso.slice(0, 10), 'en')}, ${hh}:${mm} UTC`;
}

/** The UTC calendar day of an ISO instant, formatted. */
export const formatInstantDay = (instant: string, lang: Lang): string => {
  const t = new Date(instant);
  return Number.isNaN(t.getTime()) ? instant : formatDate(t.toISOString().slice(0, 10), lang);
};

/**
 * `YYYY-MM-DD` plus `months` calendar months; a day that does not exist in the target month becomes its last day
 * (31 January + 1 month = 28 or 29 February), as civil law counts a time limit expressed in months.
 */
export function addMonths(day: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const d = Math.min(Number(m[3]), last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A share as the model writes it (exact decimal text, point as separator: "33.3333", "50") → « 33,3333 % » in
 * French (decimal comma, U+202F before %) and "33.3333%" in English. The digits are never recomputed.
 */
export function formatPct(decimalText: string, lang: Lang): string {
  return lang === 'fr' ? `${decimalText.replace('.', ',')}${NNBSP}%` : `${decimalText}%`;
}

/** A SIREN in its usual printed form: three groups of three digits (no-break spaces, so it never wraps). */
export const formatSiren = (siren: string): string =>
  /^\d{9}$/.test(siren) ? `${siren.slice(0, 3)}${NBSP}${siren.slice(3, 6)}${NBSP}${siren.slice(6)}` : siren;

/** « texte » (U+202F inside) in French, “text” in English. */
export const quote = (text: string, lang: Lang): string => (lang === 'fr' ? `«${NNBSP}${text}${NNBSP}»` : `“${text}”`);

/** The French label/value separator « : » (U+202F before the colon); ": " in English. */
export const colon = (lang: Lang): string => (lang === 'fr' ? `${NNBSP}: ` : ': ');
/** The French list separator « ; » (U+202F before the semicolon); "; " in English. */
export const semicolon = (lang: Lang): string => (lang === 'fr' ? `${NNBSP}; ` : '; ');

/** « A, B et C » / "A, B and C" (no serial comma: British usage). */
export function joinAnd(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${items[items.length - 1]!}`;
}

/** A sentence ending: adds a full stop unless the text already ends with one (or with ? ! …). */
export const sentence = (text: string): string => (/[.?!…]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`);

// --- Typography of the fixed text ---------------------------------------------------------------------------

/** French typography applied to text we wrote (never to what users typed): ’, and U+202F before ; : ! ? % » and after «. */
const frenchTypography = (s: string): string =>
  s
    .replace(/'/g, '’')
    .replace(/ ([;:!?%»])/g, `${NNBSP}$1`)
    .replace(/« /g, `«${NNBSP}`);

/**
 * Template tags for the agreement's fixed text, so that the source stays readable (plain spaces and ') while the
 * output is typeset: `FR` applies French typography to the literal parts only, `EN` the typographic apostrophe.
 * Interpolated values (names, titles typed by users) are inserted untouched.
 */
export function FR(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  return strings.reduce((out, s, i) => out + frenchTypography(s) + (i < values.length ? String(values[i]) : ''), '');
}
export function EN(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  return strings.reduce((out, s, i) => out + s.replace(/'/g, '’') + (i < values.length ? String(values[i]) : ''), '');
}
