import * as z from 'zod';
import { BREAK_REASONS, type Actor, type BreakReason } from './audit';
import { idSchema } from './common';
import { MESSAGES, type MessageId } from './i18n/catalog';
import { actorSchema, instantSchema, sha256Schema, versionSchema } from './response-schema';

/**
 * A full verification of one audit chain, run as a job (docs/scale.md, "Audit checkpoints"): it recomputes the
 * chain from seq 1 (genesis) to the head as it was when the job started, in segments of at most
 * AUDIT_VERIFY_MAX_EVENTS events, saving its progress and a verified checkpoint after each segment. It does not
 * trust the verified checkpoints already there: a tamper before one of them is found here.
 */
export const auditVerificationIdSchema = idSchema('aver');
export const AUDIT_VERIFICATION_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type AuditVerificationStatus = (typeof AUDIT_VERIFICATION_STATUSES)[number];

/** Why a verification failed: the chain is broken, or the job could not finish (its worker is gone). */
export const AUDIT_VERIFICATION_FAILURES = {
  'broken-chain': 'audit.verification.brokenChain',
  abandoned: 'audit.verification.abandoned',
  internal: 'audit.verification.internal',
} as const satisfies Record<string, MessageId>;
export type AuditVerificationFailureCode = keyof typeof AUDIT_VERIFICATION_FAILURES;
const FAILURE_CODES = Object.keys(AUDIT_VERIFICATION_FAILURES) as [AuditVerificationFailureCode, ...AuditVerificationFailureCode[]];

export const auditVerificationSchema = z.object({
  id: auditVerificationIdSchema,
  chain: z.string().describe('The audit chain verified: `PROJ#<id>` or `ORG#<id>`'),
  status: z.enum(AUDIT_VERIFICATION_STATUSES),
  requestedBy: actorSchema,
  totalEvents: z.number().int().min(0).describe('Events of the chain when the job started (the head seq then): the job verifies 1…totalEvents'),
  checkedEvents: z.number().int().min(0).describe('Events verified so far, from seq 1'),
  percent: z.number().min(0).max(100),
  checkedThroughHash: sha256Schema.describe('Hash of the last event verified (of genesis before the first segment)'),
  headHash: sha256Schema.describe('Hash of event `totalEvents` as the head named it when the job started'),
  brokenSeq: z.number().int().min(1).nullable().describe('When the chain is broken: the first broken seq'),
  reason: z.enum(BREAK_REASONS).nullable(),
  failure: z
    .object({ code: z.enum(FAILURE_CODES), message: z.object({ fr: z.string(), en: z.string() }) })
    .nullable()
    .describe('When failed: why'),
  createdAt: instantSchema,
  heartbeatAt: instantSchema.describe('Last sign of life of the worker (start, then each segment)'),
  finishedAt: instantSchema.nullable(),
  version: versionSchema,
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

const failureOf = (code: AuditVerificationFailureCode) => {
  const text = MESSAGES[AUDIT_VERIFICATION_FAILURES[code]];
  return { code, message: { fr: text.fr, en: text.en } };
};
const percentOf = (checked: number, total: number) => (total === 0 ? 100 : Math.floor((checked / total) * 1000) / 10);

export function newAuditVerification(
  id: string,
  chain: string,
  requestedBy: Actor,
  head: { seq: number; hash: string },
  genesisHash: string,
  now: Date,
): AuditVerification {
  const at = now.toISOString();
  return {
    id,
    chain,
    status: 'running',
    requestedBy,
    totalEvents: head.seq,
    checkedEvents: 0,
    percent: percentOf(0, head.seq),
    checkedThroughHash: genesisHash,
    headHash: head.hash,
    brokenSeq: null,
    reason: null,
    failure: null,
    createdAt: at,
    heartbeatAt: at,
    finishedAt: null,
    version: 1,
  };
}

/** A segment verified: `through` is its last seq and hash. Succeeds when it reached `totalEvents`. */
export function segmentVerified(v: AuditVerification, through: { seq: number; hash: string }, now: Date): AuditVerification {
  const done = through.seq >= v.totalEvents;
  const at = now.toISOString();
  return {
    ...v,
    checkedEvents: through.seq,
    percent: percentOf(through.seq, v.totalEvents),
    checkedThroughHash: through.hash,
    heartbeatAt: at,
    ...(done ? { status: 'succeeded' as const, finishedAt: at } : {}),
    version: v.version + 1,
  };
}

export function chainBroken(v: AuditVerification, brokenSeq: number, reason: BreakReason, now: Date): AuditVerification {
  const at = now.toISOString();
  return {
    ...v,
    status: 'failed',
    checkedEvents: Math.max(v.checkedEvents, brokenSeq - 1),
    percent: percentOf(Math.max(v.checkedEvents, brokenSeq - 1), v.totalEvents),
    brokenSeq,
    reason,
    failure: failureOf('broken-chain'),
    heartbeatAt: at,
    finishedAt: at,
    version: v.version + 1,
  };
}

export function verificationFailed(v: AuditVerification, code: 'abandoned' | 'internal', now: Date): AuditVerification {
  const at = now.toISOString();
  return { ...v, status: 'failed', failure: failureOf(code), finishedAt: at, version: v.version + 1 };
}

/** A running job whose worker gave no sign of life for this long is gone (one segment takes seconds; Lambda stops it at 15 min). */
export const VERIFICATION_ABANDONED_AFTER_MS = 16 * 60_000;
export const isVerificationAbandoned = (v: AuditVerification, now: Date) =>
  v.status === 'running' && now.getTime() - Date.parse(v.heartbeatAt) > VERIFICATION_ABANDONED_AFTER_MS;
