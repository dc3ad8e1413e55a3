import type { WorkflowGates } from '../domain/workflow';
import { listFlags } from '../store/flags';
import { activeIefHolds, blockingFlags } from '../domain/risk/holds';

/** The workflow's gates from the project's current flags: open high/critical flags, and IEF holds. */
export async function loadGates(projectId: string): Promise<WorkflowGates> {
  const flags = await listFlags(projectId);
  return {
    openBlockingFlags: blockingFlags(flags),
    iefHolds: activeIefHolds(flags).map((h) => ({ flagId: h.flagId, orgId: h.organizationId })),
  };
}
