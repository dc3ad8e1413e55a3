import fc from 'fast-check';
import { ExactPct, PCT_SCALE, sumPct } from '../../shared/domain/decimal';

describe('exact percentages (whole ten-thousandths)', () => {
  test('sums that binary floats get wrong are exact', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // what the arithmetic below must not do
    expect(sumPct([0.1, 0.2]).eq(0.3)).toBe(true);
    expect(sumPct([33.33, 33.33, 33.34]).eq(100)).toBe(true);
    expect(sumPct([68.43, 29.2, 2.37]).toString()).toBe('100');
    expect(sumPct(Array.from({ length: 10_000 }, () => 0.0001)).eq(1)).toBe(true);
    expect(sumPct([]).toNumber()).toBe(0);
  });

  test('comparisons and differences', () => {
    expect(sumPct([60, 40.0001]).gt(100)).toBe(true);
    expect(sumPct([60, 40]).gt(100)).toBe(false);
    expect(
      ExactPct.of(100)
        .minus(sumPct([33.33, 33.33, 33.33]))
        .toString(),
    ).toBe('0.01');
    expect(
      ExactPct.of(100)
        .minus(sumPct([50, 50.5]))
        .toNumber(),
    ).toBe(-0.5);
    expect(ExactPct.of(12.5).plus(0.25).eq(ExactPct.of(12.75))).toBe(true);
  });

  test('any list of 4-decimal percentages sums to the integer sum of its ten-thousandths, printed as its decimal', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 * PCT_SCALE }), { maxLength: 200 }), (units) => {
        const total = units.reduce((a, b) => a + b, 0);
        const sum = sumPct(units.map((u) => u / PCT_SCALE));
        expect(sum.units).toBe(total);
        expect(sum.toNumber()).toBe(Number((total / PCT_SCALE).toFixed(4)));
      }),
      { numRuns: 300 },
    );
  });
});
