import * as z from 'zod';
import { PATENT_NUMBER_MAX_LENGTH, TEXT_PADDING_MAX } from './limits';

/**
 * Patent publication numbers (FR, EP, WO, US), as a partner types them in a background declaration.
 *
 * Accepted formats — the number as printed on the document, in upper or lower case:
 *
 * | office | what | digits | kind codes (optional) | examples |
 * |---|---|---|---|---|
 * | FR | INPI publication | 7 digits, first digit 1–3 (FR 1 xxx xxx … FR 3 xxx xxx) | A, A1, A3, B1, B3 | `FR 3 012 345 A1`, `FR2912345B1` |
 * | EP | EPO publication | 7 digits (leading zero kept: EP 0 123 456) | A1, A2, A3, A4, A8, A9, B1, B2, B3, B8, B9 | `EP1234567B1`, `EP 0 123 456 A2` |
 * | WO | PCT publication | 4-digit year 1978–2099 + 6-digit serial, or (before 2004) 2-digit year 78–99/00–03 + 5-digit serial | A1, A2, A3, A4, A8, A9 | `WO 2019/123456 A1`, `WO 98/12345` |
 * | US | granted patent | 5–8 digits, no leading zero | A (before 2001), B1, B2 | `US 10,123,456 B2`, `US 7123456` |
 * | US | reissue | `RE` + 5 digits | E | `US RE45,678 E` |
 * | US | design patent | `D` + 6 digits | S | `US D812,345 S` |
 * | US | application publication | 4-digit year 2001–2099 + 7-digit serial | A1, A2, A9 | `US 2020/0123456 A1` |
 *
 * Separators — white space (including no-break and narrow no-break spaces), `.`, `,`, `/` and `-` — may
 * appear anywhere, at most 3 in a row; they are dropped by normalisation: `WO 2019/123456 A1` and
 * `wo2019123456a1` are the same number, `WO2019123456A1`. A kind code must fit the kind of number
 * (a US application publication is never `B2`). Application numbers (e.g. `EP19123456.7`) are not
 * publication numbers: declare them with the identifier kind `patent-application`.
 *
 * Not checked: that the number was actually published (no register look-up — this module does no I/O).
 *
 * The whole grammar is one regular expression, {@link PATENT_PUBLICATION_PATTERN}, so that the JSON Schema
 * served to the form (`pattern`) accepts and refuses exactly what the server does.
 */

export const PATENT_OFFICES = ['FR', 'EP', 'WO', 'US'] as const;
export type PatentOffice = (typeof PATENT_OFFICES)[number];

export interface PatentPublicationNumber {
  office: PatentOffice;
  /**
   * `grant` for granted patents (kind B…, US reissues and designs, US grant numbers), `application` for published
   * applications (kind A1…, every WO, US year-numbered publications); `unknown` for FR/EP without kind code and
   * for the old French kind `A`.
   */
  publication: 'grant' | 'application' | 'unknown';
  /** The number without office and kind, separators removed: `3012345`, `2019123456`, `RE45678`, `D812345`. */
  number: string;
  /** Kind code if given (`A1`, `B2`…), upper case. */
  kind?: string;
  /** Office + number + kind, no separators, upper case: `EP1234567B1`. Two spellings of one number give the same string. */
  normalized: string;
}

/* --- a tiny regex builder: one grammar, two renderings ------------------------------------------------
 * `raw`: what a person types; every character may be followed by a short run of separators (for the zod
 *        schema and the JSON Schema `pattern`, no flags, letters as [Xx] classes).
 * `compact`: the normalised string (separators removed, upper case) with named groups, for parsing. */
type Mode = 'raw' | 'compact';
type Frag = (m: Mode) => string;
const SEP = '[\\s.,/-]{0,3}';
const after = (m: Mode) => (m === 'raw' ? SEP : '');
/** One character class (`\\d`, `[1-3]`) or a literal text, each character followed by separators in raw mode. */
const chars =
  (...atoms: string[]): Frag =>
  (m) =>
    atoms.map((a) => a + after(m)).join('');
const lit =
  (text: string): Frag =>
  (m) =>
    [...text].map((c) => (/[A-Z]/.test(c) ? `[${c}${c.toLowerCase()}]` : c) + after(m)).join('');
const digits = (n: number, first = '\\d'): Frag => chars(first, ...Array<string>(n - 1).fill('\\d'));
const seq =
  (...f: Frag[]): Frag =>
  (m) =>
    f.map((x) => x(m)).join('');
const alt =
  (...f: Frag[]): Frag =>
  (m) =>
    `(?:${f.map((x) => x(m)).join('|')})`;
const opt =
  (f: Frag): Frag =>
  (m) =>
    `(?:${f(m)})?`;
const group =
  (name: string, f: Frag): Frag =>
  (m) =>
    m === 'compact' ? `(?<${name}>${f(m)})` : `(?:${f(m)})`;
/** A kind code from a list; longer codes first so that `A1` is not read as `A` + junk. */
const kinds = (name: string, codes: string[]): Frag => opt(group(name, alt(...[...codes].sort((a, b) => b.length - a.length).map(lit))));
/** 1..max digits where the first is 1-9 (US grant numbers 5..8 digits). */
const digitsRange =
  (min: number, max: number): Frag =>
  (m) =>
    `[1-9]${after(m)}(?:\\d${after(m)}){${min - 1},${max - 1}}`;

const FR = seq(lit('FR'), group('fr', digits(7, '[1-3]')), kinds('frKind', ['A', 'A1', 'A3', 'B1', 'B3']));
const EP = seq(lit('EP'), group('ep', digits(7)), kinds('epKind', ['A1', 'A2', 'A3', 'A4', 'A8', 'A9', 'B1', 'B2', 'B3', 'B8', 'B9']));
const WO_KINDS = ['A1', 'A2', 'A3', 'A4', 'A8', 'A9'];
const WO_YEAR4 = alt(seq(chars('1', '9'), alt(chars('7', '[89]'), chars('[89]', '\\d'))), chars('2', '0', '\\d', '\\d'));
const WO_YEAR2 = alt(chars('[789]', '\\d'), chars('0', '[0-3]'));
const WO = seq(lit('WO'), group('wo', alt(seq(WO_YEAR4, digits(6)), seq(WO_YEAR2, digits(5)))), kinds('woKind', WO_KINDS));
const US_APP_YEAR = seq(chars('2', '0'), alt(chars('0', '[1-9]'), chars('[1-9]', '\\d')));
const US = seq(
  lit('US'),
  alt(
    seq(group('usApp', seq(US_APP_YEAR, digits(7))), kinds('usAppKind', ['A1', 'A2', 'A9'])),
    seq(group('usRe', seq(lit('RE'), digits(5))), kinds('usReKind', ['E'])),
    seq(group('usDesign', seq(lit('D'), digits(6, '[1-9]'))), kinds('usDesignKind', ['S'])),
    seq(group('usGrant', digitsRange(5, 8)), kinds('usGrantKind', ['A', 'B1', 'B2'])),
  ),
);
const GRAMMAR = alt(FR, EP, WO, US);

/** JSON-Schema-compatible pattern (ECMAScript, no flags) for a publication number as typed, separators included. */
export const PATENT_PUBLICATION_PATTERN = `^${SEP}${GRAMMAR('raw')}$`;
const RAW = new RegExp(PATENT_PUBLICATION_PATTERN);
const COMPACT = new RegExp(`^${GRAMMAR('compact')}$`);

/** Upper case, separators removed. Does not validate. */
export const compactPatentNumber = (raw: string): string => raw.replace(/[\s.,/-]+/g, '').toUpperCase();

/** Parses a publication number in any accepted spelling; `null` if it is not one (see the table above). */
export function parsePatentNumber(raw: string): PatentPublicationNumber | null {
  if (raw.length > 100) return null;
  const trimmed = raw.trim();
  if (!RAW.test(trimmed)) return null;
  const g = COMPACT.exec(compactPatentNumber(trimmed))?.groups;
  if (!g) return null; // unreachable: both renderings come from one grammar (tested)
  const pick = (office: PatentOffice, publication: PatentPublicationNumber['publication'], num?: string, kind?: string) => {
    if (num === undefined) return null;
    return {
      office,
      publication,
      number: num,
      ...(kind ? { kind } : {}),
      normalized: `${office}${num}${kind ?? ''}`,
    } satisfies PatentPublicationNumber;
  };
  const byKind = (k?: string) => (!k || k === 'A' ? 'unknown' : k.startsWith('A') ? 'application' : 'grant');
  return (
    pick('FR', byKind(g.frKind), g.fr, g.frKind) ??
    pick('EP', byKind(g.epKind), g.ep, g.epKind) ??
    pick('WO', 'application', g.wo, g.woKind) ??
    pick('US', 'application', g.usApp, g.usAppKind) ??
    pick('US', 'grant', g.usRe, g.usReKind) ??
    pick('US', 'grant', g.usDesign, g.usDesignKind) ??
    pick('US', 'grant', g.usGrant, g.usGrantKind)
  );
}

export const isValidPatentNumber = (raw: string): boolean => parsePatentNumber(raw) !== null;

/** The normalised form (`EP1234567B1`), or null when the number is not valid. */
export const normalizePatentNumber = (raw: string): string | null => parsePatentNumber(raw)?.normalized ?? null;

export const PATENT_NUMBER_MESSAGE =
  'Must be a FR, EP, WO or US publication number, e.g. FR 3 012 345 A1, EP 1 234 567 B1, WO 2019/123456 A1, US 10,123,456 B2, US 2020/0123456 A1';

/**
 * A publication number as typed (trimmed, otherwise kept as the partner wrote it — compare numbers with
 * {@link normalizePatentNumber}). The JSON Schema carries {@link PATENT_PUBLICATION_PATTERN}.
 */
export const patentPublicationNumberSchema = z
  .string()
  .max(PATENT_NUMBER_MAX_LENGTH + TEXT_PADDING_MAX, { message: PATENT_NUMBER_MESSAGE, abort: true })
  .trim()
  .regex(RAW, PATENT_NUMBER_MESSAGE)
  .meta({ examples: ['FR 3 012 345 A1', 'EP 1 234 567 B1', 'WO 2019/123456 A1', 'US 10,123,456 B2', 'US 2020/0123456 A1'] });
