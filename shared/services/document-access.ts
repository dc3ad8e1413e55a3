import type { Principal } from '../domain/access';
import type { DocumentRecord } from '../domain/documents';
import { NotFoundError } from '../domain/errors';
import { msg } from '../domain/i18n/catalog';

/**
 * Staff and the assigned lawyer read every document of a project they see; a partner only its organization's, and
 * the publication manuscripts of the project (the other partners must read them to answer the notice).
 */
export function assertCanReadDocument(p: Principal, doc: DocumentRecord): void {
  if (p.role === 'partner' && doc.organizationId !== p.organizationId && !doc.sharedWithProject) throw new NotFoundError(msg('document.notFound'));
}
