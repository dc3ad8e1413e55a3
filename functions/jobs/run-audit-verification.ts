import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { auditVerificationIdSchema } from '../../shared/domain/audit-verification';
import { runAuditVerification } from '../../shared/services/audit-verification';
import { logger } from '../../shared/services/logger';

/** The event `POST …/audit/verifications` sends to the audit verification worker. */
export const runAuditVerificationEventSchema = z.object({
  chain: z.string().regex(/^(PROJ|ORG)#[^#]{1,200}$/),
  verificationId: auditVerificationIdSchema,
});

/**
 * The audit verification worker (docs/scale.md, "Audit checkpoints"): invoked asynchronously with
 * `{chain, verificationId}` by `POST …/audit/verifications` (Lambda in AWS, in-process in `npm start`).
 * A malformed event is logged and dropped: retrying it cannot help.
 */
export const handler = async (event: unknown, context?: Context) => {
  const parsed = runAuditVerificationEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('Malformed audit verification event', { event, requestId: context?.awsRequestId });
    return { ok: false };
  }
  const job = await runAuditVerification(parsed.data.chain, parsed.data.verificationId);
  return { ok: true, verificationId: parsed.data.verificationId, status: job?.status ?? null, brokenSeq: job?.brokenSeq ?? null };
};
