import * as z from 'zod';
import { EMAIL_MAX_LENGTH, ID_HEX_LENGTH, ISO_DATE_LENGTH, TEXT_PADDING_MAX } from './limits';

/** Opaque identifiers: a short prefix and a UUID, e.g. `org_3f2c…`. */
export const idSchema = (prefix: string) =>
  z
    .string()
    .max(prefix.length + 1 + ID_HEX_LENGTH, { message: `Must be an identifier starting with ${prefix}_`, abort: true })
    .regex(new RegExp(`^${prefix}_[0-9a-f]{${ID_HEX_LENGTH}}$`), `Must be an identifier starting with ${prefix}_`);

/** Calendar date `YYYY-MM-DD` that exists (2025-02-30 is refused). */
export const isoDateSchema = z.iso.date({ message: 'Must be a date YYYY-MM-DD' }).max(ISO_DATE_LENGTH, 'Must be a date YYYY-MM-DD');

/**
 * Trimmed single-line text; rejects control characters. Stored as text, never interpreted as markup. The raw
 * value is bounded first (`max` + {@link TEXT_PADDING_MAX} of surrounding whitespace), the trimmed one then.
 */
export const text = (max: number, min = 1) =>
  z
    .string()
    .max(max + TEXT_PADDING_MAX, { message: `At most ${max} characters`, abort: true })
    .trim()
    .min(min, min === 1 ? 'Required' : `At least ${min} characters`)
    .max(max, `At most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'Control characters are not allowed');

export const emailSchema = z.email({ message: 'Must be an email address' }).max(EMAIL_MAX_LENGTH);
export const languageSchema = z.enum(['fr', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** Percentage with at most 4 decimals, 0..100. Arithmetic on it is exact (decimal.ts). */
export const pctSchema = z
  .number({ message: 'Must be a number' })
  .min(0, 'Must be between 0 and 100')
  .max(100, 'Must be between 0 and 100')
  .refine((n) => Number.isFinite(n) && Math.round(n * 10000) / 10000 === n, 'At most 4 decimals');
