import type { RequestScope } from './request-scope';
import { assertCanReadProject } from '../domain/access';
import { accessFacts, getProjectHeader, type ProjectHeader } from '../store/projects';

/** Loads the project named by `{projectId}` and checks the caller may see it (else 404). */
export async function loadReadableProject(req: RequestScope): Promise<ProjectHeader> {
  const header = await getProjectHeader(req.params.projectId ?? '');
  assertCanReadProject(req.principal, header ? accessFacts(header) : null);
  return header!;
}
