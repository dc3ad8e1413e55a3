import type { Project } from '../domain/project';
import { projectStatusOf, type StageFilter } from '../domain/project-stage';
import type { StageId } from '../domain/workflow';
import { getProjects } from '../store/projects';
import type { Page } from '../store/query';
import { projectIdsAtStage, workflowSummaries } from '../store/workflow';

export type WithStage<P> = P & { stage: StageId | null };

/**
 * Projects as the API shows them: with their workflow stage, and their status derived from it (the project
 * item is written when the project changes, not when its workflow moves). One BatchGet of the small stage
 * markers per page, whatever the workflows' history.
 */
export async function withStages<P extends Project>(projects: readonly P[]): Promise<WithStage<P>[]> {
  const summaries = await workflowSummaries(projects.map((p) => p.id));
  return projects.map((p) => {
    const w = summaries.get(p.id) ?? null;
    return { ...p, stage: w?.stage ?? null, status: projectStatusOf(w) };
  });
}

export const withStage = async <P extends Project>(project: P): Promise<WithStage<P>> => (await withStages([project]))[0]!;

export async function withStagesPage<P extends Project>(page: Page<P>): Promise<Page<WithStage<P>>> {
  return { items: await withStages(page.items), nextCursor: page.nextCursor };
}

/** One page of the projects at a stage (or rejected), most recently moved first. */
export async function projectsAtStage(phase: StageFilter, limit: number, cursor?: string): Promise<Page<WithStage<Project>>> {
  const { ids, nextCursor } = await projectIdsAtStage(phase, limit, cursor);
  return { items: await withStages(await getProjects(ids)), nextCursor };
}
