import { config } from './config';
import type { TxWrite } from './tx';
import { ConflictError, PreconditionFailedError, type DomainError } from '../domain/errors';
import { msg, type MessageId, type Msg } from '../domain/i18n/catalog';

/**
 * Optimistic locking, in one place. Every mutable item carries a version (`version`; a declaration head,
 * `currentVersion`), sent to clients as the ETag `"<version>"`. A write states what it expects of the item:
 *
 *  - `expect: 'absent'` — a creation (`attribute_not_exists(pk)`);
 *  - `expect: <n>`      — a replacement (Put) or delete of the item at version n,
 *
 * optionally with an extra condition (e.g. a document must still be `pending`). When the transaction is
 * cancelled on that condition, `writeWithAudit` hands the failure the current item (returned by DynamoDB with
 * `ReturnValuesOnConditionCheckFailure: ALL_OLD`, else read with a consistent read) and the failure becomes ONE
 * of three errors, in this order:
 *
 *  1. 409 Conflict — a state conflict that no reload would fix: creating an item that already exists, or the
 *     extra condition's own `conflict` (e.g. "already confirmed", "already submitted");
 *  2. 412 Precondition Failed — the version is stale (or the item is gone): reload and retry. The problem
 *     carries `currentEtag`, the ETag to send in If-Match after reloading (absent when the item is gone);
 *  3. 412 as well when the version matches but the extra condition failed without a declared conflict (it
 *     guards the same item against a concurrent change the version does not count, e.g. a submission).
 */

/** The names of locked items in messages (their French and English in the catalogue, `entity.*`). */
export const LOCKED_ENTITIES = [
  'organization',
  'project',
  'partner',
  'lawyer assignment',
  'workflow',
  'declaration',
  'staff member',
  'flag',
  'document',
  'control event',
  'export job',
  'publication',
  'control review',
] as const;
export type LockedEntity = (typeof LOCKED_ENTITIES)[number];
const ENTITY_MESSAGES: Record<LockedEntity, MessageId> = {
  organization: 'entity.organization',
  project: 'entity.project',
  partner: 'entity.partner',
  'lawyer assignment': 'entity.lawyerAssignment',
  workflow: 'entity.workflow',
  declaration: 'entity.declaration',
  'staff member': 'entity.staffMember',
  flag: 'entity.flag',
  document: 'entity.document',
  'control event': 'entity.controlEvent',
  'export job': 'entity.exportJob',
  publication: 'entity.publication',
  'control review': 'entity.controlReview',
};
const entityName = (entity: LockedEntity) => msg(ENTITY_MESSAGES[entity]);

/** An extra condition, ANDed with the lock. Its placeholders must not start with `#lock`/`:lock`. */
export interface ExtraCondition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  /**
   * The state conflict (409) to report when the current item violates the condition in a way that reloading
   * would not fix; null (or absent) makes any failure a stale version (412).
   */
  conflict?: (current: Record<string, unknown>) => DomainError | null;
}

export interface Lock {
  entity: LockedEntity;
  /** `'absent'` to create; else the version the item must be at. */
  expect: 'absent' | number;
  /** The version attribute (default `version`). */
  versionAttribute?: string;
  and?: ExtraCondition;
  /** The 409 when a creation finds the item already there (default: "The <entity> already exists."). */
  exists?: (current: Record<string, unknown>) => DomainError;
}

/** The ETag of a version: `"7"`. */
export const etag = (version: number) => `"${version}"`;

/** 412 for a stale version: the current version (null when the item is gone) and, when known, the one expected. */
export function staleVersion(entity: LockedEntity, current: number | null | undefined, expected?: number): PreconditionFailedError {
  const e = entityName(entity);
  if (current === null || current === undefined) return new PreconditionFailedError(msg('lock.gone', { entity: e }));
  return new PreconditionFailedError(
    expected === undefined ? msg('lock.changed', { entity: e, current }) : msg('lock.stale', { entity: e, current, expected }),
    { extra: { currentEtag: etag(current) } },
  );
}

/** Throws the 412 of a stale version unless `current` is the version the caller sent (If-Match) or read. */
export function assertVersion(entity: LockedEntity, current: number | null | undefined, expected: number): void {
  if (current !== expected) throw staleVersion(entity, current, expected);
}

/** 409 for a creation that finds the item there (with its ETag when it has a version). */
export function alreadyExists(
  entity: LockedEntity,
  current: Record<string, unknown> | null,
  message: Msg = msg('lock.exists', { entity: entityName(entity) }),
): ConflictError {
  const v = current?.version;
  return new ConflictError(message, typeof v === 'number' ? { extra: { currentEtag: etag(v) } } : {});
}

/** The condition of a lock, to spread into a Put, Update or Delete. */
export function lockCondition(lock: Pick<Lock, 'expect' | 'versionAttribute' | 'and'>): {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  const names: Record<string, string> = { ...lock.and?.names };
  const values: Record<string, unknown> = { ...lock.and?.values };
  let expression: string;
  if (lock.expect === 'absent') expression = 'attribute_not_exists(pk)';
  else {
    names['#lockv'] = lock.versionAttribute ?? 'version';
    values[':lockv'] = lock.expect;
    expression = '#lockv = :lockv';
  }
  if (lock.and) expression += ` AND (${lock.and.expression})`;
  return {
    ConditionExpression: expression,
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}

/** The error of a failed lock, given the current item (null when there is none). See the module comment. */
export function lockFailure(lock: Lock): (current: Record<string, unknown> | null) => DomainError {
  return (current) => {
    if (lock.expect === 'absent') {
      // Gone again by the time we looked: a concurrent create and delete; a retry will do.
      if (!current) return new ConflictError(msg('lock.changedRetry', { entity: entityName(lock.entity) }));
      return lock.exists ? lock.exists(current) : alreadyExists(lock.entity, current);
    }
    if (!current) return staleVersion(lock.entity, null);
    const conflict = lock.and?.conflict?.(current);
    if (conflict) return conflict;
    const v = current[lock.versionAttribute ?? 'version'];
    if (typeof v !== 'number') return staleVersion(lock.entity, null);
    return staleVersion(lock.entity, v, v === lock.expect ? undefined : lock.expect);
  };
}

const RETURN_CURRENT = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;

/** A Put under a lock (the item carries its key). */
export function lockedPut(item: Record<string, unknown>, lock: Lock): TxWrite {
  return { item: { Put: { TableName: config.tableName, Item: item, ...lockCondition(lock), ...RETURN_CURRENT } }, onConditionFailed: lockFailure(lock) };
}

/** A Delete under a lock (a delete "at" a version: `expect` is a number). */
export function lockedDelete(key: Record<string, unknown>, lock: Lock & { expect: number }): TxWrite {
  return { item: { Delete: { TableName: config.tableName, Key: key, ...lockCondition(lock), ...RETURN_CURRENT } }, onConditionFailed: lockFailure(lock) };
}
