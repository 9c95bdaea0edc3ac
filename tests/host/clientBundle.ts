/**
 * Builds the host page's client (tests/host/client) into one browser script with esbuild, from the real npm
 * packages. The output is cached under tests/artifacts/host-client/<hash>/, keyed by the client sources and the
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
  js: Buffer;
  /** CSS that imported packages ship (may be empty). */
  css: Buffer;
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

function readBundle(dir: string): ClientBundle {
  const css = join(dir, 'client.css');
  return { js: readFileSync(join(dir, 'client.js')), css: existsSync(css) ? readFileSync(css) : Buffer.alloc(0) };
}

export async function clientBundle(): Promise<ClientBundle> {
  const dir = join(CACHE_DIR, cacheKey());
  if (existsSync(join(dir, 'client.js'))) {
    return readBundle(dir);
  }
  // Build into a private folder and rename it into place, so a concurrent reader never sees half a bundle.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await build({
    entryPoints: [join(CLIENT_DIR, 'index.tsx')],
    outfile: join(tmp, 'client.js'),
    bundle: true,
    format: 'iife',
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
    mkdirSync(CACHE_DIR, { recursive: true });
    renameSync(tmp, dir);
  }
  return readBundle(dir);
}
