/**
 * Aggregate reads (groups, facet counts) shared for a moment. In a storm every open tab reloads its groups about once
 * a second while thousands of writes land; each GROUP BY reads every matching row. One answer per distinct question
 * per quarter second serves them all, and a change is seen within that. Without writes an answer stays good longer; another process's writes (replicas on one
 * database) are not seen as commits here, so that is bounded too.
 */
export const FRESH_MS = 250;
export const QUIET_MS = 10_000;
const MAX_ENTRIES = 256;

interface Entry {
  at: number;
  generation: number;
  value: Promise<unknown>;
}

export class ReadCoalescer {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Call after each commit of this process. */
  changed(): void {
    this.generation++;
  }

  read<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock();
    const entry = this.entries.get(key);
    if (entry) {
      const age = now - entry.at;
      if (age < FRESH_MS || (entry.generation === this.generation && age < QUIET_MS)) return entry.value as Promise<T>;
      this.entries.delete(key);
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const value = compute();
    this.entries.set(key, { at: now, generation: this.generation, value });
    // A failed read is not shared: the next caller asks again.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }
}
