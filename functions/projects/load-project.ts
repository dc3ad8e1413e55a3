import type { HttpRequest } from '../http/http-handler';
import { assertCanReadProject } from '../../shared/domain/access';
import { accessFacts, getProjectHeader, type ProjectHeader } from '../../shared/store/projects';

/** Loads the project named by `{projectId}` and checks the caller may see it (else 404). */
export async function loadReadableProject(req: HttpRequest): Promise<ProjectHeader> {
  const header = await getProjectHeader(req.params.projectId ?? '');
  assertCanReadProject(req.principal, header ? accessFacts(header) : null);
  return header!;
}
