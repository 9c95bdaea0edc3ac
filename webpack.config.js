// Builds the app plugin and the nested datasource the way @grafana/create-plugin does: one AMD module.js per
// plugin.json under src/, Grafana's shared libraries left external, plugin.json placeholders filled in.
const path = require('path');
const fs = require('fs');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const pkg = require('./package.json');
const appPluginJson = require('./src/plugin.json');

const SRC = path.resolve(__dirname, 'src');
const DIST = path.resolve(__dirname, 'dist');

/** Each folder under src/ with a plugin.json is one entry. */
function pluginEntries() {
  const entries = {};
  const walk = (dir) => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, item.name);
      if (item.isDirectory() && item.name !== '__mocks__') {
        walk(full);
      } else if (item.name === 'plugin.json') {
        const rel = path.relative(SRC, dir);
        const moduleFile = ['module.tsx', 'module.ts'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
        if (moduleFile) {
          entries[rel ? `${rel}/module` : 'module'] = moduleFile;
        }
      }
    }
  };
  walk(SRC);
  return entries;
}

// The libraries Grafana hands to plugins at runtime (create-plugin's .config/bundler/externals.ts).
const externals = [
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'rxjs/operators',
  'react-router',
  'react-router-dom',
  'd3',
  'angular',
  /^@grafana\/ui/i,
  /^@grafana\/runtime/i,
  /^@grafana\/data/i,
];

function fillPlaceholders(content) {
  const today = new Date().toISOString().slice(0, 10);
  return content.toString().replace(/%VERSION%/g, pkg.version).replace(/%TODAY%/g, today).replace(/%PLUGIN_ID%/g, appPluginJson.id);
}

module.exports = (_env, argv) => ({
  mode: argv.mode ?? 'production',
  devtool: argv.mode === 'development' ? 'eval-source-map' : 'source-map',
  context: SRC,
  entry: pluginEntries(),
  externals,
  output: {
    clean: true,
    path: DIST,
    filename: '[name].js',
    chunkFilename: '[name].[contenthash:8].js',
    library: { type: 'amd' },
    // Grafana serves plugin files from public/plugins/<id>/; lazy page chunks are fetched from there.
    publicPath: `public/plugins/${appPluginJson.id}/`,
    uniqueName: appPluginJson.id,
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.js', '.jsx'],
    alias: { '@': SRC },
  },
  module: {
    rules: [
      {
        test: /\.[tj]sx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: {
            jsc: {
              baseUrl: SRC,
              target: 'es2018',
              parser: { syntax: 'typescript', tsx: true },
              transform: { react: { runtime: 'automatic' } },
            },
          },
        },
      },
      { test: /\.svg$/, type: 'asset/resource', generator: { filename: '[path][name][ext]' } },
      // Markdown templates (docs/templates) are bundled as text.
      { test: /\.md$/, type: 'asset/source' },
    ],
  },
  plugins: [
    new CopyWebpackPlugin({
      patterns: [
        { from: '**/plugin.json', to: '[path][name][ext]', globOptions: { ignore: ['**/gateway/**'] }, transform: fillPlaceholders },
        { from: 'img/**/*', to: '[path][name][ext]', noErrorOnMissing: true },
        { from: 'datasource/img/**/*', to: '[path][name][ext]', noErrorOnMissing: true },
        { from: path.resolve(__dirname, 'README.md'), to: 'README.md', noErrorOnMissing: true },
        { from: path.resolve(__dirname, 'CHANGELOG.md'), to: 'CHANGELOG.md', noErrorOnMissing: true },
        { from: path.resolve(__dirname, 'LICENSE'), to: 'LICENSE', noErrorOnMissing: true },
      ],
    }),
  ],
  performance: { hints: false },
});
