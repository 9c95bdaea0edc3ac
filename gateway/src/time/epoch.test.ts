import fc from 'fast-check';
import {
  EARLIEST_EPOCH_MS,
  epochMsFrom,
  epochMsProblem,
  LATEST_EPOCH_MS,
  parseDigits,
  wholeNumberProblem,
} from './epoch';

describe('epochMsProblem', () => {
  it('accepts whole epoch milliseconds from 1970-01-01 to 2100-01-01, both ends included', () => {
    for (const ok of [0, 1, Date.UTC(2025, 5, 2), LATEST_EPOCH_MS]) expect(epochMsProblem(ok)).toBeUndefined();
    expect(LATEST_EPOCH_MS).toBe(Date.parse('2100-01-01T00:00:00Z'));
  });

  it.each([
    [1e22, /whole epoch milliseconds/],
    [Date.UTC(1969, 11, 31), /between 1970-01-01 and 2100-01-01/],
    [-1, /between/],
    [1e300, /whole epoch milliseconds/],
    [8.64e15, /between/],
    [Date.UTC(2200, 0, 1), /between/],
    [1.5, /whole/],
    [2 ** 53 + 2, /whole/],
    [NaN, /whole/],
    [Infinity, /whole/],
    ['1e3', /whole/],
    [null, /whole/],
  ])('refuses %p, saying why', (value, why) => {
    expect(epochMsProblem(value)).toMatch(why);
  });

  it('accepts exactly the safe integers in range, whatever double it is given (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer({ min: -1e13, max: 1e13 }), fc.maxSafeInteger()), (value) => {
        const inRange = Number.isSafeInteger(value) && value >= EARLIEST_EPOCH_MS && value <= LATEST_EPOCH_MS;
        expect(epochMsProblem(value) === undefined).toBe(inRange);
      }),
      { numRuns: 2000 }
    );
  });
});

describe('wholeNumberProblem', () => {
  it('holds numbers to whole values within the bounds', () => {
    expect(wholeNumberProblem(5000, { min: 1, max: 5000 })).toBeUndefined();
    expect(wholeNumberProblem(5001, { min: 1, max: 5000 })).toBe('expected a whole number from 1 to 5000, got 5001');
    expect(wholeNumberProblem(0.5, { min: 0, max: 1 })).toMatch(/whole number/);
    expect(wholeNumberProblem('7', { min: 0, max: 10 })).toMatch(/got "7"/);
  });
});

describe('parseDigits', () => {
  it('reads digits only: no exponents, signs, fractions, hex, spaces or words', () => {
    expect(parseDigits('1700000000000')).toBe(1_700_000_000_000);
    expect(parseDigits('0')).toBe(0);
    for (const text of ['1e3', '1.5', '-1', '+1', '0x10', ' 7', '7 ', 'NaN', 'Infinity', '', '1,2']) {
      expect(parseDigits(text)).toBeUndefined();
    }
  });

  it('never returns a number that epochMsProblem would take for different digits (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,24}$/), (text) => {
        const value = parseDigits(text);
        if (value !== undefined && epochMsProblem(value) === undefined)
          expect(String(value)).toBe(String(BigInt(text)));
      })
    );
  });
});

describe('epochMsFrom', () => {
  it('reads ISO text and numbers in range, and nothing else', () => {
    expect(epochMsFrom('2026-11-27T09:00:00Z')).toBe(Date.UTC(2026, 10, 27, 9));
    expect(epochMsFrom(Date.UTC(2026, 0, 1))).toBe(Date.UTC(2026, 0, 1));
    for (const bad of [
      '+275760-09-13T00:00:00.000Z',
      '2200-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      'yesterday',
      1e22,
      1.5,
      -1,
    ]) {
      expect(epochMsFrom(bad)).toBeUndefined();
    }
  });
});
