import type { StoredFlag } from '../store/flags';
import type { Reevaluation } from './reevaluate';

/**
 * What a control event's recording, amendment, withdrawal or simulation changed, per project (the answer of those
 * routes): acronym, title, and the flags raised, reopened, updated and closed.
 */
export function reevaluationSummary(results: readonly Reevaluation[]) {
  const ref = (f: Pick<StoredFlag, 'id' | 'ruleId' | 'severity' | 'title'>) => ({ id: f.id, ruleId: f.ruleId, severity: f.severity, title: f.title });
  return results.map((r) => ({
    projectId: r.projectId,
    acronym: r.project.acronym,
    title: r.project.title,
    raised: r.created.map(ref),
    reopened: r.reopened.map(ref),
    updated: r.updated.map(ref),
    closed: r.closed.map((f) => ({ id: f.id, ruleId: f.ruleId, title: f.title })),
  }));
}
