import { httpHandler, type RouteHandler } from '../http/http-handler';
import { missingApprovals, pendingDeclarations, pendingSteps, type PendingStep } from '../../shared/domain/workflow';
import { peopleFor, type Directory } from '../../shared/domain/reminders';
import { getOrganizations } from '../../shared/store/organizations';
import { listStaff } from '../../shared/store/staff';
import { redactFor } from '../../shared/services/redact';
import { loadWorkflow } from '../../shared/services/load-workflow';
import { listFlags } from '../../shared/store/flags';
import { activeIefHolds, blockingFlags } from '../../shared/domain/risk/holds';
import * as api from '../../shared/api/routes/workflow';

/** The directory the pending steps need: representatives of the partners concerned, and the staff. */
async function directoryFor(steps: readonly PendingStep[]): Promise<Directory> {
  const orgIds = steps.flatMap((s) => (s.assignee.role === 'partner' && s.assignee.orgId ? [s.assignee.orgId] : []));
  const [orgs, staff] = await Promise.all([getOrganizations(orgIds), steps.some((s) => s.assignee.role !== 'partner') ? listStaff() : Promise.resolve([])]);
  return {
    staff: staff.filter((s) => s.active).map((s) => ({ email: s.email, name: s.name, language: s.language, role: s.role })),
    representatives: new Map(
      [...orgs].map(([id, o]) => [id, o.representatives.map((r) => ({ email: r.email.toLowerCase(), name: r.name, language: r.language }))]),
    ),
  };
}

export const getWorkflow: RouteHandler<typeof api.getWorkflow> = async (req) => {
  const { header, workflow } = await loadWorkflow(req);
  const state = redactFor(req.principal, workflow.state);
  const pending = pendingSteps(state);
  // The gates (which flags block an approval) for those who may read flags; partners never see flags.
  const [dir, flags] = await Promise.all([directoryFor(pending), req.principal.role === 'partner' ? Promise.resolve(undefined) : listFlags(header.project.id)]);
  return {
    status: 200,
    body: {
      ...state,
      pending: pending.map((s) => ({ ...s, people: peopleFor(s.assignee, dir).map(({ name, email, language }) => ({ name, email, language })) })),
      pendingDeclarations: pendingDeclarations(state),
      missingApprovals: missingApprovals(state),
      ...(flags
        ? { gates: { blockingFlags: blockingFlags(flags), iefHolds: activeIefHolds(flags).map((h) => ({ flagId: h.flagId, orgId: h.organizationId })) } }
        : {}),
    },
    version: workflow.version,
  };
};

export const handler = httpHandler(api.getWorkflow, getWorkflow);
