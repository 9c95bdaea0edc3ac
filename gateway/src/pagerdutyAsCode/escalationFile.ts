/**
 * escalation.yaml, the file beside the service catalog that says how each team is paged: per team an escalation
 * policy (levels with their delay and targets, schedules by name or users by email), and the webhook v3
 * subscription that sends PagerDuty's incident events to the gateway. Validated with zod like the catalog; an error
 * names the file and the key. With the catalog it becomes the desired state of PagerDuty (`DesiredState`).
 */
import path from 'node:path';
import { z } from 'zod';
import { CatalogError, displayPath, readYamlFile, type Catalog } from '../catalog';
import type { DesiredPolicy, DesiredService, DesiredState, DesiredTarget, DesiredWebhook } from './model';

/** The path of the PagerDuty webhook route on the gateway (gateway/src/alerts/webhookRoutes.ts). */
export const PAGERDUTY_WEBHOOK_PATH = '/webhooks/pagerduty';

/** Every incident event of webhooks v3: the gateway keeps each as a timeline entry of the incident. */
export const DEFAULT_WEBHOOK_EVENTS = [
  'incident.acknowledged',
  'incident.annotated',
  'incident.delegated',
  'incident.escalated',
  'incident.priority_updated',
  'incident.reassigned',
  'incident.reopened',
  'incident.resolved',
  'incident.responder.added',
  'incident.responder.replied',
  'incident.status_update_published',
  'incident.triggered',
  'incident.unacknowledged',
] as const;

export const DEFAULT_WEBHOOK_DESCRIPTION = 'Opsdeck gateway';

/** A zod error message that says "required" when the key is missing and `message` when its value is wrong. */
const need = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : message);

const text = z
  .string({ error: need('expected a non-empty string') })
  .trim()
  .min(1, { error: 'expected a non-empty string' });

const targetSchema = z
  .strictObject({
    schedule: text.optional(),
    user: z.email({ error: 'expected the email of a PagerDuty user' }).optional(),
  })
  .superRefine((target, ctx) => {
    if ((target.schedule === undefined) === (target.user === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of schedule (a name) or user (an email)' });
    }
  });

const levelSchema = z.strictObject({
  delayMinutes: z
    .number({ error: need('expected whole minutes before the incident escalates to the next level') })
    .int({ error: 'expected whole minutes before the incident escalates to the next level' })
    .min(1, { error: 'expected at least 1 minute' }),
  targets: z
    .array(targetSchema, { error: need('expected a list of targets') })
    .min(1, { error: 'expected at least one target' })
    .max(10, { error: 'PagerDuty takes at most 10 targets per level' }),
});

const policySchema = z.strictObject({
  team: text,
  name: text.optional(),
  description: text.optional(),
  numLoops: z
    .number({ error: 'expected how many times the policy repeats, 0 to 9' })
    .int({ error: 'expected how many times the policy repeats, 0 to 9' })
    .min(0, { error: 'expected how many times the policy repeats, 0 to 9' })
    .max(9, { error: 'expected how many times the policy repeats, 0 to 9' })
    .default(0),
  services: z.array(text, { error: 'expected a list of catalog service names' }).min(1).optional(),
  levels: z
    .array(levelSchema, { error: need('expected a list of levels') })
    .min(1, { error: 'expected at least one level' }),
});

const eventName = z
  .string()
  .regex(/^[a-z]+(\.[a-z_]+)+$/, { error: 'expected an event type such as incident.triggered' });

const webhookSchema = z.strictObject({
  gatewayUrl: z.url({ protocol: /^https?$/, error: need('expected the http(s) URL PagerDuty reaches the gateway at') }),
  description: text.optional(),
  events: z
    .array(eventName, { error: 'expected a list of event types' })
    .min(1, { error: 'expected at least one event type' })
    .refine((events) => new Set(events).size === events.length, { error: 'an event type is listed twice' })
    .optional(),
  filter: z.enum(['account', 'services'], { error: 'expected account or services' }).default('account'),
  active: z.boolean({ error: 'expected true or false' }).default(true),
});

const fileSchema = z.strictObject({
  escalation: z
    .array(policySchema, { error: need('expected a list of escalation policies, one per team') })
    .min(1, { error: 'expected at least one escalation policy' }),
  webhook: webhookSchema.optional(),
});

/** The file next to the catalog that is read when none is named. */
export function defaultEscalationFile(catalogFile: string): string {
  return path.join(path.dirname(catalogFile), 'escalation.yaml');
}

/** Reads escalation.yaml and joins it with the catalog. Throws CatalogError naming the file and the key. */
export function loadDesiredState(file: string, catalog: Pick<Catalog, 'services' | 'file'>): DesiredState {
  const shown = displayPath(file);
  return desiredState(readYamlFile(file, shown, 'escalation file'), shown, catalog);
}

/** Validates a parsed escalation document against the catalog; `file` is only used in messages. */
export function desiredState(
  document: unknown,
  file: string,
  catalog: Pick<Catalog, 'services' | 'file'>
): DesiredState {
  const result = fileSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CatalogError(file, fieldPath(issue), issueDetail(issue));
  }
  const catalogFile = displayPath(catalog.file);
  const teams = new Set(catalog.services.map((s) => s.team));
  const policies: DesiredPolicy[] = [];
  const services: DesiredService[] = [];
  result.data.escalation.forEach((entry, index) => {
    const at = `escalation[${index}]`;
    if (!teams.has(entry.team)) {
      throw new CatalogError(file, `${at}.team`, `no catalog service belongs to a team named "${entry.team}"`);
    }
    const name = entry.name ?? `${entry.team} on-call`;
    const earlier = policies.find((p) => p.team === entry.team || p.name.toLowerCase() === name.toLowerCase());
    if (earlier) {
      const what = earlier.team === entry.team ? `team "${entry.team}" has` : `the name "${name}" is taken by`;
      throw new CatalogError(
        file,
        `${at}.${earlier.team === entry.team ? 'team' : 'name'}`,
        `${what} ${earlier.origin.field} already`
      );
    }
    const teamServices = catalog.services.filter((s) => s.team === entry.team).map((s) => s.name);
    (entry.services ?? []).forEach((service, position) => {
      if (!teamServices.includes(service)) {
        throw new CatalogError(
          file,
          `${at}.services[${position}]`,
          `no service named "${service}" in team ${entry.team} of the catalog`
        );
      }
    });
    const covered = entry.services ?? teamServices;
    policies.push({
      team: entry.team,
      name,
      description: entry.description ?? `Escalation of team ${entry.team}, managed by Opsdeck (escalation.yaml)`,
      numLoops: entry.numLoops,
      origin: { file, field: at },
      levels: entry.levels.map((level, levelIndex) => ({
        delayMinutes: level.delayMinutes,
        targets: level.targets.map((target, targetIndex): DesiredTarget => {
          const field = `${at}.levels[${levelIndex}].targets[${targetIndex}]`;
          return target.schedule !== undefined
            ? { kind: 'schedule', name: target.schedule, origin: { file, field: `${field}.schedule` } }
            : { kind: 'user', email: target.user!.toLowerCase(), origin: { file, field: `${field}.user` } };
        }),
      })),
    });
    catalog.services.forEach((service, serviceIndex) => {
      if (service.team !== entry.team || !covered.includes(service.name)) return;
      services.push({
        name: service.name,
        team: service.team,
        pagerdutyServiceId: service.pagerdutyServiceId,
        description: service.description ?? service.displayName ?? service.name,
        origin: { file: catalogFile, field: `services[${serviceIndex}]` },
      });
    });
  });
  const managed = new Set(services.map((s) => s.name));
  const unmanaged = catalog.services.filter((s) => !managed.has(s.name)).map((s) => ({ name: s.name, team: s.team }));
  const hook = result.data.webhook;
  const webhook: DesiredWebhook | undefined = hook && {
    url: `${hook.gatewayUrl.replace(/\/+$/, '')}${PAGERDUTY_WEBHOOK_PATH}`,
    description: hook.description ?? DEFAULT_WEBHOOK_DESCRIPTION,
    events: hook.events ?? [...DEFAULT_WEBHOOK_EVENTS],
    active: hook.active,
    filter: hook.filter,
    origin: { file, field: 'webhook' },
  };
  return { policies, services, webhook, unmanaged };
}

function fieldPath(issue: z.core.$ZodIssue): string {
  const segments = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  return segments
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

function issueDetail(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return 'unknown field';
  if (issue.path.length === 0) return 'expected a mapping with an "escalation" list';
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) return `expected ${issue.expected}`;
  return issue.message;
}
