import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { declarationVersionsPage, getDeclarationVersionMetas } from '../../shared/store/declarations';
import { loadDeclarationContext, readableVersions } from '../../shared/services/load-declaration';
import { decodeCompositeCursor, encodeCompositeCursor } from '../../shared/store/pagination';
import * as api from '../../shared/api/routes/declarations';

/**
 * A page of the history, oldest first, without content: every version for those who see the drafts (one Query
 * of `limit` items), else the submitted ones (listed in the head: one BatchGet of the page's versions).
 */
export const listVersions: RouteHandler<typeof api.listVersions> = async (req) => {
  const page = pageParams(req);
  const ctx = await loadDeclarationContext(req);
  if (!ctx.head) {
    if (page.cursor) decodeCompositeCursor(page.cursor, (_v): _v is Record<string, never> => false);
    return { status: 200, body: { items: [], nextCursor: null } };
  }
  const readable = readableVersions(ctx);
  const submitted = new Map(ctx.head.submissions.map((s) => [s.version, s]));
  const withSubmission = <V extends { version: number }>(v: V) => ({
    ...v,
    submitted: submitted.has(v.version),
    submittedAt: submitted.get(v.version)?.at ?? null,
  });
  if (readable === 'all') {
    const { items, nextCursor } = await declarationVersionsPage(ctx.header.project.id, ctx.orgId, page);
    return { status: 200, body: { items: items.map(withSubmission), nextCursor } };
  }
  // Other partners: the submitted versions, after the previous page's last one.
  const after = decodeCompositeCursor(page.cursor, (v): v is { after: number } => Number.isInteger(v.after) && Object.keys(v).length === 1)?.after ?? 0;
  const versions = [...readable].sort((a, b) => a - b).filter((n) => n > after);
  const slice = versions.slice(0, page.limit);
  const items = await getDeclarationVersionMetas(ctx.header.project.id, ctx.orgId, slice);
  const last = slice.at(-1);
  return {
    status: 200,
    body: { items: items.map(withSubmission), nextCursor: versions.length > page.limit && last ? encodeCompositeCursor({ after: last }) : null },
  };
};

export const handler = httpHandler(api.listVersions, listVersions);
