import { eventVersion, type ControlEvent } from '../domain/control-event';
import { NotFoundError } from '../domain/errors';
import { msg } from '../domain/i18n/catalog';
import { getControlEvent } from '../store/control-events';
import type { StoredFlag } from '../store/flags';
import { assertVersion } from '../store/locking';
import { requireOrganization } from '../store/organizations';
import type { Reevaluation } from './reevaluate';

/**
 * The control event a change (amendment, withdrawal) applies to: its organization (404 if unknown), the event
 * (404) at the version the caller read (`expected`, from If-Match: 412 when stale).
 */
export async function controlEventAt(orgId: string, eventId: string, expected: number): Promise<{ orgId: string; current: ControlEvent; legacy: boolean }> {
  const org = await requireOrganization(orgId);
  const found = await getControlEvent(org.id, eventId);
  if (!found) throw new NotFoundError(msg('controlEvent.notFound'));
  assertVersion('control event', eventVersion(found.event), expected);
  return { orgId: org.id, current: found.event, legacy: found.legacy };
}

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
