/**
 * What CloudWatch accepts as a DashboardBody (CloudWatch API Reference, "Dashboard Body Structure and Syntax"), as
 * far as the generator uses it: a `widgets` array of at most 500; each widget placed on the 24-column grid (x, y,
 * width 1–24, height 1–1000, x + width ≤ 24) without overlapping another; metric widgets with a region and
 * `metrics` entries shaped `[namespace, metricName, dimName, dimValue, …, {options}]` or `[{expression, id, …}]`,
 * ids unique and referenced ids present; alarm widgets with 1–100 alarm ARNs. The export refuses a body with a
 * problem, and so do the tests.
 */

const TOP_LEVEL = ['widgets', 'start', 'end', 'periodOverride', 'variables'];
const WIDGET_TYPES = ['metric', 'text', 'alarm', 'log', 'explorer', 'custom'];
const VIEWS = ['timeSeries', 'singleValue', 'gauge', 'bar', 'pie', 'table'];
const METRIC_OPTIONS = ['id', 'label', 'stat', 'period', 'visible', 'region', 'accountId', 'yAxis', 'color'];
const EXPRESSION_KEYS = ['expression', 'id', 'label', 'region', 'accountId', 'yAxis', 'color', 'period', 'visible'];
const ID = /^[a-z][a-zA-Z0-9_]*$/;
const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:[a-z]{2}(-[a-z]+)+-\d:\d{12}:alarm:.+$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Every problem found, as `<where>: <what>`; empty when CloudWatch would take the body. */
export function dashboardBodyProblems(body: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(body)) return ['body: not an object'];
  for (const key of Object.keys(body)) if (!TOP_LEVEL.includes(key)) problems.push(`body: unknown key ${key}`);
  const widgets = body.widgets;
  if (!Array.isArray(widgets)) return [...problems, 'body.widgets: not an array'];
  if (widgets.length > 500) problems.push(`body.widgets: ${widgets.length} widgets, at most 500`);
  if (body.periodOverride !== undefined && !['auto', 'inherit'].includes(body.periodOverride as string)) {
    problems.push('body.periodOverride: auto or inherit');
  }
  if (
    body.start !== undefined &&
    (typeof body.start !== 'string' || !/^-P(T?\d+[WDHMS])+$|^-PT\d+[HMS]$/.test(body.start))
  ) {
    problems.push(`body.start: ${String(body.start)} is not a relative ISO 8601 duration such as -PT6H`);
  }
  const cells = new Map<string, number>();
  widgets.forEach((widget, i) => {
    const where = `widgets[${i}]`;
    if (!isObject(widget)) {
      problems.push(`${where}: not an object`);
      return;
    }
    const { type, x, y, width, height, properties } = widget;
    if (!WIDGET_TYPES.includes(type as string)) problems.push(`${where}.type: ${String(type)}`);
    if (!isInt(x) || x < 0) problems.push(`${where}.x: a whole number ≥ 0`);
    if (!isInt(y) || y < 0) problems.push(`${where}.y: a whole number ≥ 0`);
    if (!isInt(width) || width < 1 || width > 24) problems.push(`${where}.width: 1 to 24`);
    if (!isInt(height) || height < 1 || height > 1000) problems.push(`${where}.height: 1 to 1000`);
    if (isInt(x) && isInt(width) && x + width > 24) problems.push(`${where}: x + width = ${x + width} > 24`);
    if (isInt(x) && isInt(y) && isInt(width) && isInt(height)) {
      for (let row = y; row < y + height; row++) {
        for (let col = x; col < x + width; col++) {
          const other = cells.get(`${col},${row}`);
          if (other !== undefined) {
            problems.push(`${where}: overlaps widgets[${other}] at column ${col}, row ${row}`);
            row = y + height;
            break;
          }
          cells.set(`${col},${row}`, i);
        }
      }
    }
    if (!isObject(properties)) {
      problems.push(`${where}.properties: not an object`);
      return;
    }
    if (type === 'metric') problems.push(...metricWidgetProblems(properties, `${where}.properties`));
    if (type === 'text' && (typeof properties.markdown !== 'string' || properties.markdown === '')) {
      problems.push(`${where}.properties.markdown: a non-empty string`);
    }
    if (type === 'alarm') {
      const alarms = properties.alarms;
      if (!Array.isArray(alarms) || alarms.length < 1 || alarms.length > 100) {
        problems.push(`${where}.properties.alarms: 1 to 100 alarm ARNs`);
      } else {
        alarms.forEach((arn, j) => {
          if (typeof arn !== 'string' || !ALARM_ARN.test(arn))
            problems.push(`${where}.properties.alarms[${j}]: not an alarm ARN`);
        });
      }
    }
  });
  return problems;
}

function metricWidgetProblems(properties: Json, where: string): string[] {
  const problems: string[] = [];
  if (typeof properties.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(properties.region)) {
    problems.push(`${where}.region: an AWS region`);
  }
  if (properties.view !== undefined && !VIEWS.includes(properties.view as string))
    problems.push(`${where}.view: ${String(properties.view)}`);
  if (
    properties.period !== undefined &&
    !(isInt(properties.period) && (properties.period % 60 === 0 || [1, 5, 10, 30].includes(properties.period)))
  ) {
    problems.push(`${where}.period: 1, 5, 10, 30 or a multiple of 60`);
  }
  const metrics = properties.metrics;
  if (!Array.isArray(metrics) || metrics.length === 0) return [...problems, `${where}.metrics: a non-empty array`];
  const ids = new Set<string>();
  const referenced: Array<{ id: string; where: string }> = [];
  metrics.forEach((entry, i) => {
    const at = `${where}.metrics[${i}]`;
    if (!Array.isArray(entry) || entry.length === 0) {
      problems.push(`${at}: a non-empty array`);
      return;
    }
    const addId = (id: unknown) => {
      if (id === undefined) return;
      if (typeof id !== 'string' || !ID.test(id))
        problems.push(`${at}: id ${String(id)} must start with a lower-case letter`);
      else if (ids.has(id)) problems.push(`${at}: id ${id} used twice`);
      else ids.add(id);
    };
    if (isObject(entry[0])) {
      const expr = entry[0];
      if (entry.length !== 1) problems.push(`${at}: an expression entry holds one object`);
      if (typeof expr.expression !== 'string' || expr.expression === '')
        problems.push(`${at}.expression: a non-empty string`);
      for (const key of Object.keys(expr))
        if (!EXPRESSION_KEYS.includes(key)) problems.push(`${at}: unknown key ${key}`);
      addId(expr.id);
      // Lower-case words are metric ids; functions (FILL, IF, SUM…) are upper case.
      for (const word of String(expr.expression).match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? [])
        referenced.push({ id: word, where: at });
      return;
    }
    const last = entry[entry.length - 1];
    const options = isObject(last) ? last : undefined;
    const parts = options ? entry.slice(0, -1) : entry;
    if (parts.some((p) => typeof p !== 'string' || p === ''))
      problems.push(`${at}: namespace, metric name and dimensions are non-empty strings`);
    if (parts.length < 2) problems.push(`${at}: needs a namespace and a metric name`);
    if ((parts.length - 2) % 2 !== 0) problems.push(`${at}: dimensions come in name/value pairs`);
    if ((parts.length - 2) / 2 > 30) problems.push(`${at}: more than 30 dimensions`);
    if (entry.slice(0, -1).some(isObject)) problems.push(`${at}: the options object comes last`);
    if (options) {
      for (const key of Object.keys(options))
        if (!METRIC_OPTIONS.includes(key)) problems.push(`${at}: unknown option ${key}`);
      addId(options.id);
    }
  });
  for (const { id, where: at } of referenced)
    if (!ids.has(id)) problems.push(`${at}: the expression names ${id}, which no metric of the widget is`);
  return problems;
}
