import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { IDEMPOTENCY_TABLE, TABLE } from '../../shared/store/table-def';

/** Creates the single table (with its GSIs) and the idempotency table if they do not exist. Idempotent. */
export async function ensureTables(endpoint: string, names: { table: string; idempotency: string }): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const attr = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' as const });
  const main: CreateTableCommandInput = {
    TableName: names.table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [TABLE.partitionKey, TABLE.sortKey, ...TABLE.gsis.flatMap((g) => [g.partitionKey, g.sortKey])].map(attr),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.gsis.map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
  const idem: CreateTableCommandInput = {
    TableName: names.idempotency,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [attr(IDEMPOTENCY_TABLE.partitionKey)],
    KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, KeyType: 'HASH' }],
  };
  for (const def of [main, idem]) {
    try {
      await client.send(new CreateTableCommand(def));
      if (def === idem) {
        await client.send(
          new UpdateTimeToLiveCommand({ TableName: def.TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: IDEMPOTENCY_TABLE.ttlAttribute } }),
        );
      }
    } catch (e) {
      if (!(e instanceof ResourceInUseException) && (e as Error).name !== 'ResourceInUseException') throw e;
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName: def.TableName }));
    // A data directory from an older version lacks the indexes added since: add them (the data is then
    // backfilled by the pending migrations, shared/store/migrations.ts).
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
    for (const gsi of def.GlobalSecondaryIndexes ?? []) {
      if (present.has(gsi.IndexName)) continue;
      const [hash, range] = gsi.KeySchema!.map((k) => k.AttributeName!);
      await client.send(
        new UpdateTableCommand({
          TableName: def.TableName,
          AttributeDefinitions: [attr(hash!), attr(range!)],
          GlobalSecondaryIndexUpdates: [{ Create: { IndexName: gsi.IndexName, KeySchema: gsi.KeySchema, Projection: gsi.Projection } }],
        }),
      );
    }
  }
  client.destroy();
}
