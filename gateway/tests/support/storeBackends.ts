/**
 * The two databases the gateway supports, as throwaway test stores: a temp SQLite file, and a fresh schema in the
 * Postgres CI provides (unreachable Postgres fails the suite; it never skips). Same pattern as store/store.test.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store';

export const POSTGRES_URL = process.env.OPSDECK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** Opens and migrates a new, empty store. */
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): StoreBackend {
  let dir = '';
  return {
    name: 'sqlite',
    async open() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-alerts-'));
      const store = openStore(path.join(dir, 'opsdeck.sqlite'));
      await store.migrate();
      return store;
    },
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs one statement on its own connection (creating or dropping a throwaway schema). */
export async function postgresAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function postgresBackend(): StoreBackend {
  const schema = `opsdeck_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgresAdmin;
  return {
    name: 'postgres',
    async open() {
      await admin(`create schema ${schema}`);
      const store = openStore(POSTGRES_URL, { schema });
      await store.migrate();
      return store;
    },
    async cleanup() {
      await admin(`drop schema if exists ${schema} cascade`);
    },
  };
}

/**
 * Inside a describe: opens a store from `backend` before the suite's tests (handing it to `use`) and closes and
 * removes it after them.
 */
export function storeForSuite(backend: StoreBackend, use: (store: Store) => void): void {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await backend.open();
    use(store);
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });
}
