import type { RequestScope } from './request-scope';
import { loadReadableProject } from './load-project';
import { NotFoundError } from '../domain/errors';
import { getWorkflow, type StoredWorkflow } from '../store/workflow';
import type { ProjectHeader } from '../store/projects';

export async function loadWorkflow(req: RequestScope): Promise<{ header: ProjectHeader; workflow: StoredWorkflow }> {
  const header = await loadReadableProject(req);
  const workflow = await getWorkflow(header.project.id);
  if (!workflow) throw new NotFoundError('The approval workflow of this project has not been started.');
  return { header, workflow };
}
