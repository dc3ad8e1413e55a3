/**
 * Floor of a request-path function (bench/bundles.bench.ts): what every route group needs at the least —
 * middy, the Powertools logger (with its middleware), DynamoDB through lib-dynamodb, a zod schema imported
 * as a namespace (`import * as z`). Clients are built on first use. Not deployed: a reference bundle.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';

const logger = new Logger({ serviceName: 'vigie' });
let ddb: DynamoDBDocumentClient | undefined;
const client = () => (ddb ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 4 })));

const params = z.object({ projectId: z.string().regex(/^prj_[0-9a-f]{32}$/) });

export const handler = middy(async (event: { pathParameters?: Record<string, string> }) => {
  const { projectId } = params.parse(event.pathParameters ?? {});
  const { Item } = await client().send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: `PROJ#${projectId}`, sk: 'META' } }));
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? {}) };
}).use(injectLambdaContext(logger));
