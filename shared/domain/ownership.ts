import { Decimal, sumPct } from './decimal';

/**
 * Exact arithmetic on co-ownership shares of a result (docs/reference/domain.md §1, co-ownership: shares of one result add up
 * to exactly 100 %). Shares are percentages with at most 4 decimals (pctSchema); sums use decimal.js, so
 * 33.33 + 33.33 + 33.34 is exactly 100 and binary floating point never decides (0.1 + 0.2 !== 0.3 in floats).
 */

export interface SharesCheck {
  /** Exact sum of the shares. */
  total: Decimal;
  /** true when the total is exactly 100. */
  complete: boolean;
  /** 100 − total: positive when shares are missing, negative when they exceed 100. */
  remainder: Decimal;
}

export function checkShares(pcts: readonly number[]): SharesCheck {
  const total = sumPct(pcts);
  return { total, complete: total.eq(100), remainder: new Decimal(100).minus(total) };
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
  const unit = new Decimal(10).pow(-decimals); // 0.01 for 2 decimals
  const units = new Decimal(100).div(unit); // 10000 hundredths
  const base = units.divToInt(n);
  const extra = units.minus(base.times(n)).toNumber();
  return Array.from({ length: n }, (_, i) =>
    base
      .plus(i < extra ? 1 : 0)
      .times(unit)
      .toNumber(),
  );
}
