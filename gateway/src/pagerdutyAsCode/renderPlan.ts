/**
 * The plan as text, for people: `+ create`, `~ update` with each field as `old → new`, `= unchanged` per kind of
 * resource, then the notes and one summary line. Errors come first and say that nothing will be changed.
 */
import type { Change, Plan, ResourceKind } from './model';

const KIND_ORDER: ResourceKind[] = ['escalation_policy', 'service', 'webhook_subscription'];
const PLURAL: Record<ResourceKind, [string, string]> = {
  escalation_policy: ['escalation policy', 'escalation policies'],
  service: ['service', 'services'],
  webhook_subscription: ['webhook subscription', 'webhook subscriptions'],
};
/** Detail lines longer than this are wrapped at their commas. */
const WIDTH = 116;

export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  if (plan.errors.length > 0) {
    lines.push(
      `! ${plan.errors.length === 1 ? 'An error stops' : `${plan.errors.length} errors stop`} the plan; nothing will be changed:`
    );
    for (const error of plan.errors) lines.push(`    ${error}`);
    for (const note of plan.notes) lines.push(`  note: ${note}`);
    return `${lines.join('\n')}\n`;
  }
  for (const change of plan.changes) lines.push(...renderChange(change));
  const kinds = KIND_ORDER.map((kind) => ({ kind, same: plan.unchanged.filter((u) => u.resource === kind) })).filter(
    (k) => k.same.length > 0
  );
  if (kinds.length > 0) {
    const counts = kinds.map(({ kind, same }) => `${same.length} ${PLURAL[kind][same.length === 1 ? 0 : 1]}`);
    lines.push(`= unchanged: ${counts.join(', ')}`);
    for (const { kind, same } of kinds) {
      lines.push(
        ...wrap(
          `      ${kind} `,
          same.map((u) => `${u.label} ${u.id}`)
        )
      );
    }
  }
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  lines.push('');
  lines.push(summaryLine(plan));
  return `${lines.join('\n')}\n`;
}

export function summaryLine(plan: Plan): string {
  const creates = plan.changes.filter((c) => c.action === 'create').length;
  const updates = plan.changes.filter((c) => c.action === 'update').length;
  if (creates + updates === 0) {
    return `No changes: PagerDuty matches the catalog (${plan.unchanged.length} resources unchanged).`;
  }
  return `Plan: ${creates} to create, ${updates} to update, ${plan.unchanged.length} unchanged, 0 to delete.`;
}

export function changeTitle(change: Change): string {
  switch (change.resource) {
    case 'escalation_policy':
      return change.action === 'create'
        ? `escalation_policy "${change.body.name}" (team ${change.team})`
        : `escalation_policy "${change.body.name}" ${change.id}`;
    case 'service':
      return change.action === 'create' ? `service "${change.service}"` : `service "${change.service}" ${change.id}`;
    case 'webhook_subscription':
      return change.action === 'create'
        ? `webhook_subscription ${change.body.url}${change.service === undefined ? '' : ` (service "${change.service}")`}`
        : `webhook_subscription ${change.url} ${change.id}`;
  }
}

function renderChange(change: Change): string[] {
  if (change.action === 'create') {
    return [`+ create ${changeTitle(change)}`, ...change.summary.flatMap((line) => wrapLine(`      ${line}`))];
  }
  return [
    `~ update ${changeTitle(change)}`,
    ...change.fields.flatMap((field) => wrapLine(`      ${field.field}: ${field.from} → ${field.to}`)),
  ];
}

/** `prefix` then the items, comma-separated, continued on lines indented two more than the prefix. */
function wrap(prefix: string, items: string[]): string[] {
  const indent = ' '.repeat(prefix.length - prefix.trimStart().length + 2);
  const lines: string[] = [];
  let line = prefix;
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item},` : item;
    if (line.trim() !== prefix.trim() && line.length + 1 + piece.length > WIDTH) {
      lines.push(line);
      line = `${indent}${piece}`;
    } else {
      line = line === prefix ? `${prefix}${piece}` : `${line} ${piece}`;
    }
  });
  lines.push(line);
  return lines;
}

/** A long detail line (a list of events) wrapped at its commas; a short one as it is. */
function wrapLine(line: string): string[] {
  if (line.length <= WIDTH) return [line];
  const colon = line.indexOf(': ');
  if (colon < 0) return [line];
  return wrap(line.slice(0, colon + 2), line.slice(colon + 2).split(', '));
}
