import * as z from 'zod';

/** Opaque identifiers: a short prefix and a UUID, e.g. `org_3f2c…`. */
export const idSchema = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `Must be an identifier starting with ${prefix}_`);

/** Calendar date `YYYY-MM-DD` that exists (2025-02-30 is refused). */
export const isoDateSchema = z.iso.date({ message: 'Must be a date YYYY-MM-DD' });

/** Trimmed single-line text; rejects control characters. Stored as text, never interpreted as markup. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'Required' : `At least ${min} characters`)
    .max(max, `At most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'Control characters are not allowed');

export const emailSchema = z.email({ message: 'Must be an email address' }).max(254);
export const languageSchema = z.enum(['fr', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** Percentage with at most 4 decimals, 0..100. Arithmetic on it uses decimal.js (see ownership.ts). */
export const pctSchema = z
  .number({ message: 'Must be a number' })
  .min(0, 'Must be between 0 and 100')
  .max(100, 'Must be between 0 and 100')
  .refine((n) => Number.isFinite(n) && Math.round(n * 10000) / 10000 === n, 'At most 4 decimals');
