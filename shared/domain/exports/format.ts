import type { Lang } from '../i18n/lang';
import type { CellValue, Column } from './columns';

/**
 * CSV formula-injection neutralisation (OWASP "CSV Injection"): a text cell starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is prefixed with a single quote, so that Excel and LibreOffice show it as text
 * instead of evaluating it. The data is kept (only the quote is added). Applies to text cells only: numbers,
 * percentages and dates are formatted by us (a negative number legitimately starts with `-`).
 */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

export function neutralizeFormula(text: string): string {
  return text.length > 0 && (FORMULA_TRIGGERS as readonly string[]).includes(text[0]!) ? `'${text}` : text;
}

/** A number for CSV: French decimal comma, English point; no thousands separator (stays machine-readable). */
export function formatNumber(n: number, lang: Lang): string {
  const s = String(n);
  return lang === 'fr' ? s.replace('.', ',') : s;
}

const BOOLEAN_TEXT: Record<Lang, [string, string]> = { fr: ['oui', 'non'], en: ['yes', 'no'] };

/**
 * One CSV cell: null → empty; numbers and percentages (0..100, without the % sign: the header says "(%)")
 * in the locale's decimal notation; dates and instants as ISO 8601 (unchanged); booleans oui/non, yes/no;
 * text neutralised against formula injection.
 */
export function formatCsvCell(value: CellValue, column: Column, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, lang);
  if (typeof value === 'boolean') return BOOLEAN_TEXT[lang][value ? 0 : 1];
  if (column.type === 'date' || column.type === 'datetime') return value;
  return neutralizeFormula(value);
}
