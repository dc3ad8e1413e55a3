import type { Principal } from './access';
import { createHash } from 'node:crypto';

/**
 * The audit log is one hash chain per project (`PROJ#<id>`) or organization (`ORG#<id>`): each event carries
 * the previous event's hash, and its own hash is SHA-256 over the canonical JSON of every other field.
 * (node:crypto is a pure computation, not I/O.)
 */
export interface Actor {
  sub: string;
  role: string;
  org?: string | null;
  email?: string | null;
}

/** The actor the audit log records for a caller (from the token only). */
export const actorOf = (p: Principal): Actor => ({ sub: p.sub, role: p.role, org: p.organizationId ?? null, email: p.email ?? null });

export interface AuditEventBody {
  chain: string;
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  prevHash: string;
}
export interface AuditEvent extends AuditEventBody {
  hash: string;
}

/** The hash that the first event of every chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level and no whitespace: the same value always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('Non-finite number in canonical JSON');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export const sha256Hex = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

export function hashEvent(body: AuditEventBody): string {
  const { chain, seq, at, actor, action, target, before, after, prevHash } = body;
  return sha256Hex(canonicalJson({ chain, seq, at, actor, action, target, before, after, prevHash }));
}

export function sealEvent(body: AuditEventBody): AuditEvent {
  return { ...body, hash: hashEvent(body) };
}

export const BREAK_REASONS = ['hash-mismatch', 'prev-hash-mismatch', 'gap', 'checkpoint-mismatch'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];
/** The outcome of a verification; `verifyChain` alone never finds a checkpoint mismatch (it reads no checkpoint). */
export type ChainVerification<R extends BreakReason = Exclude<BreakReason, 'checkpoint-mismatch'>> =
  { valid: true; length: number; headHash: string } | { valid: false; length: number; brokenSeq: number; reason: R };

/** Recomputes the chain from seq 1; names the first event whose content, link or position is wrong. */
export function verifyChain(events: readonly AuditEvent[], startPrevHash = GENESIS_HASH, startSeq = 1): ChainVerification {
  let prev = startPrevHash;
  let expectedSeq = startSeq;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { valid: false, length: events.length, brokenSeq: expectedSeq, reason: 'gap' };
    if (e.prevHash !== prev) return { valid: false, length: events.length, brokenSeq: e.seq, reason: 'prev-hash-mismatch' };
    if (hashEvent(e) !== e.hash) return { valid: false, length: events.length, brokenSeq: e.seq, reason: 'hash-mismatch' };
    prev = e.hash;
    expectedSeq++;
  }
  return { valid: true, length: events.length, headHash: prev };
}

// ---------------------------------------------------------------------------------------------------------
// Checkpoints (docs/scale.md, "Audit checkpoints")

/** Every AUDIT_CHECKPOINT_INTERVAL-th event of a chain (seq 1000, 2000, …) gets a checkpoint item, written with it. */
export const AUDIT_CHECKPOINT_INTERVAL = 1000;
/** At most this many events are read by one `GET …/audit/verify`, and by one segment of a full verification. */
export const AUDIT_VERIFY_MAX_EVENTS = 2000;

export const isCheckpointSeq = (seq: number) => seq > 0 && seq % AUDIT_CHECKPOINT_INTERVAL === 0;

/** A written checkpoint: the hash of event `seq` as it was appended (same transaction as the event). */
export interface AuditCheckpoint {
  chain: string;
  seq: number;
  hash: string;
  at: string;
}

/** Where a verification starts: a seq already known good and its hash (seq 0 and GENESIS_HASH for the whole chain). */
export interface VerificationAnchor {
  seq: number;
  hash: string;
}
export const GENESIS_ANCHOR: VerificationAnchor = { seq: 0, hash: GENESIS_HASH };

/**
 * Verifies a segment of a chain: `events` must be the anchor's event (unless the anchor is genesis) followed by
 * the next events in order. The anchor's event must still hash to itself and to the anchor's hash; each next
 * event must link to the previous one and hash to itself; each written checkpoint in the range must name the
 * hash its event has. The first broken seq wins. `length` counts the events after the anchor.
 */
export function verifySegment(
  events: readonly AuditEvent[],
  anchor: VerificationAnchor,
  checkpoints: readonly Pick<AuditCheckpoint, 'seq' | 'hash'>[] = [],
): ChainVerification<BreakReason> {
  let rest = events;
  if (anchor.seq > 0) {
    const first = events[0];
    if (!first || first.seq !== anchor.seq) return { valid: false, length: 0, brokenSeq: anchor.seq, reason: 'gap' };
    if (hashEvent(first) !== first.hash) return { valid: false, length: 0, brokenSeq: anchor.seq, reason: 'hash-mismatch' };
    if (first.hash !== anchor.hash) return { valid: false, length: 0, brokenSeq: anchor.seq, reason: 'checkpoint-mismatch' };
    rest = events.slice(1);
  }
  const chain = verifyChain(rest, anchor.hash, anchor.seq + 1);
  const lastGood = chain.valid ? anchor.seq + rest.length : chain.brokenSeq - 1;
  const hashAt = new Map(rest.map((e) => [e.seq, e.hash]));
  const badCheckpoint = checkpoints
    .filter((c) => c.seq > anchor.seq && c.seq <= lastGood)
    .sort((a, b) => a.seq - b.seq)
    .find((c) => hashAt.get(c.seq) !== c.hash);
  if (badCheckpoint) return { valid: false, length: rest.length, brokenSeq: badCheckpoint.seq, reason: 'checkpoint-mismatch' };
  return chain;
}

/** A compact before/after: only the top-level fields that changed. */
export function diffTopLevel(before: Record<string, unknown>, after: Record<string, unknown>, ignore: string[] = ['version', 'updatedAt']) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(k)) continue;
    if (canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null)) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a };
}
