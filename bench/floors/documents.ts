/**
 * Floor of the documents group (bench/bundles.bench.ts): the DynamoDB floor (./dynamodb.ts) plus the S3 client,
 * s3-request-presigner (download links) and s3-presigned-post (uploads). Not deployed: a reference bundle.
 */
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { handler as dynamoHandler } from './dynamodb';

let s3: S3Client | undefined;
const client = () => (s3 ??= new S3Client({}));

export const handler = async (event: { pathParameters?: Record<string, string>; rawPath?: string }, context: never) => {
  if (event.rawPath === '/upload') return createPresignedPost(client(), { Bucket: 'b', Key: 'k', Expires: 300 });
  if (event.rawPath === '/download') return getSignedUrl(client(), new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 300 });
  return dynamoHandler(event, context);
};
