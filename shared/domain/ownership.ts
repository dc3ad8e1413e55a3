import { ExactPct, sumPct } from './decimal';

/**
 * Exact arithmetic on co-ownership shares of a result (docs/reference/domain.md §1, co-ownership: shares of one result add up
 * to exactly 100 %). Shares are percentages with at most 4 decimals (pctSchema); sums are exact (./decimal.ts: whole
 * ten-thousandths), so 33.33 + 33.33 + 33.34 is exactly 100 and binary floating point never decides (0.1 + 0.2 !== 0.3).
 */

export interface SharesCheck {
  /** Exact sum of the shares. */
  total: ExactPct;
  /** true when the total is exactly 100. */
  complete: boolean;
  /** 100 − total: positive when shares are missing, negative when they exceed 100. */
  remainder: ExactPct;
}

export function checkShares(pcts: readonly number[]): SharesCheck {
  const total = sumPct(pcts);
  return { total, complete: total.eq(100), remainder: ExactPct.of(100).minus(total) };
}

/** true when the shares add up to exactly 100. */
export const sharesAddUpTo100 = (pcts: readonly number[]): boolean => sumPct(pcts).eq(100);

/**
 * `n` equal shares with `decimals` decimals (0..4) that add up to exactly 100, the rounding remainder given to
 * the first shares: evenShares(3) → [33.34, 33.33, 33.33]. For a "split evenly" button; `n` from 1 to 10,000.
 */
export function evenShares(n: number, decimals = 2): number[] {
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new RangeError('n must be an integer from 1 to 10000');
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4) throw new RangeError('decimals must be 0 to 4');
  const scale = 10 ** decimals; // 100 for 2 decimals: whole hundredths
  const units = 100 * scale; // 10,000 hundredths
  const base = Math.floor(units / n);
  const extra = units - base * n;
  // A whole number over a power of ten: the same float as the decimal literal (33.34).
  return Array.from({ length: n }, (_, i) => (base + (i < extra ? 1 : 0)) / scale);
}
