import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { LambdaClient } from '@aws-sdk/client-lambda';

/**
 * SDK clients, each built on first use and then kept for the life of the Lambda container. Nothing is built at
 * import, and a bundle that never calls `s3()` or `ses()` does not carry that client (esbuild drops the unused
 * getter and, the SDK packages being free of side effects, the package with it). Endpoints come from the
 * standard AWS_ENDPOINT_URL_DYNAMODB / _S3 / _SESV2 variables, so the same code talks to AWS or to the
 * emulators: they are read when the client is built, so set them before the first call.
 */
let dynamoClient: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;
let sesClient: SESv2Client | undefined;
let lambdaClient: LambdaClient | undefined;

/** The DynamoDB client (also under the idempotency layer, and what the benches instrument). */
export const dynamo = (): DynamoDBClient => (dynamoClient ??= new DynamoDBClient({ maxAttempts: 4 }));

/** The document client over {@link dynamo}. */
export const ddb = (): DynamoDBDocumentClient =>
  (documentClient ??= DynamoDBDocumentClient.from(dynamo(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }));

/** Path-style addressing is needed by the local S3 emulator (no virtual-host DNS on 127.0.0.1). */
export const s3 = (): S3Client => (s3Client ??= new S3Client({ forcePathStyle: !!process.env.AWS_ENDPOINT_URL_S3 }));

export const ses = (): SESv2Client => (sesClient ??= new SESv2Client({}));

/** Lambda, to start the asynchronous workers (shared/store/workers.ts). */
export const lambda = (): LambdaClient => (lambdaClient ??= new LambdaClient({}));
