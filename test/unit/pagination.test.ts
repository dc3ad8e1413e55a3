import { cursorBinding } from '../../shared/store/query';
import { decodeCompositeCursor, decodeCursor, encodeCompositeCursor, encodeCursor } from '../../shared/store/pagination';
import { queries } from '../../shared/store/keys';
import { ValidationError } from '../../shared/domain/errors';
import { pageQueryParamsSchema, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../shared/domain/page';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
/** The 400 a bad cursor gives: a ValidationError whose single field error is at `cursor`. */
const rejects = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).errors?.map((x) => x.path)).toEqual(['cursor']);
    return;
  }
  throw new Error('accepted');
};

describe('opaque cursors', () => {
  const docs = cursorBinding(queries.documentsOfProject('prj_a'));
  const key = { pk: 'DOC#doc_1', sk: 'META', gsi1pk: 'PROJDOCS#prj_a', gsi1sk: '2026-01-01T00:00:00.000Z#doc_1' };

  it('round-trip a start key as base64url (no padding, URL-safe)', () => {
    const c = encodeCursor(key)!;
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, docs)).toEqual(key);
    expect(encodeCursor(undefined)).toBeNull();
    expect(decodeCursor(undefined, docs)).toBeUndefined();
    expect(decodeCursor('', docs)).toBeUndefined();
  });

  it('bind a cursor to its query: another partition, another index or a sort key outside the condition is a 400 at `cursor`', () => {
    // Another project's documents.
    rejects(() => decodeCursor(encodeCursor({ ...key, gsi1pk: 'PROJDOCS#prj_b' })!, docs));
    // A table key where an index key is expected, and extra or missing attributes.
    rejects(() => decodeCursor(encodeCursor({ pk: 'DOC#doc_1', sk: 'META' })!, docs));
    rejects(() => decodeCursor(encodeCursor({ ...key, gsi2pk: 'x' })!, docs));
    rejects(() => decodeCursor(encodeCursor({ ...key, gsi1sk: 42 })!, docs));
    // Same partition, sort key outside the query's begins_with: a project's flags cannot start in its declarations.
    const flags = cursorBinding(queries.flags('prj_a'));
    expect(decodeCursor(encodeCursor({ pk: 'PROJ#prj_a', sk: 'FLAG#f1' })!, flags)).toEqual({ pk: 'PROJ#prj_a', sk: 'FLAG#f1' });
    rejects(() => decodeCursor(encodeCursor({ pk: 'PROJ#prj_a', sk: 'DECL#org#V#000001' })!, flags));
    rejects(() => decodeCursor(encodeCursor({ pk: 'PROJ#prj_b', sk: 'FLAG#f1' })!, flags));
    // between / atMost / after conditions.
    const agreements = cursorBinding(queries.agreements('prj_a', 3));
    rejects(() => decodeCursor(encodeCursor({ pk: 'PROJ#prj_a', sk: 'AGR#V#000002' })!, agreements));
    expect(decodeCursor(encodeCursor({ pk: 'PROJ#prj_a', sk: 'AGR#V#000004' })!, agreements)).toBeDefined();
    const tasks = cursorBinding(queries.tasks('role:legal', '2026-01-01'));
    rejects(() => decodeCursor(encodeCursor({ pk: 'p', sk: 's', gsi1pk: 'TASKS#role:legal', gsi1sk: '2025-12-31' })!, tasks));
  });

  it('refuse what is not a cursor: bad characters, not JSON, not an object, too long', () => {
    for (const bad of ['***', 'not base64!', Buffer.from('nope').toString('base64url'), b64([1, 2]), b64('x'), b64(null), 'A'.repeat(5000)]) {
      rejects(() => decodeCursor(bad, docs));
    }
  });

  it('composite cursors carry a small state object, checked by the list that reads it', () => {
    const valid = (v: Record<string, unknown>): v is { i: number } => Number.isInteger(v.i) && Object.keys(v).length === 1;
    const c = encodeCompositeCursor({ i: 2 });
    expect(decodeCompositeCursor(c, valid)).toEqual({ i: 2 });
    rejects(() => decodeCompositeCursor(encodeCompositeCursor({ i: 'x' }), valid));
    rejects(() => decodeCompositeCursor('%%%', valid));
    expect(decodeCompositeCursor(undefined, valid)).toBeUndefined();
  });
});

describe('page size', () => {
  it('is 50 by default, 1 to 200', () => {
    expect(pageQueryParamsSchema.parse({})).toEqual({ limit: PAGE_LIMIT_DEFAULT });
    expect(PAGE_LIMIT_DEFAULT).toBe(50);
    expect(pageQueryParamsSchema.parse({ limit: '200' }).limit).toBe(PAGE_LIMIT_MAX);
    expect(PAGE_LIMIT_MAX).toBe(200);
    for (const bad of ['0', '201', '2.5', 'abc']) expect(pageQueryParamsSchema.safeParse({ limit: bad }).success).toBe(false);
  });
});

describe('queryInput', () => {
  it('reads a sort-key prefix as the range [prefix, prefix + U+10FFFF] (a seek on DynamoDB Local too)', async () => {
    const { queryInput, PREFIX_END } = await import('../../shared/store/query');
    const input = queryInput({ pk: 'PROJ#p1', sk: { beginsWith: 'FLAG#' } });
    expect(input.KeyConditionExpression).toBe('pk = :pk AND sk BETWEEN :from AND :to');
    expect(input.ExpressionAttributeValues).toEqual({ ':pk': 'PROJ#p1', ':from': 'FLAG#', ':to': `FLAG#${PREFIX_END}` });
    // Every key with the prefix sorts inside the range (DynamoDB compares UTF-8 bytes), none without it.
    const bytes = (x: string) => Buffer.from(x, 'utf8');
    const inRange = (k: string) => Buffer.compare(bytes(k), bytes('FLAG#')) >= 0 && Buffer.compare(bytes(k), bytes(`FLAG#${PREFIX_END}`)) <= 0;
    for (const k of ['FLAG#', 'FLAG#flg_1', 'FLAG#zzz', 'FLAG#\u00e9\u{1F600}']) expect(inRange(k)).toBe(true);
    for (const k of ['FLAF#z', 'FLAG', 'FLAH#', 'META']) expect(inRange(k)).toBe(false);
  });
});
