import Decimal from 'decimal.js';

/** Exact decimal sum of percentages: 33.33 + 33.33 + 33.34 is exactly 100, whatever binary floats say. */
export function sumPct(values: readonly number[]): Decimal {
  return values.reduce((acc, v) => acc.plus(new Decimal(v)), new Decimal(0));
}
export { Decimal };
