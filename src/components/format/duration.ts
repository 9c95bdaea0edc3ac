import { NOT_APPLICABLE } from './missingValue';

/** The smallest unit shown: seconds for deploys and DORA figures, minutes for schedules and incidents. */
export type DurationPrecision = 'second' | 'minute';

const UNITS: Array<[label: string, ms: number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

/**
 * A length of time in at most two adjacent units, rounded down: "45 s", "3 min 20 s", "1 h 30 min", "2 d 3 h".
 * Rounded down so a countdown ("ends in 59 min") never promises more time than is left; two adjacent units because
 * "1 d 5 s" reads as more precise than anyone needs. A length under the smallest unit is "under a minute" / "0 s".
 */
export function formatDuration(ms: number | undefined, precision: DurationPrecision = 'second'): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return NOT_APPLICABLE;
  }
  const units = precision === 'minute' ? UNITS.slice(0, 3) : UNITS;
  const smallest = units[units.length - 1][1];
  if (ms < smallest) {
    return precision === 'minute' ? 'under a minute' : '0 s';
  }
  const largest = units.findIndex(([, size]) => ms >= size);
  const parts: string[] = [];
  let rest = ms;
  for (const [label, size] of units.slice(largest, largest + 2)) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) {
      parts.push(`${count} ${label}`);
    }
  }
  return parts.join(' ');
}
