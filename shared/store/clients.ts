import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * SDK clients, created once per Lambda container (module scope). Endpoints come from the standard
 * AWS_ENDPOINT_URL_DYNAMODB / _S3 / _SESV2 variables, so the same code talks to AWS or to the emulators.
 */
export const dynamo = new DynamoDBClient({ maxAttempts: 4 });
export const ddb = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
/** Path-style addressing is needed by the local S3 emulator (no virtual-host DNS on 127.0.0.1). */
export const s3 = new S3Client({ forcePathStyle: !!process.env.AWS_ENDPOINT_URL_S3 });
export const ses = new SESv2Client({});
