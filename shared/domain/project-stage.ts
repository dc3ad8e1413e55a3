import type { ProjectStatus } from './project';
import { STAGES, type StageId } from './workflow';

/** A workflow's place, as the project lists show it: its stage and whether it runs, was rejected or is signed. */
export interface WorkflowSummary {
  stage: StageId;
  status: 'active' | 'rejected' | 'signed';
  updatedAt: string;
}

/** What `GET /projects?stage=` filters on: a workflow stage, or `rejected` (whatever stage it stopped at). */
export const STAGE_FILTERS = [...STAGES, 'rejected'] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number];

export const stageFilterOf = (w: Pick<WorkflowSummary, 'stage' | 'status'>): StageFilter => (w.status === 'rejected' ? 'rejected' : w.stage);

/**
 * A project's status, derived from its workflow (the project item never records it): `draft` until the
 * workflow starts, then declarations → review (partner approvals, legal review, lawyer, committee) →
 * approved (agreement and signatures) → signed; or rejected.
 */
export function projectStatusOf(w: Pick<WorkflowSummary, 'stage' | 'status'> | null): ProjectStatus {
  if (!w) return 'draft';
  if (w.status === 'rejected') return 'rejected';
  if (w.status === 'signed' || w.stage === 'signed') return 'signed';
  switch (w.stage) {
    case 'declarations':
      return 'declarations';
    case 'partner-approval':
    case 'legal-review':
    case 'lawyer-opinion':
    case 'committee':
      return 'review';
    case 'agreement':
    case 'signatures':
      return 'approved';
  }
}
