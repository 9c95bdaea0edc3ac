// Statements the cache drops are left to the GC. Under Node 24 the GC freeing a better-sqlite3 12 statement aborted the
// whole process (exit 134, RemoveEnvironmentCleanupHook assertion); node:sqlite's must simply be collected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openSqlite } from './sqliteDialect';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-statement-cache-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('keeps the process up while the GC frees statements evicted from the cache', async () => {
  const { db } = openSqlite(path.join(dir, 'opsdeck.sqlite'));
  try {
    // 1,200 distinct SQL texts: the 500-statement cache is emptied twice, leaving 1,000 statements to the GC.
    for (let i = 0; i < 1200; i++) {
      expect((await sql<{ n: number }>`select ${sql.lit(i)} as n`.execute(db)).rows[0].n).toBe(i);
    }
    // Garbage made from timer callbacks: the collections then run between JS calls, where 12's destructor aborted
    // (a standalone reproduction died within a second of this on Node 24.21).
    for (let round = 0; round < 60; round++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      Array.from({ length: 20_000 }, (_, i) => ({ i }));
    }
    expect((await sql<{ n: number }>`select 1 as n`.execute(db)).rows).toEqual([{ n: 1 }]);
  } finally {
    await db.destroy();
  }
});
