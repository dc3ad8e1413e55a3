import { httpHandler, type RouteHandler } from '../http/http-handler';
import { diffDeclarations } from '../../shared/domain/redline';
import type { DeclarationDraft } from '../../shared/domain/declaration';
import { NotFoundError } from '../../shared/domain/errors';
import { getDeclarationVersion } from '../../shared/store/declarations';
import { assertReadableVersion, loadDeclarationContext, versionParam } from '../../shared/services/load-declaration';
import * as api from '../../shared/api/routes/declarations';
import { msg } from '../../shared/domain/i18n/catalog';

/** A structured redline between two versions: added, removed and changed paths with old and new values. */
export const diffVersions: RouteHandler<typeof api.diffVersions> = async (req) => {
  const ctx = await loadDeclarationContext(req);
  const from = versionParam(req.query.from, 'from');
  const to = versionParam(req.query.to, 'to');
  assertReadableVersion(ctx, from);
  assertReadableVersion(ctx, to);
  const [a, b] = await Promise.all([
    getDeclarationVersion<DeclarationDraft>(ctx.header.project.id, ctx.orgId, from),
    getDeclarationVersion<DeclarationDraft>(ctx.header.project.id, ctx.orgId, to),
  ]);
  if (!a || !b) throw new NotFoundError(msg('declaration.versionNotFound'));
  const redline = diffDeclarations(a.content, b.content);
  return {
    status: 200,
    body: {
      from: { version: from, contentHash: a.contentHash, savedAt: a.savedAt },
      to: { version: to, contentHash: b.contentHash, savedAt: b.savedAt },
      ...redline,
    },
  };
};

export const handler = httpHandler(api.diffVersions, diffVersions);
