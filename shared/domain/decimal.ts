/**
 * Exact arithmetic on percentages. Every percentage Vigie accepts has at most 4 decimals (`pctSchema`, the share
 * schema of declarations), so it is a whole number of ten-thousandths of a percent: sums and differences are integer
 * operations, exact whatever binary floats say (33.33 + 33.33 + 33.34 is exactly 100, 0.1 + 0.2 is exactly 0.3).
 * A value with more decimals is rounded to the nearest ten-thousandth. (decimal.js did this until 2026-12-03: 31 KB
 * in every Lambda bundle that validates or evaluates shares, for what integers do exactly at this precision.)
 */
export const PCT_SCALE = 10_000;

/** A percentage held as a whole number of ten-thousandths. */
export class ExactPct {
  private constructor(readonly units: number) {}
  static of(value: number): ExactPct {
    return new ExactPct(Math.round(value * PCT_SCALE));
  }
  static ofUnits(units: number): ExactPct {
    return new ExactPct(units);
  }
  plus(other: ExactPct | number): ExactPct {
    return new ExactPct(this.units + unitsOf(other));
  }
  minus(other: ExactPct | number): ExactPct {
    return new ExactPct(this.units - unitsOf(other));
  }
  eq(other: ExactPct | number): boolean {
    return this.units === unitsOf(other);
  }
  gt(other: ExactPct | number): boolean {
    return this.units > unitsOf(other);
  }
  /** The nearest binary float: the same number as the decimal literal would give (33.34, 100). */
  toNumber(): number {
    return this.units / PCT_SCALE;
  }
  toString(): string {
    return String(this.toNumber());
  }
}

const unitsOf = (v: ExactPct | number) => (typeof v === 'number' ? Math.round(v * PCT_SCALE) : v.units);

/** Exact sum of percentages: 33.33 + 33.33 + 33.34 is exactly 100. */
export function sumPct(values: readonly number[]): ExactPct {
  return ExactPct.ofUnits(values.reduce((acc, v) => acc + Math.round(v * PCT_SCALE), 0));
}
