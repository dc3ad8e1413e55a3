import type { HttpRequest } from '../http/http-handler';
import { loadReadableProject } from '../projects/load-project';
import { NotFoundError } from '../../shared/domain/errors';
import { getWorkflow, type StoredWorkflow } from '../../shared/store/workflow';
import type { ProjectHeader } from '../../shared/store/projects';

export async function loadWorkflow(req: HttpRequest): Promise<{ header: ProjectHeader; workflow: StoredWorkflow }> {
  const header = await loadReadableProject(req);
  const workflow = await getWorkflow(header.project.id);
  if (!workflow) throw new NotFoundError('The approval workflow of this project has not been started.');
  return { header, workflow };
}
