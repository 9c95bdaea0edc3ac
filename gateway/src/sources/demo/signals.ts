import { unitAt } from './random';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Quietest at 04:00 local time, busiest at 16:00; weekends carry less traffic. Range [0.44, 1]. */
export function dailyLoad(t: number, utcOffsetHours: number): number {
  const local = t + utcOffsetHours * HOUR_MS;
  const hour = (((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const daily = 0.55 + 0.45 * ((1 - Math.cos((2 * Math.PI * (hour - 4)) / 24)) / 2);
  // 1970-01-01 was a Thursday: day index 2 and 3 (mod 7) are Saturday and Sunday.
  const weekday = ((Math.floor(local / DAY_MS) % 7) + 7) % 7;
  return weekday === 2 || weekday === 3 ? daily * 0.8 : daily;
}

/** Where the load sits between the quietest weekend hour (0) and the busiest weekday hour (1). */
export function loadShare(load: number): number {
  return Math.min(1, Math.max(0, (load - 0.44) / 0.56));
}

/**
 * Slow wander in [-1, 1]: random knots every `periodMs`, smoothly interpolated, so series drift believably instead
 * of jumping at every sample. A pure function of the key hash and the time.
 */
export function smoothNoise(hash: number, t: number, periodMs: number): number {
  const knot = Math.floor(t / periodMs);
  const fraction = t / periodMs - knot;
  const eased = fraction * fraction * (3 - 2 * fraction);
  const a = unitAt(hash, knot);
  const b = unitAt(hash, knot + 1);
  return (a + (b - a) * eased) * 2 - 1;
}

/** Sample-to-sample jitter in [-1, 1]. */
export function jitter(hash: number, t: number): number {
  return unitAt(hash, t) * 2 - 1;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
