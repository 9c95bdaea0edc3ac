/**
 * The smallest AMD loader that runs webpack's `library: { type: 'amd' }` output: `define(deps, factory)` where each
 * dependency is a library Grafana hands to plugins. Plugin modules are loaded with a script tag, as Grafana does, so
 * stack traces and source maps point at the served file.
 */
type ModuleValue = unknown;
type Factory = (...deps: ModuleValue[]) => ModuleValue;

const registry = new Map<string, ModuleValue>();
/** Names Grafana shares with a different meaning than the npm package a plugin was built against, with the reason. */
const refused = new Map<string, string>();
const loaded = new Map<string, Promise<ModuleValue>>();
/** Defines made while a given script URL was executing, keyed by that URL. */
const pendingDefines = new Map<string, ModuleValue>();

export function registerModule(name: string, value: ModuleValue): void {
  registry.set(name, value);
}

export function refuseModule(name: string, reason: string): void {
  refused.set(name, reason);
}

function resolveDependency(name: string, requester: string): ModuleValue {
  const refusal = refused.get(name);
  if (refusal) {
    throw new Error(`${requester} needs "${name}": ${refusal}`);
  }
  if (!registry.has(name)) {
    throw new Error(
      `${requester} needs "${name}", which the test host does not provide (tests/host/client/externals.ts)`
    );
  }
  return registry.get(name);
}

function define(depsOrFactory: string[] | Factory, maybeFactory?: Factory): void {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src) {
    throw new Error('define() was called outside a plugin script loaded by the test host');
  }
  const deps = Array.isArray(depsOrFactory) ? depsOrFactory : [];
  const factory = Array.isArray(depsOrFactory) ? maybeFactory : depsOrFactory;
  if (typeof factory !== 'function') {
    throw new Error(`${script.src}: define() without a factory function`);
  }
  const exportsObject: Record<string, unknown> = {};
  // "module" is AMD's description of the module being defined; create-plugin's build sets webpack's public path from
  // its `uri`, so lazy chunks load from beside the module.js that asked for them.
  const moduleMeta = { id: script.src, uri: script.src, exports: exportsObject };
  const args = deps.map((d) =>
    d === 'exports' ? exportsObject : d === 'module' ? moduleMeta : resolveDependency(d, script.src)
  );
  const result = factory(...args);
  pendingDefines.set(script.src, result ?? exportsObject);
}

/**
 * Installs the global `define` without `define.amd`: UMD code bundled into the host checks `define.amd` and must keep
 * using CommonJS, while webpack's AMD output calls `define` unconditionally.
 */
export function installDefine(): void {
  (window as unknown as { define: typeof define }).define = define;
}

/** Loads a plugin module once and resolves to what its factory returned (webpack: the module's exports). */
export function importPluginModule(path: string): Promise<ModuleValue> {
  const url = new URL(path, document.baseURI).href;
  let pending = loaded.get(url);
  if (!pending) {
    pending = new Promise<ModuleValue>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onload = () => {
        if (pendingDefines.has(url)) {
          resolve(pendingDefines.get(url));
        } else {
          reject(new Error(`${url} loaded but did not call define()`));
        }
      };
      script.onerror = () => reject(new Error(`could not load ${url}`));
      document.head.appendChild(script);
    });
    loaded.set(url, pending);
  }
  return pending;
}
