// Runs a TypeScript benchmark from the repository root: bundles it with esbuild (the contract's TypeScript source
// included, other packages left to node_modules), then executes it.
// Usage: node gateway/bench/upstream-runner.mjs gateway/bench/upstream.ts [args…]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node gateway/bench/upstream-runner.mjs <file.ts> [args…]');
  process.exit(2);
}
/** Packages load from node_modules at run time, except the contract, which is TypeScript source. */
const externalPackagesButContract = {
  name: 'external-packages-but-contract',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path === '@opsdeck/contract' ? undefined : { path: args.path, external: true }
    );
  },
};
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-bench-'));
const outfile = path.join(outdir, 'bench.cjs');
await build({
  absWorkingDir: root,
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22.16',
  format: 'cjs',
  tsconfig: 'gateway/tsconfig.json',
  plugins: [externalPackagesButContract],
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
});
fs.rmSync(outdir, { recursive: true, force: true });
process.exit(run.status ?? 1);
