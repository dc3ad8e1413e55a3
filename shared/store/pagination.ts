import { ValidationError } from '../domain/errors';
import { fieldError } from '../domain/validation';
import { msg } from '../domain/i18n/catalog';

/**
 * Opaque cursors: base64url of the DynamoDB LastEvaluatedKey. A cursor is only accepted for the partition
 * it was issued for (`expectPk`), so a crafted cursor cannot make a query start elsewhere.
 */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

const invalid = () => new ValidationError(msg('pagination.invalidCursorDetail'), { errors: [fieldError(['cursor'], msg('pagination.invalidCursor'))] });

export function decodeCursor(cursor: string | undefined, expect: Record<string, string>): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
  const rec = key as Record<string, unknown>;
  const allowed = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);
  for (const [k, v] of Object.entries(rec)) if (!allowed.has(k) || typeof v !== 'string') throw invalid();
  for (const [k, v] of Object.entries(expect)) if (rec[k] !== v) throw invalid();
  return rec;
}
