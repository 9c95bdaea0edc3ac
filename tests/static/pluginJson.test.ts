/**
 * @jest-environment node
 */
// The built plugin.json files are what Grafana reads: validate them against Grafana's published schema and check
// the facts Grafana's loader and plugin validator depend on (ids, nested datasource declared, placeholders filled).
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
// ../shared sits beside the clone on our machines and in CI; a user's fresh clone has none.
const schemaPath = path.resolve(root, '../shared/grafana/plugin.schema.json');
const haveSchema = fs.existsSync(schemaPath);

// Grafana shares react/jsx-runtime with plugins from 12.0.10, 12.1.7, 12.2.5 and 12.3 on (create-plugin's migration
// guide, 12.x to 13.x). A bundled React 18 jsx-runtime throws on Grafana 13.2's React 19, so the build leaves it
// external and the older 12.x patch releases cannot load the plugins.
const JSX_RUNTIME_SHARED = '>=12.0.10 <12.1.0 || >=12.1.7 <12.2.0 || >=12.2.5';

function readBuilt(rel: string) {
  const file = path.join(dist, rel);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('built plugin.json files', () => {
  const app = readBuilt('plugin.json');
  const datasource = readBuilt('datasource/plugin.json');

  (haveSchema || process.env.CI ? it : it.skip)('validate against Grafana plugin.schema.json', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
    for (const [name, json] of [
      ['app', app],
      ['datasource', datasource],
    ] as const) {
      const ok = validate(json);
      expect({ name, errors: ok ? [] : validate.errors }).toEqual({ name, errors: [] });
    }
  });
  if (!haveSchema && !process.env.CI) {
    console.warn(`plugin.schema.json not found at ${schemaPath}; schema validation skipped`);
  }

  it('have the Opsdeck ids and types', () => {
    expect([app.id, app.type]).toEqual(['opsdeck-sre-app', 'app']);
    expect([datasource.id, datasource.type]).toEqual(['opsdeck-sre-datasource', 'datasource']);
  });

  it('declare the nested datasource in the app includes with type and path', () => {
    expect(app.includes).toContainEqual(
      expect.objectContaining({ type: 'datasource', path: 'datasource/plugin.json' })
    );
  });

  it('have module.js beside each plugin.json', () => {
    expect(fs.existsSync(path.join(dist, 'module.js'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'datasource/module.js'))).toBe(true);
  });

  it('fill %VERSION%, %TODAY% and %PLUGIN_ID% at build time', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    for (const json of [app, datasource]) {
      expect(json.info.version).toBe(pkg.version);
      expect(json.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(JSON.stringify(json)).not.toContain('%');
    }
  });

  it('require a Grafana that hands plugins react/jsx-runtime, which the build leaves external', () => {
    for (const [json, moduleFile] of [
      [app, 'module.js'],
      [datasource, 'datasource/module.js'],
    ] as const) {
      expect(json.dependencies.grafanaDependency).toBe(JSX_RUNTIME_SHARED);
      expect(fs.readFileSync(path.join(dist, moduleFile), 'utf8')).toMatch(/define\(\[[^\]]*"react\/jsx-runtime"/);
    }
  });

  it('guard the write route with Editor and the read route with Viewer, secrets only from secureJsonData', () => {
    const byPath = Object.fromEntries(datasource.routes.map((r: { path: string }) => [r.path, r]));
    expect(byPath.read.reqRole).toBe('Viewer');
    expect(byPath.write.reqRole).toBe('Editor');
    expect(byPath.admin.reqRole).toBe('Admin');
    expect(byPath.admin.headers.map((h: { name: string }) => h.name)).toContain('X-Opsdeck-Admin');
    for (const route of datasource.routes) {
      expect(route.url).toBe('{{ .JsonData.gatewayUrl }}');
      for (const header of route.headers) {
        expect(header.content).toContain('{{ .SecureJsonData.apiToken }}');
      }
    }
  });
});
