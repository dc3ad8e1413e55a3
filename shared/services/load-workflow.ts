import type { RequestScope } from './request-scope';
import { loadReadableProject } from './load-project';
import { NotFoundError } from '../domain/errors';
import { getWorkflow, type StoredWorkflow } from '../store/workflow';
import type { ProjectHeader } from '../store/projects';
import { msg } from '../domain/i18n/catalog';

export async function loadWorkflow(req: RequestScope): Promise<{ header: ProjectHeader; workflow: StoredWorkflow }> {
  const header = await loadReadableProject(req);
  const workflow = await getWorkflow(header.project.id);
  if (!workflow) throw new NotFoundError(msg('workflow.notStarted'));
  return { header, workflow };
}
