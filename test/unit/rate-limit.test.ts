import { DEFAULT_RATE_LIMIT, parseRateLimit, TokenBuckets } from '../../infra/local/rate-limit';

describe('local rate limiter (token bucket per token subject)', () => {
  it('reads VIGIE_RATE_LIMIT: <rate>/<burst>, off, or the 50/100 default', () => {
    expect(parseRateLimit(undefined)).toEqual(DEFAULT_RATE_LIMIT);
    expect(DEFAULT_RATE_LIMIT).toEqual({ rate: 50, burst: 100 });
    expect(parseRateLimit('10/20')).toEqual({ rate: 10, burst: 20 });
    expect(parseRateLimit(' 0.5 / 3 ')).toEqual({ rate: 0.5, burst: 3 });
    expect(parseRateLimit('off')).toBeNull();
    expect(parseRateLimit('OFF')).toBeNull();
    for (const bad of ['50', '0/10', '10/0', 'fast', '-1/5']) expect(() => parseRateLimit(bad)).toThrow(/VIGIE_RATE_LIMIT/);
  });

  it('lets a burst through, then refuses with the seconds until a token is back, and refills at the rate', () => {
    let now = 0;
    const buckets = new TokenBuckets({ rate: 2, burst: 3 }, () => now);
    for (let i = 0; i < 3; i++) expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another subject has its own bucket.
    expect(buckets.take('b')).toEqual({ allowed: true });
    now += 499; // 0.998 token: still not one
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 2;
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a').allowed).toBe(false);
    // A long pause refills up to the burst, not beyond.
    now += 60_000;
    for (let i = 0; i < 3; i++) expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('says to wait longer when the rate is slow', () => {
    let now = 0;
    const buckets = new TokenBuckets({ rate: 0.25, burst: 1 }, () => now);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    now += 3000;
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('keeps a bounded number of buckets, dropping the least recently used', () => {
    const now = 0;
    const buckets = new TokenBuckets({ rate: 1, burst: 1 }, () => now, 2);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('b').allowed).toBe(true);
    expect(buckets.take('c').allowed).toBe(true); // drops a's (empty) bucket
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('c').allowed).toBe(false);
  });
});
