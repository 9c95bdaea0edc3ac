import fc from 'fast-check';
import { formatDuration } from './duration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_MS: Record<string, number> = { d: DAY, h: HOUR, min: MINUTE, s: SECOND };

/** "2 h 5 min" → the milliseconds it says. */
function parse(text: string): number {
  const pairs = text.match(/\d+ (d|h|min|s)/g) ?? [];
  return pairs.reduce((sum, pair) => {
    const [count, unit] = pair.split(' ');
    return sum + Number(count) * UNIT_MS[unit];
  }, 0);
}

describe('formatDuration', () => {
  it.each([
    [undefined, '–'],
    [-1, '–'],
    [Number.NaN, '–'],
    [0, '0 s'],
    [45_000, '45 s'],
    [200_000, '3 min 20 s'],
    [3600_000, '1 h'],
    [7_500_000, '2 h 5 min'],
    [273_600_000, '3 d 4 h'],
    [DAY + 5 * MINUTE, '1 d'],
  ])('%p ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [30 * SECOND, 'under a minute'],
    [45 * MINUTE + 59 * SECOND, '45 min'],
    [90 * MINUTE, '1 h 30 min'],
    [2 * HOUR, '2 h'],
    [51 * HOUR + 5 * MINUTE, '2 d 3 h'],
  ])('%p ms → %s to the minute', (ms, text) => {
    expect(formatDuration(ms, 'minute')).toBe(text);
  });

  it('never says more time than there is, and misses at most one of the second unit shown', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: SECOND, max: 400 * DAY }),
        fc.constantFrom('second' as const, 'minute' as const),
        (ms, precision) => {
          const text = formatDuration(ms, precision);
          if (text === 'under a minute') {
            expect(ms).toBeLessThan(MINUTE);
            return;
          }
          const said = parse(text);
          const units = text.match(/\d+ (d|h|min|s)/g) ?? [];
          expect(units.length).toBeGreaterThanOrEqual(1);
          expect(units.length).toBeLessThanOrEqual(2);
          const largest = UNIT_MS[(units[0] ?? '').split(' ')[1] ?? ''];
          const unitBelow = Object.values(UNIT_MS).find((size) => size < largest) ?? largest;
          const resolution = precision === 'minute' ? Math.max(unitBelow, MINUTE) : unitBelow;
          expect(said).toBeLessThanOrEqual(ms);
          expect(ms - said).toBeLessThan(resolution);
        }
      )
    );
  });
});
