/**
 * getTemplateSrv() for the host page. The app pages are not dashboards, so the only variables are the scopedVars a
 * caller passes in; unknown variables stay as written, as in Grafana.
 */
import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv, VariableInterpolation } from '@grafana/runtime';

// $var, ${var}, ${var:format}, [[var]] — Grafana's variable syntaxes (fieldPath forms are not used by our plugins).
const VARIABLE = /\$(\w+)|\$\{(\w+)(?::([^}]+))?\}|\[\[(\w+)\]\]/g;

type FormatFn = (value: unknown) => string;

export class ScopedVarsTemplateSrv implements TemplateSrv {
  getVariables(): TypedVariableModel[] {
    return [];
  }

  containsTemplate(target?: string): boolean {
    return !!target && new RegExp(VARIABLE.source).test(target);
  }

  /** Nothing here depends on the time range: there are no dashboard variables to refresh. */
  updateTimeRange(_timeRange: TimeRange): void {}

  replace(target?: string, scopedVars?: ScopedVars, format?: string | FormatFn, interpolations?: VariableInterpolation[]): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(VARIABLE, (match, plain?: string, braced?: string, bracedFormat?: string, bracket?: string) => {
      const name = plain ?? braced ?? bracket ?? '';
      const scoped = scopedVars?.[name];
      const found = scoped !== undefined;
      const raw: unknown = scoped?.value;
      const fmt = bracedFormat ?? format;
      const value = !found ? match : typeof fmt === 'function' ? fmt(raw) : Array.isArray(raw) ? raw.join(',') : String(raw);
      interpolations?.push({ match, variableName: name, format: typeof fmt === 'string' ? fmt : undefined, value, found });
      return value;
    });
  }
}
