// Bundles the gateway into dist/server.js, and its SQLite writer thread into dist/groupWriterWorker.js (the gateway
// starts it from the file beside its own bundle). The contract is bundled in from its TypeScript source. Native and
// optional modules stay external: they are loaded from node_modules at run time (better-sqlite3 has a compiled addon;
// pg optionally loads pg-native).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const gatewayDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: gatewayDir,
  entryPoints: {
    server: 'src/server.ts',
    groupWriterWorker: 'src/alerts/writer/groupWriterWorker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  external: ['better-sqlite3', 'pg', 'pg-native', 'pg-query-stream', 'bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
});
console.log('gateway bundle: gateway/dist/server.js, gateway/dist/groupWriterWorker.js');
