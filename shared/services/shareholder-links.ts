import { findShareholdingCycle, type Shareholder } from '../domain/organization';
import { ConflictError, ValidationError } from '../domain/errors';
import { fieldError } from '../domain/validation';
import { loadControlChain } from '../store/organizations';
import { msg } from '../domain/i18n/catalog';

/**
 * Shareholders that point at registered organizations must exist, and the links must form no cycle
 * (a holds b holds a). `selfId` is null for a new organization (which nobody can hold yet).
 */
export async function assertLinkedShareholdersValid(selfId: string | null, shareholders: readonly Shareholder[]): Promise<void> {
  const linked = shareholders.map((s, i) => ({ id: s.organizationId, i })).filter((x): x is { id: string; i: number } => !!x.id);
  if (!linked.length) return;
  const chain = await loadControlChain(linked.map((l) => l.id));
  const missing = linked.filter((l) => !chain.has(l.id));
  if (missing.length) {
    throw new ValidationError(msg('organization.shareholdersMissing'), {
      errors: missing.map((m) => fieldError(['shareholders', m.i, 'organizationId'], msg('field.noSuchOrganization'))),
    });
  }
  if (!selfId) return;
  const holdersOf = (id: string) =>
    chain
      .get(id)
      ?.shareholders.map((s) => s.organizationId)
      .filter((x): x is string => !!x) ?? [];
  const cycle = findShareholdingCycle(
    selfId,
    linked.map((l) => l.id),
    holdersOf,
  );
  if (cycle) throw new ConflictError(msg('organization.shareholdingCycle', { cycle: cycle.join(' → ') }), { extra: { cycle } });
}
