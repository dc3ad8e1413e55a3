import type * as z from 'zod';
import type { flagViewSchema, storedFlagSchema } from '../flag-schema';
import { RULES_BY_ID } from './rules';
import type { Bilingual } from './types';

type StoredFlag = z.output<typeof storedFlagSchema>;
export type FlagView = z.output<typeof flagViewSchema>;

/** The legal citation of a rule (its `source` in the rule's definition); null for manual flags and unknown rules. */
export function ruleSource(ruleId: string): Bilingual | null {
  const rule = RULES_BY_ID.get(ruleId);
  return rule ? { fr: rule.source.fr, en: rule.source.en } : null;
}

/** A stored flag as the API answers it: with the legal citation of its rule, apart from the explanation. */
export const flagView = (flag: StoredFlag): FlagView => ({ ...flag, source: ruleSource(flag.ruleId) });
