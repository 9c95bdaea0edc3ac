import { type DataSourceInstanceSettings, type ScopedVars } from '@grafana/data';
import { type TemplateSrvLike } from './interpolate';
import { type OpsdeckOptions } from './types';

export const PROXY_URL = '/api/datasources/proxy/uid/opsdeck';

export function instanceSettings(jsonData: OpsdeckOptions = { gatewayUrl: 'http://gateway:8080' }): DataSourceInstanceSettings<OpsdeckOptions> {
  return {
    id: 1,
    uid: 'opsdeck',
    type: 'opsdeck-sre-datasource',
    name: 'Opsdeck',
    url: PROXY_URL,
    access: 'proxy',
    readOnly: true,
    jsonData,
    meta: {} as DataSourceInstanceSettings['meta'],
  };
}

/**
 * A TemplateSrv fake with real formatting semantics for what the datasource uses: `$name` / `${name}` replaced by
 * the variable's value(s), multi-values handed to the format function as an array, scoped vars winning.
 */
export function fakeTemplateSrv(variables: Record<string, string | string[]>): TemplateSrvLike {
  return {
    replace(target, scopedVars?: ScopedVars, format?) {
      if (!target) {
        return target ?? '';
      }
      return target.replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, plain: string | undefined) => {
        const name = (braced ?? plain) as string;
        const scoped = scopedVars?.[name]?.value as string | string[] | undefined;
        const value = scoped ?? variables[name];
        if (value === undefined) {
          return match;
        }
        if (typeof format === 'function') {
          return format(value);
        }
        return Array.isArray(value) ? `{${value.join(',')}}` : value;
      });
    },
    getVariables: () => Object.keys(variables).map((name) => ({ name }) as never),
  };
}
