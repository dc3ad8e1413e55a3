/**
 * The single-table layout, as data: read by infra/local (CreateTable on the emulator) and infra/aws (CDK).
 * Key builders live in keys.ts.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsis: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

/** Powertools idempotency records live in their own small table (its persistence layer wants one key attribute). */
export const IDEMPOTENCY_TABLE = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;

export const BUCKETS = ['documents', 'agreements', 'exports'] as const;
