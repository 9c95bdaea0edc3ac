/**
 * The same desired state as Terraform for the PagerDuty/pagerduty provider: `pagerduty_escalation_policy` (rule
 * blocks, targets user_reference / schedule_reference), `pagerduty_service`, `pagerduty_webhook_subscription`, the
 * schedules and users as data sources looked up by name and email (never created, as with `apply`), and import
 * blocks for the services the catalog ties to an existing PagerDuty service. Pure and deterministic: the same files
 * give the same bytes, laid out as `terraform fmt` would.
 */
import type { DesiredState, DesiredTarget } from './model';

type Value =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'expr'; value: string }
  | { kind: 'list'; items: Value[] };

type Item =
  | { kind: 'attr'; name: string; value: Value }
  | { kind: 'block'; type: string; labels: string[]; body: Item[] }
  /** `attached`: printed right above the next item, without a blank line between. */
  | { kind: 'comment'; lines: string[]; attached?: boolean }
  | { kind: 'blank' };

const str = (value: string): Value => ({ kind: 'string', value });
const num = (value: number): Value => ({ kind: 'number', value });
const bool = (value: boolean): Value => ({ kind: 'bool', value });
const expr = (value: string): Value => ({ kind: 'expr', value });
const attr = (name: string, value: Value): Item => ({ kind: 'attr', name, value });
const block = (type: string, labels: string[], body: Item[]): Item => ({ kind: 'block', type, labels, body });
const comment = (...lines: string[]): Item => ({ kind: 'comment', lines });
const attachedComment = (...lines: string[]): Item => ({ kind: 'comment', lines, attached: true });
const blank: Item = { kind: 'blank' };

export interface TerraformSources {
  /** The catalog and escalation files as the operator names them, for the header. */
  catalog: string;
  escalation: string;
}

export function renderTerraform(desired: DesiredState, sources: TerraformSources): string {
  const names = new Names();
  const items: Item[] = [
    comment(
      'PagerDuty as code for Opsdeck, exported by `npm run pagerduty -- terraform` from',
      `${sources.catalog} and ${sources.escalation}.`,
      'Do not edit: change those files and export again.',
      '',
      'Schedules and users are looked up by name and email (data sources), never created. A service with a',
      'pagerdutyServiceId in the catalog is imported from PagerDuty by the import block after it; a service or',
      'escalation policy that PagerDuty already has under the same name needs',
      '`terraform import pagerduty_service.<name> <id>` (or pagerduty_escalation_policy) once, before the first apply.',
      "Terraform also sets each service's name to its catalog name (npm run pagerduty -- apply leaves the name of a",
      'service it finds by pagerdutyServiceId as it is).'
    ),
    block(
      'terraform',
      [],
      [
        attr('required_version', str('>= 1.5.0')),
        block(
          'required_providers',
          [],
          [attr('pagerduty', { kind: 'expr', value: '{\n  source  = "PagerDuty/pagerduty"\n  version = "~> 3.0"\n}' })]
        ),
      ]
    ),
  ];

  const scheduleRef = new Map<string, string>();
  const userRef = new Map<string, string>();
  const targets = desired.policies.flatMap((p) => p.levels.flatMap((l) => l.targets));
  const schedules = [...new Set(targets.filter(isSchedule).map((t) => t.name))].sort();
  const users = [...new Set(targets.filter(isUser).map((t) => t.email))].sort();
  for (const schedule of schedules) {
    const name = names.take('data.pagerduty_schedule', schedule);
    scheduleRef.set(schedule, `data.pagerduty_schedule.${name}.id`);
    items.push(block('data', ['pagerduty_schedule', name], [attr('name', str(schedule))]));
  }
  for (const email of users) {
    const name = names.take('data.pagerduty_user', email);
    userRef.set(email, `data.pagerduty_user.${name}.id`);
    items.push(block('data', ['pagerduty_user', name], [attr('email', str(email))]));
  }

  const policyRef = new Map<string, string>();
  for (const policy of desired.policies) {
    const name = names.take('pagerduty_escalation_policy', policy.team);
    policyRef.set(policy.team, `pagerduty_escalation_policy.${name}.id`);
    const rules = policy.levels.flatMap((level): Item[] => [
      blank,
      block(
        'rule',
        [],
        [
          attr('escalation_delay_in_minutes', num(level.delayMinutes)),
          ...level.targets.map((target) =>
            block(
              'target',
              [],
              [
                attr('type', str(target.kind === 'schedule' ? 'schedule_reference' : 'user_reference')),
                attr(
                  'id',
                  expr(target.kind === 'schedule' ? scheduleRef.get(target.name)! : userRef.get(target.email)!)
                ),
              ]
            )
          ),
        ]
      ),
    ]);
    items.push(
      block(
        'resource',
        ['pagerduty_escalation_policy', name],
        [
          attr('name', str(policy.name)),
          attr('description', str(policy.description)),
          attr('num_loops', num(policy.numLoops)),
          ...rules,
        ]
      )
    );
  }

  const serviceRef = new Map<string, string>();
  for (const service of desired.services) {
    const name = names.take('pagerduty_service', service.name);
    serviceRef.set(service.name, `pagerduty_service.${name}.id`);
    items.push(
      block(
        'resource',
        ['pagerduty_service', name],
        [
          attr('name', str(service.name)),
          attr('description', str(service.description)),
          attr('escalation_policy', expr(policyRef.get(service.team)!)),
        ]
      )
    );
    if (service.pagerdutyServiceId !== undefined) {
      items.push(
        block(
          'import',
          [],
          [attr('to', expr(`pagerduty_service.${name}`)), attr('id', str(service.pagerdutyServiceId))]
        )
      );
    }
  }

  const webhook = desired.webhook;
  if (webhook) {
    items.push(
      attachedComment(
        'The webhook v3 subscription that sends incident events to the gateway. PagerDuty shows its signing secret',
        'only in the answer to its creation, and the provider keeps no signing secret: a subscription created by',
        'Terraform cannot be verified by the gateway (OPSDECK_PAGERDUTY_WEBHOOK_SECRET). Let',
        '`npm run pagerduty -- apply` create it instead (it prints the secret once) and leave these resources out,',
        'or import the subscription it created: terraform import pagerduty_webhook_subscription.<name> <id>.'
      )
    );
    const wanted =
      webhook.filter === 'account'
        ? [{ label: 'opsdeck', filter: [attr('type', str('account_reference'))] }]
        : desired.services.map((s) => ({
            label: `opsdeck_${s.name}`,
            filter: [attr('type', str('service_reference')), attr('id', expr(serviceRef.get(s.name)!))],
          }));
    for (const want of wanted) {
      const name = names.take('pagerduty_webhook_subscription', want.label);
      items.push(
        block(
          'resource',
          ['pagerduty_webhook_subscription', name],
          [
            attr('type', str('webhook_subscription')),
            attr('description', str(webhook.description)),
            attr('active', bool(webhook.active)),
            attr('events', { kind: 'list', items: webhook.events.map(str) }),
            blank,
            block('delivery_method', [], [attr('type', str('http_delivery_method')), attr('url', str(webhook.url))]),
            blank,
            block('filter', [], want.filter),
          ]
        )
      );
    }
  }

  const out: string[] = [];
  items.forEach((item, index) => {
    const previous = items[index - 1];
    if (previous && !(previous.kind === 'comment' && previous.attached)) out.push('');
    out.push(...renderItems([item], ''));
  });
  return `${out.join('\n')}\n`;
}

function isSchedule(t: DesiredTarget): t is DesiredTarget & { kind: 'schedule'; name: string } {
  return t.kind === 'schedule';
}

function isUser(t: DesiredTarget): t is DesiredTarget & { kind: 'user'; email: string } {
  return t.kind === 'user';
}

/** Items at one indentation: runs of one-line attributes have their `=` aligned, as `terraform fmt` does. */
function renderItems(items: Item[], indent: string): string[] {
  const lines: string[] = [];
  let run: Array<{ name: string; value: string }> = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => a.name.length));
    for (const a of run) lines.push(`${indent}${a.name.padEnd(width)} = ${a.value}`);
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'attr') {
      const value = renderValue(item.value, indent);
      if (value.includes('\n')) {
        flush();
        lines.push(`${indent}${item.name} = ${value}`);
      } else {
        run.push({ name: item.name, value });
      }
      continue;
    }
    flush();
    if (item.kind === 'blank') lines.push('');
    else if (item.kind === 'comment') lines.push(...item.lines.map((l) => (l ? `${indent}# ${l}` : `${indent}#`)));
    else {
      const head = [item.type, ...item.labels.map((l) => JSON.stringify(l))].join(' ');
      lines.push(`${indent}${head} {`, ...renderItems(item.body, `${indent}  `), `${indent}}`);
    }
  }
  flush();
  return lines;
}

function renderValue(value: Value, indent: string): string {
  switch (value.kind) {
    case 'string':
      return hclString(value.value);
    case 'number':
      return String(value.value);
    case 'bool':
      return String(value.value);
    case 'expr':
      return value.value.replace(/\n/g, `\n${indent}`);
    case 'list':
      if (value.items.length === 0) return '[]';
      return `[\n${value.items.map((v) => `${indent}  ${renderValue(v, `${indent}  `)},`).join('\n')}\n${indent}]`;
  }
}

/** A quoted HCL string: JSON-like escapes, and `${` / `%{` doubled so nothing is read as a template. */
export function hclString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

/** Terraform names per resource type: letters, digits and underscores, unique, stable in input order. */
class Names {
  private readonly taken = new Map<string, Set<string>>();

  take(type: string, wanted: string): string {
    const used = this.taken.get(type) ?? new Set<string>();
    this.taken.set(type, used);
    let base = wanted
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (!/^[a-z_]/.test(base)) base = `r_${base}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  }
}
