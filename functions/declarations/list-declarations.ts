import { httpHandler, type RouteHandler } from '../http/http-handler';
import { loadReadableProject } from '../../shared/services/load-project';
import { canReadDeclarationDrafts } from '../../shared/domain/access';
import { listDeclarationHeads } from '../../shared/store/declarations';
import * as api from '../../shared/api/routes/declarations';

/** Where each partner stands: saved, submitted, which versions. Other partners' drafts are not shown. */
export const listDeclarations: RouteHandler<typeof api.listDeclarations> = async (req) => {
  const header = await loadReadableProject(req);
  const heads = new Map((await listDeclarationHeads(header.project.id)).map((h) => [h.organizationId, h]));
  const items = header.members.map((m) => {
    const h = heads.get(m.organizationId);
    const last = h?.submissions.at(-1);
    const drafts = canReadDeclarationDrafts(req.principal, m.organizationId);
    return {
      organizationId: m.organizationId,
      role: m.role,
      status: !h ? ('none' as const) : drafts ? h.status : last ? ('submitted' as const) : ('none' as const),
      ...(drafts && h ? { currentVersion: h.currentVersion, updatedAt: h.updatedAt } : {}),
      lastSubmittedVersion: last?.version ?? null,
      lastSubmittedAt: last?.at ?? null,
    };
  });
  return { status: 200, body: { items, nextCursor: null } };
};

export const handler = httpHandler(api.listDeclarations, listDeclarations);
