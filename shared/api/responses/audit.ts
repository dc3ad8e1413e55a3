import * as z from 'zod';
import { datetime, pageOf, sha256 } from './common';

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
export const chainVerificationSchema = z.union([
  z.object({ chain: z.string(), valid: z.literal(true), length: z.number().int().min(0), headHash: sha256 }),
  z.object({
    chain: z.string(),
    valid: z.literal(false),
    length: z.number().int().min(0),
    brokenSeq: z.number().int().min(1),
    reason: z.enum(['hash-mismatch', 'prev-hash-mismatch', 'gap']),
  }),
]);
export const auditEventPageSchema = pageOf(auditEventSchema);
