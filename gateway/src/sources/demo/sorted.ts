/** Binary search over the demo fleet's lists, which are sorted by start: a sample looks up O(log n), not O(n). */

/** Index of the last item whose start is at or before `t`, or -1 when none is. */
export function lastStartedBy<T extends { start: number }>(items: readonly T[], t: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid]!.start <= t) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Index of the first item whose start is after `t` (items.length when none is). */
export function firstStartedAfter<T extends { start: number }>(items: readonly T[], t: number): number {
  return lastStartedBy(items, t) + 1;
}
