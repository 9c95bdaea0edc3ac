/**
 * The shared libraries Grafana hands to plugins at runtime (the externals in .config/bundler/externals.ts, which webpack.config.ts extends), taken from the real
 * npm packages. Only the ones our plugins import are registered; the AMD loader names any other one it is asked for.
 * Grafana's "react-router" is v6 (its react-router-dom-v5-compat), while its "react-router-dom" is v5
 * (public/app/features/plugins/loader/sharedDependencies.ts): a plugin that leaves react-router-dom v6 external
 * gets v5 in Grafana, so the host refuses it instead of handing over v6.
 */
import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import * as lodash from 'lodash';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as jsxDevRuntime from 'react/jsx-dev-runtime';
import * as jsxRuntime from 'react/jsx-runtime';
import * as ReactRouter from 'react-router';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import { refuseModule, registerModule } from './amd';

export function registerGrafanaExternals(): void {
  const modules: Record<string, unknown> = {
    react: React,
    'react-dom': ReactDOM,
    'react/jsx-runtime': jsxRuntime,
    'react/jsx-dev-runtime': jsxDevRuntime,
    'react-router': ReactRouter,
    '@grafana/data': grafanaData,
    '@grafana/runtime': grafanaRuntime,
    '@grafana/ui': grafanaUi,
    '@emotion/css': emotionCss,
    rxjs,
    'rxjs/operators': rxjsOperators,
    lodash,
  };
  for (const [name, value] of Object.entries(modules)) {
    registerModule(name, value);
  }
  refuseModule(
    'react-router-dom',
    'Grafana shares react-router-dom v5 under that name; bundle react-router-dom v6, leave only "react-router" external'
  );
}
