// Bundles the gateway into dist-gateway/server.js, and its SQLite writer thread into dist-gateway/groupWriterWorker.js
// (the gateway starts it from the file beside its own bundle). Native and optional modules stay external: they are loaded from
// node_modules at run time (better-sqlite3 has a compiled addon; pg optionally loads pg-native).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: {
    server: 'src/gateway/server.ts',
    groupWriterWorker: 'src/gateway/alerts/writer/groupWriterWorker.ts',
  },
  outdir: 'dist-gateway',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  external: ['better-sqlite3', 'pg', 'pg-native', 'pg-query-stream', 'bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
});
console.log('gateway bundle: dist-gateway/server.js, dist-gateway/groupWriterWorker.js');
