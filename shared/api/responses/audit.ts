import * as z from 'zod';
import { datetime, pageOf, sha256 } from './common';
import { BREAK_REASONS } from '../../domain/audit';
import { AUDIT_VERIFICATION_STATUSES, auditVerificationSchema } from '../../domain/audit-verification';

export const auditEventSchema = z.object({
  chain: z.string(),
  seq: z.number().int().min(1),
  at: datetime,
  actor: z.object({ sub: z.string(), role: z.string(), org: z.string().nullable().optional(), email: z.string().nullable().optional() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  prevHash: sha256,
  hash: sha256,
});
const seq = z.number().int().min(0);
/**
 * `GET …/audit/verify`: a bounded verification (docs/scale.md, "Audit checkpoints"): the events after the last
 * verified checkpoint (the anchor), at most 2,000; the next call goes on from where this one stopped.
 */
export const chainVerificationSchema = z.object({
  chain: z.string(),
  valid: z.boolean().describe('False when this range is broken, or when the last full verification found a break'),
  length: seq.describe('Events in the chain (the head seq)'),
  headSeq: seq,
  headHash: sha256,
  fromSeq: seq.nullable().describe('First event checked by this request (null when no event followed the anchor)'),
  toSeq: seq.nullable().describe('Last event checked by this request'),
  checkedEvents: seq.describe('Events checked after the anchor (at most 2,000 per request)'),
  remainingEvents: seq.describe('Events after toSeq not checked yet: call again, or start a full verification'),
  anchor: z
    .object({ seq, hash: sha256, verifiedAt: datetime.nullable().describe('When that checkpoint was verified (null: genesis)') })
    .describe('Where this check started: the last verified checkpoint (seq 0 = genesis), its event re-checked against this hash'),
  coveredByVerifiedCheckpoints: z.boolean().describe('The whole chain, seq 1 to the head, is now covered by verified checkpoints'),
  lastFullVerification: z
    .object({
      verificationId: z.string(),
      status: z.enum(AUDIT_VERIFICATION_STATUSES).exclude(['running']),
      startedAt: datetime,
      finishedAt: datetime,
      totalEvents: seq,
      brokenSeq: z.number().int().min(1).nullable(),
      reason: z.enum(BREAK_REASONS).nullable(),
    })
    .nullable()
    .describe("The chain's last finished full verification (POST …/audit/verifications), if any"),
  brokenSeq: z.number().int().min(1).optional().describe('When not valid: the first broken seq'),
  reason: z.enum(BREAK_REASONS).optional(),
  message: z.object({ fr: z.string(), en: z.string() }).describe('What was checked, in French and English'),
});
export { auditVerificationSchema };
export const auditEventPageSchema = pageOf(auditEventSchema);
