import { ValidationError } from '../domain/errors';
import { fieldError } from '../domain/validation';
import { msg } from '../domain/i18n/catalog';
import { CURSOR_MAX_LENGTH } from '../domain/page';
import type { SortKeyCondition } from './keys';

/**
 * Opaque cursors (docs/architecture.md, "Pagination"): base64url of the JSON of a DynamoDB start key
 * (LastEvaluatedKey, or the key of the last item of a filtered page), or of a small state object for lists that
 * page over several Queries. A cursor is accepted only for the query it was issued for: same key attributes,
 * same partition, a sort key inside the query's condition — a crafted cursor cannot make a query start in
 * another partition (another project's documents, another person's tasks). Anything else is a 400 at `cursor`.
 */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

export const invalidCursor = () =>
  new ValidationError(msg('pagination.invalidCursorDetail'), { errors: [fieldError(['cursor'], msg('pagination.invalidCursor'))] });

/** The JSON object inside a base64url cursor of at most `maxLength` characters; anything else is a 400. */
function decodeJsonCursor(cursor: string, maxLength: number): Record<string, unknown> {
  if (cursor.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidCursor();
  return value as Record<string, unknown>;
}

/** What a start key must look like to continue one Query. */
export interface CursorBinding {
  /** Exactly the attributes of a start key of this query (table: pk, sk; a GSI: also its own pk and sk). */
  attributes: readonly string[];
  /** The partition the query reads: the start key must name this one. */
  partition: { name: string; value: string };
  /** The query's condition on its sort key: the start key must satisfy it. */
  sort?: { name: string; condition: SortKeyCondition };
}

export function satisfies(value: string, c: SortKeyCondition): boolean {
  if ('beginsWith' in c) return value.startsWith(c.beginsWith);
  if ('between' in c) return value >= c.between[0] && value <= c.between[1];
  if ('atMost' in c) return value <= c.atMost;
  return value > c.after;
}

/** The start key of a plain cursor, checked against the query it must continue (400 at `cursor` otherwise). */
export function decodeCursor(cursor: string | undefined, bind: CursorBinding): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const rec = decodeJsonCursor(cursor, CURSOR_MAX_LENGTH);
  const names = Object.keys(rec);
  if (names.length !== bind.attributes.length || !bind.attributes.every((a) => typeof rec[a] === 'string' && (rec[a] as string).length <= 1024)) {
    throw invalidCursor();
  }
  if (rec[bind.partition.name] !== bind.partition.value) throw invalidCursor();
  if (bind.sort && !satisfies(rec[bind.sort.name] as string, bind.sort.condition)) throw invalidCursor();
  return rec as Record<string, string>;
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
  const value = decodeJsonCursor(cursor, CURSOR_MAX_LENGTH);
  if (!valid(value)) throw invalidCursor();
  return value as S;
}
