// What Opsdeck adds to create-plugin's managed build (.config/webpack/webpack.config.ts), which already finds both
// entries (src/module.tsx and the nested src/datasource/module.ts), copies the plugin.json files, README, LICENSE
// and CHANGELOG, and fills %VERSION%, %TODAY% and %PLUGIN_ID%.
// Written as the base is (explicit .ts imports, paths from the working directory), so that it loads both through
// ts-node and through Node's own type stripping.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import type { Configuration } from 'webpack';
import { mergeWithRules } from 'webpack-merge';
import { SOURCE_DIR } from './.config/bundler/constants.ts';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config.ts';

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);

  // A rule with the same test as a base rule is deep-merged into it instead of being added beside it.
  return mergeWithRules({ module: { rules: { test: 'match', use: 'merge' } } })(baseConfig, {
    resolve: { alias: { '@': path.resolve(process.cwd(), SOURCE_DIR) } },
    // Grafana shares rxjs/operators too (public/app/features/plugins/loader/sharedDependencies.ts); the base list
    // would bundle a second copy of the operators. react-router-dom stays bundled, as the base intends: Grafana's
    // shared "react-router-dom" is v5, and the bundled v6 reaches Grafana's router through the shared "react-router".
    externals: ['rxjs/operators'],
    module: {
      rules: [
        {
          test: /\.[tj]sx?$/,
          use: {
            loader: 'swc-loader',
            // The sources use the automatic JSX runtime (tsconfig "jsx": "react-jsx"): no `import React` per file.
            options: { jsc: { transform: { react: { runtime: 'automatic' } } } },
          },
        },
        // Markdown templates (docs/templates) are bundled as text; see src/markdown.d.ts.
        { test: /\.md$/, type: 'asset/source' },
      ],
    },
    plugins: [
      // The base copies the app's logos only; the nested datasource has its own.
      new CopyWebpackPlugin({ patterns: [{ from: 'datasource/img/**/*', to: '[path][name][ext]' }] }),
    ],
  });
};

export default config;
