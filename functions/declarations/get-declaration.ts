import type { DeclarationDraft } from '../../shared/domain/declaration';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { NotFoundError } from '../../shared/domain/errors';
import { getDeclarationVersion } from '../../shared/store/declarations';
import { loadDeclarationContext } from '../../shared/services/load-declaration';
import * as api from '../../shared/api/routes/declarations';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * The current declaration: the latest version for those who see drafts (its representatives, staff, the
 * lawyer), the latest submitted version for the other partners. ETag = the latest version number.
 */
export const getDeclaration: RouteHandler<typeof api.getDeclaration> = async (req) => {
  const ctx = await loadDeclarationContext(req);
  const { head } = ctx;
  const n = !head ? undefined : ctx.seesDrafts ? head.currentVersion : head.submissions.at(-1)?.version;
  if (!head || n === undefined) throw new NotFoundError(msg(ctx.seesDrafts ? 'declaration.noneSaved' : 'declaration.noneSubmitted'));
  const version = await getDeclarationVersion<DeclarationDraft>(ctx.header.project.id, ctx.orgId, n);
  if (!version) throw new NotFoundError(msg('declaration.noSuchVersion'));
  const submissions = ctx.seesDrafts ? head.submissions : head.submissions.filter((s) => s.version <= n);
  return {
    status: 200,
    body: {
      ...version,
      status: head.submissions.some((s) => s.version === n) ? 'submitted' : 'draft',
      latestVersion: n,
      submissions,
    },
    version: ctx.seesDrafts ? head.currentVersion : n,
  };
};

export const handler = httpHandler(api.getDeclaration, getDeclaration);
