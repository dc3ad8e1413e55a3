import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { loadReadableProject } from '../../shared/services/load-project';
import { canReadDeclarationDrafts } from '../../shared/domain/access';
import { getDeclarationHeads } from '../../shared/store/declarations';
import { decodeCompositeCursor, encodeCompositeCursor } from '../../shared/store/pagination';
import * as api from '../../shared/api/routes/declarations';

/**
 * Where each partner stands: saved, submitted, which versions; a page of the partners (in the order of the
 * project's memberships, which the access check has read), their heads read by key (one BatchGet per page).
 * Other partners' drafts are not shown.
 */
export const listDeclarations: RouteHandler<typeof api.listDeclarations> = async (req) => {
  const page = pageParams(req);
  const header = await loadReadableProject(req);
  const after = decodeCompositeCursor(page.cursor, (v): v is { after: string } => typeof v.after === 'string' && Object.keys(v).length === 1)?.after;
  const members = header.members.filter((m) => after === undefined || m.organizationId > after).sort((a, b) => (a.organizationId < b.organizationId ? -1 : 1));
  const slice = members.slice(0, page.limit);
  const heads = new Map(
    (
      await getDeclarationHeads(
        header.project.id,
        slice.map((m) => m.organizationId),
      )
    ).map((h) => [h.organizationId, h]),
  );
  const items = slice.map((m) => {
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
  const last = slice.at(-1);
  return { status: 200, body: { items, nextCursor: members.length > page.limit && last ? encodeCompositeCursor({ after: last.organizationId }) : null } };
};

export const handler = httpHandler(api.listDeclarations, listDeclarations);
