import { httpHandler, type RouteHandler } from '../http/http-handler';
import { NotFoundError } from '../../shared/domain/errors';
import { getDeclarationVersion } from '../../shared/store/declarations';
import { assertReadableVersion, loadDeclarationContext, versionParam } from '../../shared/services/load-declaration';

export const getVersion: RouteHandler = async (req) => {
  const ctx = await loadDeclarationContext(req);
  const n = versionParam(req.params.n, 'n');
  assertReadableVersion(ctx, n);
  const version = await getDeclarationVersion(ctx.header.project.id, ctx.orgId, n);
  if (!version) throw new NotFoundError(`No version ${n}.`);
  const submission = ctx.head?.submissions.find((s) => s.version === n) ?? null;
  // Versions never change: caches may keep them.
  return { status: 200, body: { ...version, submitted: !!submission, submittedAt: submission?.at ?? null }, headers: { 'cache-control': 'private, max-age=31536000, immutable' } };
};

export const handler = httpHandler('GET /projects/{projectId}/declarations/{orgId}/versions/{n}', getVersion);
