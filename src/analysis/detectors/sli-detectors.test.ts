import { describe, expect, it } from 'vitest';
import { badDirection, findStep } from './sli-detectors.ts';

const series = (values: number[]) => values.map((v, i) => [1_000 + i * 60, v] as const);

describe('findStep', () => {
  it('finds the point where an error ratio steps up and stays up', () => {
    const values = [
      ...Array.from({ length: 40 }, (_, i) => 0.002 + (i % 3) * 0.0003),
      ...Array.from({ length: 10 }, () => 0.07),
    ];
    expect(findStep(series(values), 1)).toEqual({
      at: 1_000 + 40 * 60,
      before: expect.closeTo(0.0023, 4),
      after: expect.closeTo(0.07, 9),
    });
  });

  it('ignores a single spike that comes back down', () => {
    const values = Array.from({ length: 50 }, (_, i) => (i === 30 ? 0.5 : 0.002));
    expect(findStep(series(values), 1)).toBeUndefined();
  });

  it('ignores noise and short series', () => {
    expect(findStep(series(Array.from({ length: 50 }, (_, i) => 0.01 + (i % 5) * 0.001)), 1)).toBeUndefined();
    expect(findStep(series([0.001, 0.5, 0.5]), 1)).toBeUndefined();
  });

  it('reads a fall as the regression for success ratios', () => {
    const values = [...Array.from({ length: 30 }, () => 0.999), ...Array.from({ length: 10 }, () => 0.6)];
    expect(findStep(series(values), -1)?.at).toBe(1_000 + 30 * 60);
    expect(findStep(series(values), 1)).toBeUndefined();
  });
});

describe('badDirection', () => {
  it('knows which way is bad from the series name', () => {
    const s = (name: string) => ({ cluster: 'a/b', name, labels: {}, points: [], source: { file: 'x' } });
    expect(badDirection(s('http-error-ratio'))).toBe(1);
    expect(badDirection(s('p99-latency-seconds'))).toBe(1);
    expect(badDirection(s('availability'))).toBe(-1);
    expect(badDirection(s('success-ratio'))).toBe(-1);
  });
});
