import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { assertCanRevise, assertNoticeOfProject, newManuscriptVersion } from '../../shared/domain/publication';
import { assertVersion } from '../../shared/store/locking';
import { loadReadableProject } from '../../shared/services/load-project';
import { afterChange } from '../../shared/services/after-change';
import { assertManuscript, notifyVersion, publicationView } from '../../shared/services/publications';
import { getPublication, savePublication } from '../../shared/store/publications';
import { shareAsManuscript } from '../../shared/store/documents';
import * as api from '../../shared/api/routes/publications';

/**
 * The publisher (or legal staff) answers the objections with a new manuscript version: the objectors' clock
 * restarts from today, the other partners' answers stand. If-Match is strict here: the publisher revises what it read.
 */
export const addManuscriptVersion: RouteHandler<typeof api.addManuscriptVersion> = async (req) => {
  const expected = requireIfMatch(req);
  const header = await loadReadableProject(req);
  const n = await getPublication(header.project.id, req.params.publicationId ?? '');
  assertNoticeOfProject(n, header.project.id);
  assertCanRevise(req.principal, n.organizationId);
  assertVersion('publication', n.version, expected);
  await assertManuscript(header.project.id, req.body.documentId);
  const now = new Date();
  const actor = actorOf(req.principal);
  const t = newManuscriptVersion(n, req.body.documentId, actor, now);
  await savePublication(header.project, n, t.notice, t.added, actor, [shareAsManuscript(req.body.documentId)]);
  const restarted = t.added.find((h) => h.action === 'manuscript-version')?.detail.restartedFor as string[] | undefined;
  await notifyVersion(header.project, t.notice, restarted ?? []);
  await afterChange(req, { project: header.project, reevaluation: { header }, now });
  return { status: 200, body: publicationView(req.principal, t.notice, now), version: t.notice.version };
};

export const handler = httpHandler(api.addManuscriptVersion, addManuscriptVersion);
