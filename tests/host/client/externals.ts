/**
 * The shared libraries Grafana hands to plugins at runtime (the externals in webpack.config.js), taken from the real
 * npm packages. Only the ones our plugins import are registered; the AMD loader names any other one it is asked for.
 */
import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import * as lodash from 'lodash';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as jsxRuntime from 'react/jsx-runtime';
import * as ReactRouter from 'react-router';
import * as ReactRouterDom from 'react-router-dom';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import { registerModule } from './amd';

export function registerGrafanaExternals(): void {
  const modules: Record<string, unknown> = {
    react: React,
    'react-dom': ReactDOM,
    'react/jsx-runtime': jsxRuntime,
    'react-router': ReactRouter,
    'react-router-dom': ReactRouterDom,
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
}
