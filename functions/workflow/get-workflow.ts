import { httpHandler, type RouteHandler } from '../http/http-handler';
import { missingApprovals, pendingDeclarations, pendingSteps } from '../../shared/domain/workflow';
import { redactFor } from './redact';
import { loadWorkflow } from './load-workflow';

export const getWorkflow: RouteHandler = async (req) => {
  const { workflow } = await loadWorkflow(req);
  const state = redactFor(req.principal, workflow.state);
  return {
    status: 200,
    body: { ...state, pending: pendingSteps(state), pendingDeclarations: pendingDeclarations(state), missingApprovals: missingApprovals(state) },
    version: workflow.version,
  };
};

export const handler = httpHandler('GET /projects/{projectId}/workflow', getWorkflow);
