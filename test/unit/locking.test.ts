import { ConflictError } from '../../shared/domain/errors';
import { hasFrench, translateMessage } from '../../shared/domain/i18n/messages';
import { toProblem } from '../../functions/http/problem';
import {
  alreadyExists,
  assertVersion,
  etag,
  LOCKED_ENTITIES,
  lockCondition,
  lockedDelete,
  lockedPut,
  lockFailure,
  staleVersion,
} from '../../shared/store/locking';
import { fromAttributeMap } from '../../shared/store/tx';

describe('lock conditions', () => {
  test('create: attribute_not_exists(pk); at a version: the version attribute through a placeholder', () => {
    expect(lockCondition({ expect: 'absent' })).toEqual({ ConditionExpression: 'attribute_not_exists(pk)' });
    expect(lockCondition({ expect: 7 })).toEqual({
      ConditionExpression: '#lockv = :lockv',
      ExpressionAttributeNames: { '#lockv': 'version' },
      ExpressionAttributeValues: { ':lockv': 7 },
    });
    expect(lockCondition({ expect: 3, versionAttribute: 'currentVersion' }).ExpressionAttributeNames).toEqual({ '#lockv': 'currentVersion' });
  });

  test('an extra condition is ANDed, its names and values merged', () => {
    expect(lockCondition({ expect: 2, and: { expression: '#s = :pending', names: { '#s': 'status' }, values: { ':pending': 'pending' } } })).toEqual({
      ConditionExpression: '#lockv = :lockv AND (#s = :pending)',
      ExpressionAttributeNames: { '#s': 'status', '#lockv': 'version' },
      ExpressionAttributeValues: { ':pending': 'pending', ':lockv': 2 },
    });
  });

  test('locked writes ask DynamoDB for the current item when their condition fails', () => {
    const put = lockedPut({ pk: 'A', sk: 'META', version: 2 }, { entity: 'project', expect: 1 });
    expect(put.item.Put).toMatchObject({ Item: { pk: 'A' }, ConditionExpression: '#lockv = :lockv', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    const del = lockedDelete({ pk: 'A', sk: 'META' }, { entity: 'staff member', expect: 4 });
    expect(del.item.Delete).toMatchObject({
      Key: { pk: 'A', sk: 'META' },
      ExpressionAttributeValues: { ':lockv': 4 },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });
});

describe('failed locks: one error per situation', () => {
  test('a stale version is a 412 with the current ETag', () => {
    const e = lockFailure({ entity: 'workflow', expect: 3 })({ version: 5 });
    expect(e).toMatchObject({ status: 412, extra: { currentEtag: '"5"' }, message: 'The workflow is at version 5, not 3; reload it and retry.' });
    expect(toProblem(e, undefined, 'en')).toMatchObject({ status: 412, currentEtag: '"5"' });
  });

  test('an item gone is a 412 without ETag; a creation that finds the item is a 409 with its ETag', () => {
    expect(lockFailure({ entity: 'flag', expect: 3 })(null)).toMatchObject({ status: 412, message: 'The flag no longer exists; reload it.' });
    expect(lockFailure({ entity: 'flag', expect: 3 })(null).extra).toBeUndefined();
    expect(lockFailure({ entity: 'flag', expect: 'absent' })({ version: 1 })).toMatchObject({
      status: 409,
      message: 'The flag already exists.',
      extra: { currentEtag: '"1"' },
    });
    expect(lockFailure({ entity: 'control event', expect: 'absent' })({ id: 'x' }).extra).toBeUndefined();
    const custom = lockFailure({ entity: 'workflow', expect: 'absent', exists: () => new ConflictError('Already started.') })({ version: 1 });
    expect(custom).toMatchObject({ status: 409, message: 'Already started.' });
  });

  test('a declared state conflict wins over the version; an extra condition without one is a stale version', () => {
    const and = {
      expression: '#s = :p',
      names: { '#s': 'status' },
      values: { ':p': 'pending' },
      conflict: (c: Record<string, unknown>) => (c.status !== 'pending' ? new ConflictError('Already confirmed.') : null),
    };
    expect(lockFailure({ entity: 'document', expect: 1, and })({ version: 2, status: 'available' })).toMatchObject({
      status: 409,
      message: 'Already confirmed.',
    });
    expect(lockFailure({ entity: 'document', expect: 1, and })({ version: 2, status: 'pending' })).toMatchObject({
      status: 412,
      extra: { currentEtag: '"2"' },
    });
    const sub = lockFailure({
      entity: 'declaration',
      expect: 2,
      versionAttribute: 'currentVersion',
      and: { expression: 'updatedAt = :u', values: { ':u': 't1' } },
    })({ currentVersion: 2, updatedAt: 't2' });
    expect(sub).toMatchObject({
      status: 412,
      message: 'The declaration changed meanwhile (now at version 2); reload it and retry.',
      extra: { currentEtag: '"2"' },
    });
  });

  test('assertVersion (the If-Match pre-checks) throws the same 412', () => {
    expect(() => assertVersion('organization', 4, 4)).not.toThrow();
    expect(() => assertVersion('organization', 4, 3)).toThrow(expect.objectContaining({ status: 412, extra: { currentEtag: '"4"' } }));
    expect(() => assertVersion('declaration', undefined, 3)).toThrow(expect.objectContaining({ status: 412 }));
    expect(etag(12)).toBe('"12"');
  });

  test('every lock message has a French translation, for every entity', () => {
    for (const entity of LOCKED_ENTITIES) {
      const messages = [
        staleVersion(entity, 7, 6).message,
        staleVersion(entity, 7).message,
        staleVersion(entity, null).message,
        alreadyExists(entity, null).message,
        lockFailure({ entity, expect: 'absent' })(null).message,
      ];
      for (const m of messages) expect([m, hasFrench(m)]).toEqual([m, true]);
    }
    expect(translateMessage(staleVersion('organization', 7, 6).message, 'fr')).toBe("L'organisation est à la version 7, et non 6 ; rechargez puis réessayez.");
    expect(translateMessage(staleVersion('flag', 3).message, 'fr')).toBe(
      "L'alerte a été modifiée entre-temps (version 3 désormais) ; rechargez puis réessayez.",
    );
    expect(translateMessage(alreadyExists('project', null).message, 'fr')).toBe('Le projet existe déjà.');
  });
});

test('cancellation-reason items are unmarshalled', () => {
  expect(
    fromAttributeMap({
      pk: { S: 'A' },
      version: { N: '7' },
      ok: { BOOL: true },
      none: { NULL: true },
      m: { M: { l: { L: [{ N: '1' }, { S: 'x' }] } } },
      ss: { SS: ['a'] },
    }),
  ).toEqual({ pk: 'A', version: 7, ok: true, none: null, m: { l: [1, 'x'] }, ss: new Set(['a']) });
});
