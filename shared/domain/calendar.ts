/**
 * French working-day arithmetic in the Europe/Paris time zone (docs/workflow.md, "Due dates").
 *
 * Dates are plain calendar dates `YYYY-MM-DD` (strings, so they serialise as they are and compare
 * lexicographically); instants are `Date`s and are turned into a Paris calendar date with {@link parisDate}.
 * Date arithmetic runs on UTC day numbers, so it never depends on the machine's time zone or on DST.
 * Pure: no clock is read here — callers pass the instant.
 *
 * Public holidays: the 11 national *jours fériés* of Code du travail art. L3133-1 — 1 January, Easter Monday,
 * 1 May, 8 May, Ascension (Easter + 39), Whit Monday (Easter + 50), 14 July, 15 August, 1 November,
 * 11 November, 25 December. Easter Sunday comes from the anonymous Gregorian (Meeus/Jones/Butcher) algorithm.
 * Whit Monday is counted as a holiday even though many employers use it as the *journée de solidarité*.
 * Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) also has Good Friday and 26 December (Code du travail
 * art. L3134-13); those are NOT included unless `{ alsaceMoselle: true }` is passed. Overseas departments'
 * abolition-of-slavery days are not included either.
 */

export interface HolidayOptions {
  /** Add Good Friday and St Stephen's Day (26 Dec), which are public holidays in Alsace-Moselle only. */
  alsaceMoselle?: boolean;
}

export interface PublicHoliday {
  date: string;
  name: string;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date; throws a RangeError for anything but an existing `YYYY-MM-DD`. */
function toDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`Not an existing calendar date: ${date}`);
  }
  return Math.round(ms / DAY_MS);
}

function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError('Date out of range (years 0000–9999)');
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const ymd = (y: number, month: number, day: number): string =>
  `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Built on first use, not at import: loading the time-zone data is a cold-start cost most requests never need. */
let parisFormatter: Intl.DateTimeFormat | undefined;
const parisParts = (instant: Date) =>
  (parisFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })).formatToParts(instant);

/** The calendar date (YYYY-MM-DD) that `instant` falls on in Europe/Paris. */
export function parisDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  let y = '';
  let mo = '';
  let d = '';
  for (const part of parisParts(instant)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') mo = part.value;
    else if (part.type === 'day') d = part.value;
  }
  return ymd(Number(y), Number(mo), Number(d));
}

/** `date` plus `n` calendar days (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `a` to `b` (positive when `b` is later): `daysBetween(due, today)` is the days overdue. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** Easter Sunday of `year` (Gregorian calendar), by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

const holidayCache = new Map<string, Map<string, string>>();

function holidayMap(year: number, opts: HolidayOptions): Map<string, string> {
  const key = `${year}:${opts.alsaceMoselle ? 'am' : 'fr'}`;
  const cached = holidayCache.get(key);
  if (cached) return cached;
  const easter = easterSunday(year);
  const list: [string, string][] = [
    [ymd(year, 1, 1), "Jour de l'an"],
    [addCalendarDays(easter, 1), 'Lundi de Pâques'],
    [ymd(year, 5, 1), 'Fête du Travail'],
    [ymd(year, 5, 8), 'Victoire 1945'],
    [addCalendarDays(easter, 39), 'Ascension'],
    [addCalendarDays(easter, 50), 'Lundi de Pentecôte'],
    [ymd(year, 7, 14), 'Fête nationale'],
    [ymd(year, 8, 15), 'Assomption'],
    [ymd(year, 11, 1), 'Toussaint'],
    [ymd(year, 11, 11), 'Armistice 1918'],
    [ymd(year, 12, 25), 'Noël'],
  ];
  if (opts.alsaceMoselle) {
    list.push([addCalendarDays(easter, -2), 'Vendredi saint'], [ymd(year, 12, 26), 'Saint-Étienne']);
  }
  // 1 May and Ascension can coincide (e.g. 2008): keep the first name.
  const map = new Map<string, string>();
  for (const [date, name] of list.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    if (!map.has(date)) map.set(date, name);
  }
  holidayCache.set(key, map);
  return map;
}

/** The public holidays of `year`, in date order. */
export function frenchPublicHolidays(year: number, opts: HolidayOptions = {}): PublicHoliday[] {
  return [...holidayMap(year, opts)].map(([date, name]) => ({ date, name }));
}

export function isFrenchPublicHoliday(date: string, opts: HolidayOptions = {}): boolean {
  toDayNumber(date); // validates
  return holidayMap(Number(date.slice(0, 4)), opts).has(date);
}

/** Neither a Saturday, a Sunday nor a public holiday. */
export function isWorkingDay(date: string, opts: HolidayOptions = {}): boolean {
  return !isWeekend(date) && !isFrenchPublicHoliday(date, opts);
}

/**
 * The first working day on or after `date`: `date` itself when it is a working day, else the next one
 * (skipping weekends and public holidays). This is the rule for moving a due date.
 */
export function nextWorkingDay(date: string, opts: HolidayOptions = {}): string {
  let d = date;
  // At most a weekend plus a couple of adjacent holidays: the bound only guards against a bug.
  for (let i = 0; i < 30; i++) {
    if (isWorkingDay(d, opts)) return d;
    d = addCalendarDays(d, 1);
  }
  throw new Error(`No working day within 30 days of ${date}`);
}

/**
 * The due date of a step opened at `start` with an SLA of `slaDays`: the Europe/Paris calendar date of `start`
 * plus `slaDays` calendar days, moved to the next working day when it falls on a weekend or a public holiday.
 */
export function dueDate(start: Date, slaDays: number, opts: HolidayOptions = {}): string {
  if (!Number.isInteger(slaDays) || slaDays < 0) throw new RangeError(`SLA days must be a whole number ≥ 0: ${slaDays}`);
  return nextWorkingDay(addCalendarDays(parisDate(start), slaDays), opts);
}
