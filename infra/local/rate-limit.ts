/**
 * The local server's throttling, a stand-in for the API Gateway stage's (infra/aws: 50 req/s, burst 100):
 * a token bucket per caller, keyed by the token's subject (`sub`), or by the client address for requests
 * without a token. Each request takes one token; the bucket refills at `rate` tokens a second up to `burst`.
 * An empty bucket is a 429 with `Retry-After`: the whole seconds until a token is back.
 *
 * `VIGIE_RATE_LIMIT=<rate>/<burst>` sets it (default 50/100), `VIGIE_RATE_LIMIT=off` switches it off (the
 * integration tests do, test/setup/integration-env.ts).
 */
export interface RateLimit {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: how many requests may come at once. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { rate: 50, burst: 100 };

/** `"50/100"` → {rate: 50, burst: 100}; `"off"` → null; unset → the default. Throws on anything else. */
export function parseRateLimit(value: string | undefined): RateLimit | null {
  if (value === undefined || value.trim() === '') return DEFAULT_RATE_LIMIT;
  if (value.trim().toLowerCase() === 'off') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+)\s*$/.exec(value);
  const rate = Number(m?.[1]);
  const burst = Number(m?.[2]);
  if (!m || !(rate > 0) || !(burst >= 1)) throw new Error(`VIGIE_RATE_LIMIT must be <rate>/<burst> (e.g. 50/100) or off, not "${value}"`);
  return { rate, burst };
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
    /** Buckets kept at most; the oldest are dropped past it (a full bucket is the same as none). */
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one token from `key`'s bucket, or says how long to wait. */
  take(key: string): RateDecision {
    const t = this.now();
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.rate) : this.limit.burst;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: t });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.limit.rate)) };
    }
    this.buckets.delete(key); // re-inserted last: the Map's order is the order of last use
    this.buckets.set(key, { tokens: tokens - 1, at: t });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return { allowed: true };
  }
}
