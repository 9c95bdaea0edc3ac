// Bundles the gateway into dist/server.js, and its SQLite writer thread into dist/groupWriterWorker.js (the gateway
// starts it from the file beside its own bundle). The contract is bundled in from its TypeScript source. Optional
// modules stay external: pg optionally loads pg-native, ws optionally bufferutil/utf-8-validate. SQLite is Node's own
// node:sqlite, external like every node: module.
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
  // The floor in package.json's engines (node:sqlite's timeout option, isTransaction and columns() arrive in 22.16).
  target: 'node22.16',
  format: 'cjs',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  external: ['pg', 'pg-native', 'pg-query-stream', 'bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
});
console.log('gateway bundle: gateway/dist/server.js, gateway/dist/groupWriterWorker.js');
