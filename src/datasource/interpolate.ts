import { type ScopedVars, type TypedVariableModel } from '@grafana/data';
import { type OpsdeckQuery } from '@opsdeck/contract';

/** The part of Grafana's TemplateSrv the datasource uses; tests pass a fake. */
export interface TemplateSrvLike {
  replace(target?: string, scopedVars?: ScopedVars, format?: string | ((value: string | string[]) => string)): string;
  getVariables?(): TypedVariableModel[];
}

/** Wildcard meaning "every value" to the gateway (also what the dashboards set as the variables' allValue). */
export const ALL_VALUES = '*';

/**
 * Multi-value variables become a comma-separated list ("a,b"), the form the gateway filters on. An "All" selection
 * arrives as the variable's allValue ('*' in our dashboards) or as the full list; either way the gateway sees all.
 */
function joinValues(value: string | string[]): string {
  const values = Array.isArray(value) ? value : [value];
  if (values.includes(ALL_VALUES) || values.includes('$__all')) {
    return ALL_VALUES;
  }
  return values.join(',');
}

export function interpolateValue(templateSrv: TemplateSrvLike, value: string | undefined, scopedVars?: ScopedVars) {
  if (value === undefined || value === '') {
    return value;
  }
  const replaced = templateSrv.replace(value, scopedVars, joinValues);
  // A leftover "{a,b}" comes from variables formatted as globs elsewhere (e.g. ad-hoc text); normalise it.
  const glob = /^\{(.*)\}$/.exec(replaced);
  return glob ? glob[1] : replaced;
}

/** Fields that name the query rather than filter it: never template-interpolated. */
const NOT_INTERPOLATED = new Set(['refId', 'queryType']);

/** Every text field (and every CloudWatch dimension value) may hold dashboard variables. */
export function interpolateQuery(
  templateSrv: TemplateSrvLike,
  query: OpsdeckQuery,
  scopedVars?: ScopedVars
): OpsdeckQuery {
  const interpolated: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string' && !NOT_INTERPOLATED.has(name)) {
      interpolated[name] = interpolateValue(templateSrv, value, scopedVars);
    } else if (name === 'dimensions' && value && typeof value === 'object') {
      const dimensions = Object.entries(value as Record<string, string>).map(([key, v]) => [
        key,
        interpolateValue(templateSrv, v, scopedVars),
      ]);
      interpolated[name] = Object.fromEntries(dimensions);
    } else {
      interpolated[name] = value;
    }
  }
  return interpolated as unknown as OpsdeckQuery;
}
