import { httpHandler, type RouteHandler } from '../http/http-handler';
import { assertControlEventConsistent, type ControlEvent } from '../../shared/domain/control-event';
import type { Flag } from '../../shared/domain/risk/lifecycle';
import { ruleSource } from '../../shared/domain/risk/source';
import { requireOrganization } from '../../shared/store/organizations';
import { simulateControlEvent as simulate } from '../../shared/services/reevaluate';
import * as api from '../../shared/api/routes/risk';

/** Stands for the simulated event's id in the engine (never stored; the IEF flags' subject does not hold it). */
const SIMULATED_ID = `cev_${'0'.repeat(32)}`;

/**
 * What-if for the legal staff advising on a deal before it is signed: the same body as a control event, and the
 * flags its recording would raise, reopen, update or close on every project of the organization (and of those it
 * holds shares in), with their explanations. Nothing is written: no event, no flag, no audit event, no email.
 */
export const simulateControlEvent: RouteHandler<typeof api.simulateControlEvent> = async (req) => {
  const org = await requireOrganization(req.params.orgId ?? '');
  const input = assertControlEventConsistent(req.body, org.id);
  const now = new Date();
  const event: ControlEvent = { ...input, id: SIMULATED_ID, organizationId: org.id, recordedAt: now.toISOString(), recordedBy: req.principal.sub };
  const results = await simulate(event, now);
  const view = (f: Flag) => ({
    id: f.id,
    ruleId: f.ruleId,
    ruleVersion: f.ruleVersion,
    severity: f.severity,
    status: f.status,
    title: f.title,
    explanation: f.explanation,
    source: ruleSource(f.ruleId),
    subject: f.subject,
  });
  return {
    status: 200,
    body: {
      event: { ...input, organizationId: org.id },
      projects: results.map((r) => ({
        projectId: r.projectId,
        acronym: r.project.acronym,
        title: r.project.title,
        raised: r.created.map(view),
        reopened: r.reopened.map(view),
        updated: r.updated.map(view),
        closed: r.closed.map(view),
      })),
    },
  };
};

export const handler = httpHandler(api.simulateControlEvent, simulateControlEvent);
