/** One heap measurement of a long run. */
export interface Sample {
  /** Seconds since the start. */
  t: number;
  updates: number;
  /** Bytes used after GC. */
  heap: number;
}

/** Least-squares slope of heap over time, in bytes per hour: the trend, not the last sample's luck. */
export function slopePerHour(samples: readonly Sample[]): number {
  if (samples.length < 2) {
    return 0;
  }
  const meanT = samples.reduce((s, x) => s + x.t, 0) / samples.length;
  const meanH = samples.reduce((s, x) => s + x.heap, 0) / samples.length;
  let num = 0;
  let den = 0;
  for (const x of samples) {
    num += (x.t - meanT) * (x.heap - meanH);
    den += (x.t - meanT) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 3600;
}
