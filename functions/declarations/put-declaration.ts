import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { msg } from '../../shared/domain/i18n/catalog';
import { actorOf } from '../../shared/domain/audit';
import { assertCanWriteDeclaration } from '../../shared/domain/access';
import { parseDeclarationDraft, type DeclarationDraft } from '../../shared/domain/declaration';
import { activeIefHolds, assertNoDeclarationHoldViolations } from '../../shared/domain/risk/holds';
import { listFlags } from '../../shared/store/flags';
import { PreconditionFailedError } from '../../shared/domain/errors';
import { contentHashOf, getDeclarationVersion, saveDeclarationVersion } from '../../shared/store/declarations';
import { loadDeclarationContext } from '../../shared/services/load-declaration';
import { afterChange } from '../../shared/services/after-change';
import { ipFileLock } from '../../shared/services/ip-file-lock';
import * as api from '../../shared/api/routes/declarations';
import { assertVersion } from '../../shared/store/locking';

/**
 * Saves the declaration as a new immutable version n+1 (drafts may be incomplete). The first save needs no
 * If-Match; later ones need the current version's ETag (missing → 428, stale → 412). Saving content identical
 * to the current version creates nothing and answers 200 with that version.
 */
export const putDeclaration: RouteHandler<typeof api.putDeclaration> = async (req) => {
  const ctx = await loadDeclarationContext(req);
  assertCanWriteDeclaration(req.principal, ctx.orgId);
  const expected = ctx.head ? requireIfMatch(req) : req.headers['if-match'] ? -1 : 0;
  if (expected < 0) throw new PreconditionFailedError(msg('declaration.noneYet'));
  if (ctx.head) assertVersion('declaration', ctx.head.currentVersion, expected);
  const content = parseDeclarationDraft(req.body);
  const lock = await ipFileLock(ctx.header.project.id);
  // IEF holds: no new exclusive right, assignment or transfer of results to a partner under an open IEF flag.
  const flags = await listFlags(ctx.header.project.id);
  if (activeIefHolds(flags).length) {
    const previous = ctx.head
      ? ((await getDeclarationVersion<DeclarationDraft>(ctx.header.project.id, ctx.orgId, ctx.head.currentVersion))?.content ?? null)
      : null;
    assertNoDeclarationHoldViolations(content, flags, { organizationId: ctx.orgId, previous });
  }
  const contentHash = contentHashOf(content);
  if (ctx.head && contentHash === ctx.head.currentHash) {
    // Nothing was written: nothing to re-evaluate.
    await afterChange(req, { project: ctx.header.project, reevaluate: false });
    return { status: 200, body: { ...ctx.head, unchanged: true }, version: ctx.head.currentVersion };
  }
  const { head, version } = await saveDeclarationVersion(
    ctx.header.project.id,
    ctx.orgId,
    content,
    expected,
    actorOf(req.principal),
    new Date(),
    { head: ctx.head, contentHash },
    [lock],
  );
  // The engine gets the content just saved instead of reading it back.
  await afterChange(req, {
    project: ctx.header.project,
    reevaluation: { known: { [ctx.orgId]: { content, submitted: false, version: head.currentVersion } }, header: ctx.header, flags },
  });
  return {
    status: 201,
    body: { ...head, savedVersion: version },
    version: head.currentVersion,
    headers: { location: `/projects/${ctx.header.project.id}/declarations/${ctx.orgId}/versions/${head.currentVersion}` },
  };
};

export const handler = httpHandler(api.putDeclaration, putDeclaration);
