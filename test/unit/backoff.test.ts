import { backoff } from '../../plugin/backoff';

describe('backoff', () => {
  test('never goes below min nor above max, whatever the random source says', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999999, () => 1, () => -3, () => NaN]) {
      for (let attempt = 0; attempt < 40; attempt++) {
        const delay = backoff(attempt, 500, 10_000, random);
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThanOrEqual(10_000);
      }
    }
  });

  test('the jitter window doubles with each attempt (full jitter over min * 2^attempt)', () => {
    const top = () => 0.999999;
    expect(backoff(0, 100, 1e9, top)).toBe(100 + 99);
    expect(backoff(1, 100, 1e9, top)).toBe(100 + 199);
    expect(backoff(3, 100, 1e9, top)).toBe(100 + 799);
  });

  test('with random 0 the delay is exactly min', () => {
    expect(backoff(7, 250, 5000, () => 0)).toBe(250);
  });

  test('huge, negative and fractional attempts are safe', () => {
    expect(backoff(1e9, 100, 3000, () => 0.5)).toBe(100 + 1500);
    expect(backoff(1e9, 100, 3000, () => 0.999999)).toBe(3000);
    expect(backoff(-5, 100, 3000, () => 0.5)).toBe(150);
    expect(backoff(NaN, 100, 3000, () => 0.5)).toBe(150);
  });

  test('spreads delays out (it is not constant)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoff(4, 100, 10_000)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
