import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from './clients';
import { config } from './config';
import type { Email } from '../domain/mail/render';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException', 'SendingPausedException']);

/**
 * Sends one email through SES v2 (text + HTML). Throttling is retried with exponential backoff and jitter
 * on top of the SDK's own retries; any other failure is thrown to the caller, which decides (a reminder
 * digest is retried on the next run). Returns the SES message id.
 */
export async function sendEmail(email: Email, opts: { maxAttempts?: number } = {}): Promise<string> {
  const maxAttempts = opts.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await ses().send(
        new SendEmailCommand({
          FromEmailAddress: config.mailFrom,
          Destination: { ToAddresses: email.to },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
            },
          },
        }),
      );
      return res.MessageId ?? '';
    } catch (e) {
      if (!THROTTLED.has((e as Error).name) || attempt >= maxAttempts) throw e;
      await sleep(Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  }
}
