import type { RiskRule } from '../context';
import { rule as backgroundConflict } from './background-conflict';
import { rule as conditionsMissing } from './conditions-missing';
import { rule as declarationMissing } from './declaration-missing';
import { rule as dualUse } from './dual-use';
import { rule as iefAcquisition } from './ief-acquisition';
import { rule as iefForeignControl } from './ief-foreign-control';
import { rule as leakForeignAccess } from './leak-foreign-access';
import { rule as noConfidentiality } from './no-confidentiality';
import { rule as ownershipShares } from './ownership-shares';
import { rule as publicationBeforeFiling } from './publication-before-filing';
import { rule as publicationLateNotice } from './publication-late-notice';
import { rule as zrrAccess } from './zrr-access';

/** Every rule of the catalogue (docs/reference/domain.md §2), in catalogue order. */
export const RULES: readonly RiskRule[] = Object.freeze([
  iefForeignControl,
  iefAcquisition,
  leakForeignAccess,
  dualUse,
  zrrAccess,
  publicationBeforeFiling,
  publicationLateNotice,
  ownershipShares,
  backgroundConflict,
  conditionsMissing,
  noConfidentiality,
  declarationMissing,
]);

export const RULES_BY_ID: ReadonlyMap<string, RiskRule> = new Map(RULES.map((r) => [r.id, r]));

export {
  backgroundConflict,
  conditionsMissing,
  declarationMissing,
  dualUse,
  iefAcquisition,
  iefForeignControl,
  leakForeignAccess,
  noConfidentiality,
  ownershipShares,
  publicationBeforeFiling,
  publicationLateNotice,
  zrrAccess,
};
