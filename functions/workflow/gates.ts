import type { WorkflowGates } from '../../shared/domain/workflow';
import { listFlags } from '../../shared/store/flags';
import { activeIefHolds, blockingFlags } from '../../shared/domain/risk/holds';

/** The workflow's gates from the project's current flags: open high/critical flags, and IEF holds. */
export async function loadGates(projectId: string): Promise<WorkflowGates> {
  const flags = await listFlags(projectId);
  return {
    openBlockingFlags: blockingFlags(flags),
    iefHolds: activeIefHolds(flags).map((h) => ({ flagId: h.flagId, orgId: h.organizationId })),
  };
}
