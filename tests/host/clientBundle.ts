/**
 * Builds the host page's client (tests/host/client) into browser ES modules with esbuild, from the real npm
 * packages: client.js plus chunks for what the libraries load lazily (Monaco alone is 3 MB the Overview never
 * needs). The output is cached under tests/artifacts/host-client/<hash>/, keyed by the client sources and the
 * installed package versions, so only the first host start of a run pays for the build.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
const CLIENT_DIR = join(__dirname, 'client');
const CACHE_DIR = join(ROOT, 'tests/artifacts/host-client');
// The runtime's own PluginPage module: see client/pluginPageSlot.d.ts for why it is reached by path.
const PLUGIN_PAGE_MODULE = join(ROOT, 'node_modules/@grafana/runtime/dist/esm/components/PluginPage.mjs');

export interface ClientBundle {
  /** Folder holding client.js, its chunks and client.css (when the packages ship CSS). */
  dir: string;
  hasCss: boolean;
}

function cacheKey(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(CLIENT_DIR).sort()) {
    hash.update(name).update(readFileSync(join(CLIENT_DIR, name)));
  }
  hash.update(readFileSync(join(__dirname, 'pageConfig.ts')));
  hash.update(readFileSync(__filename));
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

function bundleIn(dir: string): ClientBundle {
  return { dir, hasCss: existsSync(join(dir, 'client.css')) };
}

export async function clientBundle(): Promise<ClientBundle> {
  const dir = join(CACHE_DIR, cacheKey());
  if (existsSync(join(dir, 'client.js'))) {
    return bundleIn(dir);
  }
  // Build into a private folder and rename it into place, so a concurrent reader never sees half a bundle.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await build({
    entryPoints: [join(CLIENT_DIR, 'index.tsx')],
    outdir: tmp,
    entryNames: 'client',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    alias: { 'host:plugin-page-slot': PLUGIN_PAGE_MODULE },
    loader: {
      '.svg': 'text',
      '.png': 'dataurl',
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
      '.ttf': 'dataurl',
      '.eot': 'dataurl',
    },
  });
  if (existsSync(dir)) {
    rmSync(tmp, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
  // Bundles of earlier client sources are never read again.
  for (const old of readdirSync(CACHE_DIR)) {
    if (join(CACHE_DIR, old) !== dir && !old.includes('.tmp-')) {
      rmSync(join(CACHE_DIR, old), { recursive: true, force: true });
    }
  }
  return bundleIn(dir);
}
