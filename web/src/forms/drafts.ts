/** The unsaved form data of one declaration, kept for the tab only (sessionStorage, never localStorage). */
export interface Draft {
  data: unknown;
  /** The saved version the draft started from (0: none). */
  baseVersion: number;
  at: string;
}

export const DRAFT_PREFIX = 'vigie.declarationDraft.';
const draftKey = (projectId: string, orgId: string) => `${DRAFT_PREFIX}${projectId}.${orgId}`;

export function readDraft(projectId: string, orgId: string): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(draftKey(projectId, orgId));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function writeDraft(projectId: string, orgId: string, draft: Draft | null): void {
  if (draft) window.sessionStorage.setItem(draftKey(projectId, orgId), JSON.stringify(draft));
  else window.sessionStorage.removeItem(draftKey(projectId, orgId));
}
