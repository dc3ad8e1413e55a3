import { randomUUID } from 'node:crypto';
import { AUDIT_VERIFY_MAX_EVENTS, GENESIS_ANCHOR, GENESIS_HASH, type Actor, type BreakReason, type VerificationAnchor } from '../domain/audit';
import {
  chainBroken,
  isVerificationAbandoned,
  newAuditVerification,
  segmentVerified,
  verificationFailed,
  type AuditVerification,
} from '../domain/audit-verification';
import { PreconditionFailedError } from '../domain/errors';
import { msg, renderMsg, type Msg } from '../domain/i18n/catalog';
import {
  getAuditVerification,
  getLastFullVerification,
  lastVerifiedCheckpoint,
  putAuditVerification,
  putLastFullVerification,
  putVerifiedCheckpoint,
  saveAuditVerification,
  verifyChainSegment,
  type LastFullVerification,
} from '../store/audit-verification';
import { readHead } from '../store/tx';
import { invokeWorker } from '../store/workers';
import { logger } from './logger';

/**
 * Verifying an audit chain in bounded time (docs/scale.md, "Audit checkpoints"):
 *
 *  - {@link verifyAuditChain} (GET …/audit/verify) checks the events after the chain's last verified checkpoint,
 *    at most AUDIT_VERIFY_MAX_EVENTS of them, and records a verified checkpoint at the end of what it checked:
 *    the next call goes on from there. Its cost depends on the events since the last verification, never on
 *    the chain's length.
 *  - {@link startAuditVerification} / {@link runAuditVerification} (POST …/audit/verifications): a job that
 *    recomputes the whole chain from genesis, segment by segment, without trusting any verified checkpoint.
 */

const both = (m: Msg) => ({ fr: renderMsg(m, 'fr'), en: renderMsg(m, 'en') });

export interface BoundedVerification {
  chain: string;
  valid: boolean;
  /** Events in the chain (the head's seq). */
  length: number;
  headSeq: number;
  headHash: string;
  fromSeq: number | null;
  toSeq: number | null;
  checkedEvents: number;
  remainingEvents: number;
  anchor: { seq: number; hash: string; verifiedAt: string | null };
  coveredByVerifiedCheckpoints: boolean;
  lastFullVerification: Omit<LastFullVerification, 'chain'> | null;
  brokenSeq?: number;
  reason?: BreakReason;
  message: { fr: string; en: string };
}

/** One bounded verification of `chain` (see above); `max` events at most (tests and the bench pass a smaller one). */
export async function verifyAuditChain(chain: string, o: { max?: number; now?: () => Date } = {}): Promise<BoundedVerification> {
  const max = o.max ?? AUDIT_VERIFY_MAX_EVENTS;
  const now = o.now ?? (() => new Date());
  const [head, last, full] = await Promise.all([readHead(chain), lastVerifiedCheckpoint(chain), getLastFullVerification(chain)]);
  // A verified checkpoint beyond the head (the head rewritten back) is not a usable anchor: start from genesis.
  const usable = last && last.seq <= head.seq ? last : null;
  const anchor: VerificationAnchor = usable ? { seq: usable.seq, hash: usable.hash } : GENESIS_ANCHOR;
  const to = Math.min(head.seq, anchor.seq + max);
  const check = await verifyChainSegment(chain, anchor, to, to === head.seq ? head : null);
  const checkedEvents = to - anchor.seq;
  const lastFull = full ? (({ chain: _c, ...rest }) => rest)(full) : null;
  const base = {
    chain,
    length: head.seq,
    headSeq: head.seq,
    headHash: head.hash,
    fromSeq: check.fromSeq,
    toSeq: check.toSeq,
    checkedEvents,
    remainingEvents: head.seq - to,
    anchor: { seq: anchor.seq, hash: anchor.hash, verifiedAt: usable?.verifiedAt ?? null },
    lastFullVerification: lastFull,
  };
  if (!check.result.valid) {
    const { brokenSeq, reason } = check.result;
    return {
      ...base,
      valid: false,
      coveredByVerifiedCheckpoints: false,
      brokenSeq,
      reason,
      message: both(msg('audit.verify.broken', { seq: brokenSeq, reason })),
    };
  }
  if (checkedEvents > 0) {
    await putVerifiedCheckpoint({
      chain,
      seq: to,
      hash: check.throughHash,
      verifiedAt: now().toISOString(),
      anchorSeq: anchor.seq,
      by: 'verify',
      verificationId: null,
    });
  }
  if (full?.status === 'failed' && full.brokenSeq !== null) {
    // The segment is fine, but the last full verification found a break before it: the chain is not intact.
    const reason = full.reason ?? 'gap';
    return {
      ...base,
      valid: false,
      coveredByVerifiedCheckpoints: false,
      brokenSeq: full.brokenSeq,
      reason,
      message: both(msg('audit.verify.brokenByFullVerification', { id: full.verificationId, seq: full.brokenSeq, reason })),
    };
  }
  const covered = to === head.seq;
  const message = covered
    ? checkedEvents === 0
      ? msg('audit.verify.upToDate', { anchor: anchor.seq })
      : msg('audit.verify.covered', { from: anchor.seq + 1, to })
    : msg('audit.verify.partial', { from: anchor.seq + 1, to, remaining: head.seq - to });
  return { ...base, valid: true, coveredByVerifiedCheckpoints: covered, message: both(message) };
}

// ---------------------------------------------------------------------------------------------------------
// Full verification jobs

/** Records a running job (the chain's head now is its end) and starts the worker on it. */
export async function startAuditVerification(chain: string, requestedBy: Actor, now = new Date()): Promise<AuditVerification> {
  const head = await readHead(chain);
  const job = newAuditVerification(`aver_${randomUUID().replaceAll('-', '')}`, chain, requestedBy, head, GENESIS_HASH, now);
  await putAuditVerification(job);
  try {
    await invokeWorker('audit-verification', { chain, verificationId: job.id });
  } catch (e) {
    // Nothing will run it: it must not stay running for ever.
    await saveAuditVerification(verificationFailed(job, 'internal', new Date())).catch(() => {});
    throw e;
  }
  return job;
}

/** A job as it is now; one whose worker is gone is marked failed on the way (a concurrent write wins). */
export async function readAuditVerification(chain: string, id: string, now = new Date()): Promise<AuditVerification | null> {
  const job = await getAuditVerification(chain, id);
  if (!job || !isVerificationAbandoned(job, now)) return job;
  const failed = verificationFailed(job, 'abandoned', now);
  try {
    await saveAuditVerification(failed);
    await putLastFullVerification(failed);
    logger.warn('Audit verification abandoned by its worker: marked failed', { chain, verificationId: id, heartbeatAt: job.heartbeatAt });
    return failed;
  } catch (e) {
    if (!(e instanceof PreconditionFailedError)) throw e;
    return getAuditVerification(chain, id);
  }
}

export interface RunOptions {
  now?: () => Date;
  /** Events per segment (default AUDIT_VERIFY_MAX_EVENTS). */
  segment?: number;
}

/**
 * The worker: goes on from where the job is (`checkedEvents`, `checkedThroughHash`) segment by segment up to
 * `totalEvents`. After each segment: a verified checkpoint and the job's progress (one write each). The end:
 * `succeeded` once the last event has the hash the head named at the start, else `failed` with the first
 * broken seq; the outcome is also recorded as the chain's last full verification.
 */
export async function runAuditVerification(chain: string, id: string, o: RunOptions = {}): Promise<AuditVerification | null> {
  const now = o.now ?? (() => new Date());
  const segment = o.segment ?? AUDIT_VERIFY_MAX_EVENTS;
  let job = await getAuditVerification(chain, id);
  while (job && job.status === 'running') {
    const anchor = { seq: job.checkedEvents, hash: job.checkedThroughHash };
    const to = Math.min(job.totalEvents, anchor.seq + segment);
    const end = to === job.totalEvents ? { seq: job.totalEvents, hash: job.headHash } : null;
    const check = await verifyChainSegment(chain, anchor, to, null);
    let next: AuditVerification;
    if (!check.result.valid) next = chainBroken(job, check.result.brokenSeq, check.result.reason, now());
    else if (end && end.seq > 0 && check.throughHash !== end.hash) next = chainBroken(job, end.seq, 'gap', now());
    else {
      if (to > anchor.seq)
        await putVerifiedCheckpoint({
          chain,
          seq: to,
          hash: check.throughHash,
          verifiedAt: now().toISOString(),
          anchorSeq: anchor.seq,
          by: 'verification',
          verificationId: id,
        });
      next = segmentVerified(job, { seq: to, hash: check.throughHash }, now());
    }
    await saveAuditVerification(next);
    job = next;
  }
  if (job && job.status !== 'running') await putLastFullVerification(job);
  return job;
}
