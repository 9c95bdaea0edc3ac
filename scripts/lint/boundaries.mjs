// The direction imports may take between the rooms (plugin, gateway, contract, infra) and inside the gateway, as one
// ESLint rule of ours. Each specifier is resolved to the file it names (relative paths, the plugin's `@/` alias and the
// workspace package names), so `../../../src/x` is caught as surely as `@/x`.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKSPACES = { '@opsdeck/gateway': 'gateway', '@opsdeck/contract': 'contract', '@opsdeck/infra': 'infra' };
const NODE_BUILTINS = new Set(builtinModules);

/**
 * Each boundary: files under `from` (minus `except`) may not import anything under `to` (minus `allow`). Paths are
 * relative to the repository root; a trailing slash means the folder, a RegExp matches the path. `packages: 'none'`
 * forbids every package import, `packages: 'node'` forbids Node's built-in modules.
 */
export const BOUNDARIES = [
  {
    from: ['src/'],
    to: ['gateway/', 'infra/'],
    message: 'browser code never imports the gateway or infra; share types through @opsdeck/contract',
  },
  {
    from: ['src/'],
    except: [/\.test\.tsx?$/, /\/testing\.ts$/, /\/__mocks__\//],
    packages: 'node',
    message: "browser code never imports Node's built-in modules",
  },
  {
    from: ['gateway/'],
    to: ['src/', 'tests/', 'infra/'],
    message: 'the gateway never imports browser code, the browser tests or infra',
  },
  {
    from: ['contract/'],
    to: ['src/', 'tests/', 'gateway/', 'infra/'],
    packages: 'none',
    message: 'the contract depends on nothing: no packages, no plugin or gateway code',
  },
  {
    // The adapters: one folder per upstream under sources/ (sources/*.ts wire them together) and upstream/.
    from: [/^gateway\/src\/sources\/[^/]+\//, 'gateway/src/upstream/'],
    except: [/\.test\.ts$/],
    to: [
      'gateway/src/alerts/',
      'gateway/src/catalog/',
      'gateway/src/deployments/',
      'gateway/src/events/',
      'gateway/src/http/',
      'gateway/src/postmortems/',
      'gateway/src/query/',
      'gateway/src/routes/',
      'gateway/src/slo/',
      'gateway/src/store/',
      'gateway/src/app.ts',
      'gateway/src/startGateway.ts',
      'gateway/src/upstreams.ts',
    ],
    message: 'upstream adapters never import domain modules; move what both need to a neutral module',
  },
  {
    // The CDK app reads the gateway's own truths rather than restating them: its catalog parser (infra refuses what
    // the gateway refuses), its IAM action list, its CloudWatch metric plans and its burn-rate rules. Each is pure,
    // imports no runtime (no Fastify, store or SDK clients), and is all it may take from the gateway.
    from: ['infra/bin/', 'infra/lib/', 'infra/scripts/'],
    to: ['src/', 'tests/', 'gateway/'],
    allow: [
      'gateway/src/catalog/',
      'gateway/src/sources/aws/permissions.ts',
      'gateway/src/sources/cloudwatch/serviceMetrics.ts',
      'gateway/src/slo/burnRateAlerts.ts',
    ],
    message:
      'the CDK app imports from the gateway only its catalog parser, IAM action list, metric plans and burn-rate rules (scripts/lint/boundaries.mjs)',
  },
];

// A folder also covers importing the folder itself (its index).
const under = (file, prefixes) =>
  prefixes.some((p) =>
    p instanceof RegExp
      ? p.test(file)
      : p.endsWith('/')
        ? file.startsWith(p) || file === p.slice(0, -1)
        : file === p || file === p.replace(/\.tsx?$/, '')
  );

/** The repository-relative path a specifier names, `{ pkg }` for a package, or undefined when it leaves the repo. */
export function resolveSpecifier(fromFile, specifier) {
  let target;
  if (specifier.startsWith('@/')) target = path.join(ROOT, 'src', specifier.slice(2));
  else if (specifier.startsWith('.')) target = path.resolve(path.dirname(fromFile), specifier);
  else {
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    if (WORKSPACES[name]) target = path.join(ROOT, WORKSPACES[name], specifier.slice(name.length));
    else return { pkg: name };
  }
  const rel = path.relative(ROOT, target).split(path.sep).join('/');
  return rel.startsWith('..') ? undefined : { file: rel };
}

export function violation(fromFile, specifier) {
  const from = path.relative(ROOT, fromFile).split(path.sep).join('/');
  const target = resolveSpecifier(fromFile, specifier);
  if (!target) return undefined;
  for (const rule of BOUNDARIES) {
    if (!under(from, rule.from) || rule.except?.some((re) => re.test(from))) continue;
    if (target.file && rule.to && under(target.file, rule.to) && !(rule.allow && under(target.file, rule.allow))) {
      return rule.message;
    }
    if (target.pkg && rule.packages === 'none') return rule.message;
    if (target.pkg && rule.packages === 'node' && (target.pkg.startsWith('node:') || NODE_BUILTINS.has(target.pkg))) {
      return rule.message;
    }
  }
  return undefined;
}

const rule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Imports follow the rooms’ direction (docs/ARCHITECTURE.md)' } },
  create(context) {
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = violation(context.filename, source.value);
      if (message) context.report({ node: source, message: `${source.value}: ${message}` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression(node) {
        const callee = node.callee;
        const isRequire = callee.type === 'Identifier' && callee.name === 'require';
        const isJestMock =
          callee.type === 'MemberExpression' && callee.object.name === 'jest' && ['mock', 'requireActual'].includes(callee.property.name);
        if (isRequire || isJestMock) check(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { boundaries: rule } };
