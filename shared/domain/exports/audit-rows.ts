import { canonicalJson, type AuditEvent } from '../audit';
import type { ExportRow } from './columns';

/** An audit event as an export row (columns of the `audit` kind). */
export function auditRow(e: AuditEvent): ExportRow {
  return {
    chain: e.chain,
    seq: e.seq,
    at: e.at,
    actorSub: e.actor.sub,
    actorRole: e.actor.role,
    actorOrg: e.actor.org ?? null,
    actorEmail: e.actor.email ?? null,
    action: e.action,
    targetType: e.target.type,
    targetId: e.target.id,
    before: e.before === undefined ? null : canonicalJson(e.before),
    after: e.after === undefined ? null : canonicalJson(e.after),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

const str = (row: Record<string, unknown>, k: string): string => {
  const v = row[k];
  if (typeof v !== 'string') throw new TypeError(`${k}: string expected`);
  return v;
};
const optStr = (row: Record<string, unknown>, k: string): string | null => (row[k] === null || row[k] === undefined ? null : str(row, k));
const json = (row: Record<string, unknown>, k: string): unknown => {
  const v = optStr(row, k);
  return v === null ? undefined : (JSON.parse(v) as unknown);
};

/**
 * The audit events a row may stand for. An actor's `org`/`email` is exported as null whether it was null or
 * absent in the stored event, and the hash tells them apart: so each combination is a candidate (up to 4).
 * Throws a TypeError when the row lacks a field.
 */
export function auditEventCandidates(row: Record<string, unknown>): AuditEvent[] {
  const seq = row.seq;
  if (typeof seq !== 'number' || !Number.isInteger(seq)) throw new TypeError('seq: integer expected');
  const org = optStr(row, 'actorOrg');
  const email = optStr(row, 'actorEmail');
  const base = {
    chain: str(row, 'chain'),
    seq,
    at: str(row, 'at'),
    action: str(row, 'action'),
    target: { type: str(row, 'targetType'), id: str(row, 'targetId') },
    before: json(row, 'before'),
    after: json(row, 'after'),
    prevHash: str(row, 'prevHash'),
    hash: str(row, 'hash'),
  };
  const actors = [];
  for (const withOrg of org === null ? [true, false] : [true]) {
    for (const withEmail of email === null ? [true, false] : [true]) {
      actors.push({
        sub: str(row, 'actorSub'),
        role: str(row, 'actorRole'),
        ...(withOrg ? { org } : {}),
        ...(withEmail ? { email } : {}),
      });
    }
  }
  return actors.map((actor) => ({ ...base, actor }));
}
