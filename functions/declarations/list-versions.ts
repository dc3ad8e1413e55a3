import { httpHandler, type RouteHandler } from '../http/http-handler';
import { listDeclarationVersions } from '../../shared/store/declarations';
import { loadDeclarationContext, readableVersions } from '../../shared/services/load-declaration';
import * as api from '../../shared/api/routes/declarations';

/** The history: every version (or, for other partners, the submitted ones), oldest first, without content. */
export const listVersions: RouteHandler<typeof api.listVersions> = async (req) => {
  const ctx = await loadDeclarationContext(req);
  if (!ctx.head) return { status: 200, body: { items: [], nextCursor: null } };
  const readable = readableVersions(ctx);
  const submitted = new Map(ctx.head.submissions.map((s) => [s.version, s]));
  const items = (await listDeclarationVersions(ctx.header.project.id, ctx.orgId))
    .filter((v) => readable === 'all' || readable.includes(v.version))
    .map((v) => ({ ...v, submitted: submitted.has(v.version), submittedAt: submitted.get(v.version)?.at ?? null }));
  return { status: 200, body: { items, nextCursor: null } };
};

export const handler = httpHandler(api.listVersions, listVersions);
