import { redactFor } from '../../shared/services/redact';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { loadReadableProject } from '../../shared/services/load-project';
import { assertNamedLawyerAssigned, createWorkflow, namedLawyerNotAssigned, recordSubmission, type WorkflowEffect } from '../../shared/domain/workflow';
import { ConflictError } from '../../shared/domain/errors';
import { listDeclarationHeads } from '../../shared/store/declarations';
import { lawyerStillAssigned } from '../../shared/store/projects';
import { getWorkflow, saveWorkflow } from '../../shared/store/workflow';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/workflow';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * Starts the project's approval workflow with its current partners (legal staff). Declarations already
 * submitted count at once; when every partner has submitted, partner approvals open. A lawyer named for the
 * opinion must be assigned to the project (400 on `lawyerOpinion/lawyerEmail`, re-checked in the transaction).
 */
export const startWorkflow: RouteHandler<typeof api.startWorkflow> = async (req) => {
  const input = req.body;
  const header = await loadReadableProject(req);
  if (await getWorkflow(header.project.id)) throw new ConflictError(msg('workflow.alreadyStarted'));
  const named = assertNamedLawyerAssigned(
    input,
    header.lawyers.map((l) => l.email),
  );
  const now = new Date();
  let { state, effects } = createWorkflow(
    header.members.map((m) => m.organizationId),
    input,
    now,
  );
  const all: WorkflowEffect[] = [...effects];
  for (const h of await listDeclarationHeads(header.project.id)) {
    const last = h.submissions.at(-1);
    if (!last || !state.partners.includes(h.organizationId)) continue;
    ({ state, effects } = recordSubmission(state, h.organizationId, last.contentHash, now));
    all.push(...effects);
  }
  const stored = await saveWorkflow(header.project, null, state, all, actorOf(req.principal), {
    writes: named ? [lawyerStillAssigned(header.project.id, named, namedLawyerNotAssigned)] : [],
  });
  await afterChange(req, { project: header.project });
  return {
    status: 201,
    body: redactFor(req.principal, stored.state),
    version: stored.version,
    headers: { location: `/projects/${header.project.id}/workflow` },
  };
};

export const handler = httpHandler(api.startWorkflow, startWorkflow);
