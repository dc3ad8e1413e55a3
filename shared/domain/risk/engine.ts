import { buildContext, cmp, type RiskRule } from './context';
import { RULES } from './rules';
import { severityRank, type Finding, type RiskInput } from './types';

/**
 * The risk engine (docs/risk.md): a pure, deterministic function of the project, its members, their
 * organizations and control chains, their declarations and the control events → findings.
 *
 * - Same input → same findings in the same order, whatever the order of the input arrays (memberships,
 *   shareholders, declarations, items, rights, events): the context sorts everything it hands to the rules,
 *   and the output is sorted by severity (critical first), rule id, fingerprint.
 * - One finding per fingerprint: should two rules' subjects coincide (same rule, same subject — e.g. a
 *   duplicated key in a malformed draft), the most severe wins, then the smallest evidence hash.
 * - No clock, no I/O: `input.now` is the only time.
 */
export function evaluateProject(input: RiskInput, rules: readonly RiskRule[] = RULES): Finding[] {
  const ctx = buildContext(input);
  const byFingerprint = new Map<string, Finding>();
  for (const rule of rules) {
    for (const f of rule.evaluate(ctx)) {
      const prev = byFingerprint.get(f.fingerprint);
      if (!prev || compareFindings(f, prev) < 0) byFingerprint.set(f.fingerprint, f);
    }
  }
  return [...byFingerprint.values()].sort(compareFindings);
}

/** Severity descending, then rule id, fingerprint, evidence hash (a total order on findings). */
export function compareFindings(a: Pick<Finding, 'severity' | 'ruleId' | 'fingerprint' | 'evidenceHash'>, b: typeof a): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint) || cmp(a.evidenceHash, b.evidenceHash)
  );
}
