/** The last `size` lag samples, for percentiles in /api/health: a bounded window, so old figures age out. */
export class LagWindow {
  private readonly samples: number[] = [];
  private next = 0;

  constructor(private readonly size = 1024) {}

  add(ms: number): void {
    const value = Math.max(0, ms);
    if (this.samples.length < this.size) this.samples.push(value);
    else this.samples[this.next] = value;
    this.next = (this.next + 1) % this.size;
  }

  /** Nearest-rank percentiles over the window; undefined before the first sample. */
  summary(): { p50: number; p99: number; max: number; samples: number } | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    return { p50: rank(0.5), p99: rank(0.99), max: sorted[sorted.length - 1], samples: sorted.length };
  }
}
