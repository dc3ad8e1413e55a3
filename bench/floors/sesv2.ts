/** Floor of a function that sends email (bench/bundles.bench.ts): the DynamoDB floor (./dynamodb.ts) plus SES v2. Not deployed. */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { handler as dynamoHandler } from './dynamodb';

let ses: SESv2Client | undefined;
const client = () => (ses ??= new SESv2Client({}));

export const handler = async (event: { pathParameters?: Record<string, string>; rawPath?: string }, context: never) => {
  if (event.rawPath === '/mail') {
    return client().send(
      new SendEmailCommand({
        FromEmailAddress: 'a@b.c',
        Destination: { ToAddresses: ['d@e.f'] },
        Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
      }),
    );
  }
  return dynamoHandler(event, context);
};
