import type { RequestScope } from './request-scope';
import { loadReadableProject } from './load-project';
import { canReadDeclarationDrafts } from '../domain/access';
import { NotFoundError, ValidationError } from '../domain/errors';
import { fieldError } from '../domain/validation';
import { getDeclarationHead, type DeclarationHead } from '../store/declarations';
import type { ProjectHeader } from '../store/projects';
import { msg } from '../domain/i18n/catalog';

export interface DeclarationContext {
  header: ProjectHeader;
  orgId: string;
  /** May the caller see drafts (or only submitted versions)? */
  seesDrafts: boolean;
  head: DeclarationHead | null;
}

/** The project (readable by the caller), the partner organization `{orgId}` in it, and its declaration head. */
export async function loadDeclarationContext(req: RequestScope): Promise<DeclarationContext> {
  const header = await loadReadableProject(req);
  const orgId = req.params.orgId ?? '';
  if (!header.members.some((m) => m.organizationId === orgId)) throw new NotFoundError(msg('project.notPartner'));
  const head = await getDeclarationHead(header.project.id, orgId);
  return { header, orgId, seesDrafts: canReadDeclarationDrafts(req.principal, orgId), head };
}

/** The version numbers the caller may read: all, or only submitted ones. */
export function readableVersions(ctx: DeclarationContext): number[] | 'all' {
  if (ctx.seesDrafts) return 'all';
  return [...new Set((ctx.head?.submissions ?? []).map((s) => s.version))];
}

export function assertReadableVersion(ctx: DeclarationContext, n: number): void {
  const readable = readableVersions(ctx);
  const exists = !!ctx.head && n >= 1 && n <= ctx.head.currentVersion;
  if (!exists || (readable !== 'all' && !readable.includes(n))) throw new NotFoundError(msg('declaration.noReadableVersion', { version: n }));
}

export function versionParam(raw: string | undefined, name: string): number {
  if (!raw || !/^\d{1,6}$/.test(raw) || Number(raw) < 1) {
    throw new ValidationError(msg('declaration.versionParamDetail', { name }), { errors: [fieldError([name], msg('field.mustBePositiveInteger'))] });
  }
  return Number(raw);
}
