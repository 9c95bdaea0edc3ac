/**
 * The demo fleet's schedules are pure functions of (seed, bucket), so a bucket once drawn can be kept: every service
 * of a request, and the panel's next refresh, read the same buckets. Least recently used buckets go first, so the
 * memory stays bounded whatever the ranges asked.
 */
export class BucketMemo<T> {
  private readonly buckets = new Map<number, T>();

  constructor(
    private readonly draw: (bucket: number) => T,
    private readonly capacity: number
  ) {}

  get(bucket: number): T {
    const kept = this.buckets.get(bucket);
    if (kept !== undefined) {
      // Re-inserted so Map order is recency order.
      this.buckets.delete(bucket);
      this.buckets.set(bucket, kept);
      return kept;
    }
    const drawn = this.draw(bucket);
    this.buckets.set(bucket, drawn);
    if (this.buckets.size > this.capacity) this.buckets.delete(this.buckets.keys().next().value!);
    return drawn;
  }
}
