import { httpHandler, type RouteHandler } from '../http/http-handler';
import { runIdempotent } from '../http/idempotency';
import { actorOf } from '../../shared/domain/audit';
import { assertCanGiveNotice, giveNotice } from '../../shared/domain/publication';
import { loadReadableProject } from '../../shared/services/load-project';
import { afterChange } from '../../shared/services/after-change';
import { assertManuscript, declaredResultKeys, notifyNotice, publicationTerms, publicationView } from '../../shared/services/publications';
import { newPublicationId, savePublication } from '../../shared/store/publications';
import { shareAsManuscript } from '../../shared/store/documents';
import { answeringOrg } from '../../shared/domain/publication';
import * as api from '../../shared/api/routes/publications';

/**
 * A partner's representative (for its own organization) or legal staff (naming the partner) gives notice of a
 * planned publication. The periods are the agreement's (docs/publications.md); a late notice is accepted with
 * `late: true` and flagged by the risk engine. Every other partner gets an email and a task with its deadline.
 */
export const givePublicationNotice: RouteHandler<typeof api.givePublicationNotice> = async (req) => {
  const header = await loadReadableProject(req);
  // A partner gives notice for its own organization (naming another is a 403); legal staff name the partner.
  if (req.body.organizationId) assertCanGiveNotice(req.principal, req.body.organizationId);
  const orgId = answeringOrg(req.principal, req.body.organizationId);
  assertCanGiveNotice(req.principal, orgId);
  const projectId = header.project.id;
  const now = new Date();
  const [terms, keys] = await Promise.all([
    publicationTerms(projectId),
    declaredResultKeys(projectId, orgId),
    assertManuscript(projectId, req.body.documentId),
  ]);
  const actor = actorOf(req.principal);
  const t = giveNotice(
    { ...req.body, organizationId: orgId },
    { id: newPublicationId(now), projectId, memberOrgIds: header.members.map((m) => m.organizationId), declaredResultKeys: keys, terms, actor, now },
  );
  const saved = await savePublication(header.project, null, t.notice, t.added, actor, [shareAsManuscript(req.body.documentId)]);
  await notifyNotice(header.project, saved);
  await afterChange(req, { project: header.project, reevaluation: { header }, now });
  return {
    status: 201,
    body: publicationView(req.principal, saved, now),
    version: saved.version,
    headers: { location: `/projects/${projectId}/publications/${saved.id}` },
  };
};

export const handler = httpHandler(api.givePublicationNotice, givePublicationNotice, { idempotency: runIdempotent });
