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

/** The JSON object inside a base64url cursor of at most `maxLength` characters; anything else is a 400. */
function decodeJsonCursor(cursor: string, maxLength: number): Record<string, unknown> {
  if (cursor.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  return value as Record<string, unknown>;
}

export function decodeCursor(cursor: string | undefined, expect: Record<string, string>): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const rec = decodeJsonCursor(cursor, 2048);
  const allowed = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk']);
  for (const [k, v] of Object.entries(rec)) if (!allowed.has(k) || typeof v !== 'string') throw invalid();
  for (const [k, v] of Object.entries(expect)) if (rec[k] !== v) throw invalid();
  return rec;
}

/**
 * Cursors of lists that page over several Queries (e.g. one per severity): base64url of a small JSON object,
 * checked by `valid`; anything else is a 400 like a malformed plain cursor.
 */
export function encodeCompositeCursor(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCompositeCursor<S extends Record<string, unknown>>(
  cursor: string | undefined,
  valid: (v: Record<string, unknown>) => v is S,
): S | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const value = decodeJsonCursor(cursor, 4096);
  if (!valid(value)) throw invalid();
  return value as S;
}
