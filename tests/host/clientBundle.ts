/**
 * Builds the host page's client (tests/host/client) into browser ES modules with esbuild, from the real npm
 * packages: client.js plus chunks for what the libraries load lazily (Monaco alone is 3 MB the Overview never
 * needs). The output is cached under tests/artifacts/host-client/react-<major>/<hash>/, keyed by the client sources
 * and the installed package versions, so only the first host start of a run pays for the build.
 *
 * The React major is chosen per bundle, as the Grafana being imitated would: Grafana 12.x to 13.1 hand plugins
 * React 18 (the root package's react), Grafana 13.2 and later React 19 (the tests/host/react19 workspace, kept apart
 * because react-dom 19 cannot share a node_modules with the root's React 18 peer). Everything in the bundle,
 * @grafana/ui included, is aliased to the chosen React, so there is one React on the page, as in Grafana.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
const CLIENT_DIR = join(__dirname, 'client');
const CACHE_DIR = join(ROOT, 'tests/artifacts/host-client');
// The runtime's own PluginPage module: see client/pluginPageSlot.d.ts for why it is reached by path.
const PLUGIN_PAGE_MODULE = join(ROOT, 'node_modules/@grafana/runtime/dist/esm/components/PluginPage.mjs');
const REACT_19_DIR = join(__dirname, 'react19');

export type ReactMajor = 18 | 19;
export const REACT_MAJORS: readonly ReactMajor[] = [18, 19];

/** The React major asked for by $OPSDECK_HOST_REACT (18 unless set), refused when it is neither. */
export function reactMajorFromEnv(value = process.env.OPSDECK_HOST_REACT): ReactMajor {
  const major = Number(value ?? 18);
  if (major !== 18 && major !== 19) {
    throw new Error(`OPSDECK_HOST_REACT must be 18 or 19, not "${value}"`);
  }
  return major;
}

/**
 * Resolves react and react-dom (and their subpaths) from the React 19 workspace for every importer, with the
 * packages' own export conditions (react-dom/server must stay the browser build).
 */
function react19Plugin(): Plugin {
  return {
    name: 'host-react-19',
    setup(pluginBuild) {
      if (!existsSync(join(REACT_19_DIR, 'node_modules/react-dom'))) {
        throw new Error(`React 19 for the test host is not installed under ${REACT_19_DIR}: run npm install`);
      }
      pluginBuild.onResolve({ filter: /^react(-dom)?(\/.*)?$/ }, (args) => {
        if (args.pluginData === REACT_19_DIR) {
          return undefined;
        }
        return pluginBuild.resolve(args.path, { kind: args.kind, resolveDir: REACT_19_DIR, pluginData: REACT_19_DIR });
      });
    },
  };
}

export interface ClientBundle {
  /** Folder holding client.js, its chunks and client.css (when the packages ship CSS). */
  dir: string;
  hasCss: boolean;
}

function cacheKey(major: ReactMajor): string {
  const hash = createHash('sha256').update(`react-${major}`);
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

export async function clientBundle(major: ReactMajor = 18): Promise<ClientBundle> {
  const majorDir = join(CACHE_DIR, `react-${major}`);
  const dir = join(majorDir, cacheKey(major));
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
    plugins: major === 19 ? [react19Plugin()] : [],
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
  // Bundles of earlier client sources are never read again; the other major's bundles are kept.
  for (const old of readdirSync(majorDir)) {
    if (join(majorDir, old) !== dir && !old.includes('.tmp-')) {
      rmSync(join(majorDir, old), { recursive: true, force: true });
    }
  }
  return bundleIn(dir);
}
