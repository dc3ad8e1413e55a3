import type { DeclarationDraft } from '../../shared/domain/declaration';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { NotFoundError } from '../../shared/domain/errors';
import { getDeclarationVersion } from '../../shared/store/declarations';
import { assertReadableVersion, loadDeclarationContext, versionParam } from '../../shared/services/load-declaration';
import * as api from '../../shared/api/routes/declarations';
import { msg } from '../../shared/domain/i18n/catalog';

export const getVersion: RouteHandler<typeof api.getVersion> = async (req) => {
  const ctx = await loadDeclarationContext(req);
  const n = versionParam(req.params.n, 'n');
  assertReadableVersion(ctx, n);
  const version = await getDeclarationVersion<DeclarationDraft>(ctx.header.project.id, ctx.orgId, n);
  if (!version) throw new NotFoundError(msg('declaration.noVersion', { version: n }));
  const submission = ctx.head?.submissions.find((s) => s.version === n) ?? null;
  // Versions never change: caches may keep them.
  return {
    status: 200,
    body: { ...version, submitted: !!submission, submittedAt: submission?.at ?? null },
    headers: { 'cache-control': 'private, max-age=31536000, immutable' },
  };
};

export const handler = httpHandler(api.getVersion, getVersion);
