import type { RequestScope } from './request-scope';
import { actorOf, type Actor } from '../domain/audit';
import { PreconditionFailedError } from '../domain/errors';
import { assertNoticeOfProject, changedForSince, type PublicationNotice, type Transition } from '../domain/publication';
import { staleVersion } from '../store/locking';
import { getPublication, savePublication } from '../store/publications';
import { loadReadableProject } from './load-project';
import type { ProjectHeader } from '../store/projects';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A change to a notice under If-Match. Partners answer in parallel: a version that moved only because another
 * partner answered does not make the caller's If-Match stale (`changedForSince`); the change is then re-applied
 * on the fresh notice (bounded attempts). Anything that concerns the caller's organization, a new manuscript or
 * the clearance since its version is a 412 with the current ETag.
 */
export async function changeNotice(
  req: RequestScope,
  expected: number,
  orgId: string,
  apply: (n: PublicationNotice, actor: Actor, now: Date) => Transition,
): Promise<{ header: ProjectHeader; before: PublicationNotice; after: Transition }> {
  const header = await loadReadableProject(req);
  const actor = actorOf(req.principal);
  for (let attempt = 1; ; attempt++) {
    const n = await getPublication(header.project.id, req.params.publicationId ?? '');
    assertNoticeOfProject(n, header.project.id);
    if (n.version !== expected && changedForSince(n, expected, orgId)) throw staleVersion('publication', n.version, expected);
    const now = new Date();
    const t = apply(n, actor, now);
    try {
      await savePublication(header.project, n, t.notice, t.added, actor);
      return { header, before: n, after: t };
    } catch (e) {
      if (e instanceof PreconditionFailedError && attempt < 5) {
        await sleep(Math.random() * 25 * 2 ** (attempt - 1));
        continue;
      }
      throw e;
    }
  }
}
