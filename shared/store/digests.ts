import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { digestKey } from './keys';

/**
 * "Never twice the same day": before sending a digest the job claims (person, Paris date) with a conditional
 * write. A claim that failed to send is marked `failed` and may be claimed again by the next run.
 */
export async function claimDigest(email: string, date: string, taskCount: number, now = new Date()): Promise<boolean> {
  try {
    await ddb().send(
      new PutCommand({
        TableName: config.tableName,
        Item: {
          ...digestKey(email, date),
          entity: 'digest',
          email,
          date,
          status: 'sending',
          taskCount,
          claimedAt: now.toISOString(),
          ttl: Math.floor(now.getTime() / 1000) + 90 * 86400,
        },
        // A claim left 'sending' by a run that was cut off (timeout) may be taken again after 15 minutes.
        ConditionExpression: 'attribute_not_exists(pk) OR #s = :failed OR (#s = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':sending': 'sending', ':stale': new Date(now.getTime() - 15 * 60_000).toISOString() },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException || (e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function settleDigest(
  email: string,
  date: string,
  outcome: { status: 'sent'; messageId: string } | { status: 'failed'; error: string },
): Promise<void> {
  await ddb().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: digestKey(email, date),
      UpdateExpression: outcome.status === 'sent' ? 'SET #s = :s, messageId = :m, sentAt = :at' : 'SET #s = :s, #e = :m, failedAt = :at',
      ExpressionAttributeNames: outcome.status === 'sent' ? { '#s': 'status' } : { '#s': 'status', '#e': 'error' },
      ExpressionAttributeValues: { ':s': outcome.status, ':m': outcome.status === 'sent' ? outcome.messageId : outcome.error, ':at': new Date().toISOString() },
    }),
  );
}
