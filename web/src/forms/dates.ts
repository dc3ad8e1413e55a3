/**
 * Calendar dates typed by people: day/month/year in both languages (the pôle's documents are French; the
 * English UI is for European partners, en-GB style), sent to the API as ISO `yyyy-mm-dd`. Pure.
 */

/** `2028-03-15` → `15/03/2028`; anything that is not an ISO date is returned as it is. */
export function formatDayMonthYear(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * What a person typed → an ISO date, or `null` when it is not a real calendar day. Accepts `15/03/2028`,
 * `15/3/2028`, `15.03.2028`, `15-03-2028` and ISO `2028-03-15` (pasted from elsewhere). Years have 4 digits:
 * `15/03/28` is refused rather than guessed.
 */
export function parseDayMonthYear(text: string): string | null {
  const s = text.trim();
  let y: number, mo: number, d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (dmy) [d, mo, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
