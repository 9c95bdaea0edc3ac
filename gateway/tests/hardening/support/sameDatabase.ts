/** Where a test gateway connects to reach the database of a store opened with gateway/tests/support/storeBackends.ts. */
import { sql } from 'kysely';
import type { Store } from '../../../src/store';

const POSTGRES_URL = process.env.OPSDECK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function sameDatabase(store: Store): Promise<{ database: string; databaseSchema?: string }> {
  if (store.driver === 'sqlite') return { database: store.sqliteFile as string };
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  return { database: POSTGRES_URL, databaseSchema: rows[0].schema };
}
