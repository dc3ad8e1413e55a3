import { ConflictError } from '../domain/errors';
import { msg } from '../domain/i18n/catalog';
import type { WorkflowState } from '../domain/workflow';
import type { TxWrite } from '../store/tx';
import { getWorkflow, ipFileOpen } from '../store/workflow';

/**
 * Once every partner has signed the agreement, the IP file is locked (docs/agreements.md): declarations, partners
 * and shares no longer change, reading stays allowed. Checked twice: here before the work (a clear 409 naming
 * the signed agreement), and in the write's transaction (the returned condition), so a write racing the last
 * signature cannot slip in.
 */
export async function ipFileLock(projectId: string): Promise<TxWrite> {
  const workflow = await getWorkflow(projectId);
  if (workflow?.state.status === 'signed') throw ipFileLockedError(workflow.state);
  return ipFileOpen(projectId, () => ipFileLockedError(null));
}

export function ipFileLockedError(state: WorkflowState | null): ConflictError {
  const signedAt = state?.history.findLast((h) => h.action === 'workflow-signed')?.at ?? null;
  return new ConflictError(msg('workflow.ipFileLocked'), {
    extra: { locked: true, ...(signedAt ? { signedAt } : {}), ...(state?.agreement ? { agreementId: state.agreement.agreementId } : {}) },
  });
}
