/**
 * Actions on PagerDuty incidents through REST v2, each as the acting user: the `From` header is the user's email
 * from the configured per-user map, else the service email (OPSDECK_PAGERDUTY_FROM_EMAIL). Reassign and severity
 * are the same PUT /incidents/{id}: an assignment to a PagerDuty user, and the urgency (PagerDuty has high and low
 * only, PAGERDUTY_URGENCY). Account priorities are not set: their names and order are each account's own.
 */
import { PAGERDUTY_URGENCY, type ActionKind } from '@opsdeck/contract';
import type { PagerDutyClient } from './client';
import {
  ActionNotSupportedError,
  type ActionActor,
  type ActionSpec,
  type HeldChangeSpec,
  type IncidentProvider,
  type UpstreamOutcome,
  type UpstreamTarget,
} from '../../upstream/incidentActions';

export interface PagerDutyProviderOptions {
  client: PagerDutyClient;
  /** Service email used when the Grafana user has no entry in `fromByUser`. */
  fromEmail?: string;
  fromByUser: Record<string, string>;
}

export class PagerDutyProvider implements IncidentProvider {
  readonly name = 'pagerduty' as const;

  constructor(private readonly options: PagerDutyProviderOptions) {}

  unsupported(_action: ActionKind): string | undefined {
    return undefined;
  }

  fromFor(user: string): string {
    const from = this.options.fromByUser[user] ?? this.options.fromEmail;
    if (!from) {
      throw new ActionNotSupportedError(
        `no PagerDuty user for ${user}: set OPSDECK_PAGERDUTY_FROM_EMAIL or map the user in OPSDECK_PAGERDUTY_FROM_BY_USER`
      );
    }
    return from;
  }

  async apply(target: UpstreamTarget, spec: ActionSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    const { client } = this.options;
    const from = this.fromFor(actor.user);
    const id = target.externalId;
    switch (spec.action) {
      case 'acknowledge':
      case 'resolve': {
        const status = spec.action === 'acknowledge' ? 'acknowledged' : 'resolved';
        const incident = await client.updateIncident(id, { status }, from);
        return { provider: this.name, upstreamRef: incident.id, message: `PagerDuty incident ${status} as ${from}` };
      }
      case 'snooze': {
        const seconds = Math.ceil((spec.until - actor.now) / 1000);
        // PagerDuty snoozes only acknowledged incidents.
        const current = await client.getIncident(id);
        if (current.status === 'triggered') await client.updateIncident(id, { status: 'acknowledged' }, from);
        await client.snoozeIncident(id, seconds, from);
        return { provider: this.name, upstreamRef: id, message: `PagerDuty incident snoozed for ${seconds} s` };
      }
      case 'escalate': {
        // REST v2 incidents do not expose their current level; without one asked for, go to the second.
        const level = spec.level ?? 2;
        await client.updateIncident(id, { escalation_level: level }, from);
        return { provider: this.name, upstreamRef: id, message: `escalated to level ${level}` };
      }
      case 'note': {
        const note = await client.addNote(id, spec.text, from);
        return { provider: this.name, upstreamRef: note.id, message: 'note added on PagerDuty' };
      }
    }
  }

  async change(target: UpstreamTarget, spec: HeldChangeSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    const { client } = this.options;
    const from = this.fromFor(actor.user);
    const id = target.externalId;
    let message: string;
    if (spec.action === 'reassign') {
      const incident = await client.updateIncident(
        id,
        { assignments: [{ assignee: { id: spec.assignee, type: 'user_reference' } }] },
        from
      );
      const assignee = incident.assignments?.find((a) => a.assignee.id === spec.assignee)?.assignee;
      message = assignee?.summary ? `${assignee.summary} (${assignee.id})` : spec.assignee;
    } else {
      const urgency = PAGERDUTY_URGENCY[spec.severity];
      await client.updateIncident(id, { urgency }, from);
      message = `urgency set to ${urgency}`;
    }
    if (!spec.reason) return { provider: this.name, upstreamRef: id, message };
    // The change is made; the reason only rides along as a note, so its failure is said, not thrown.
    const noted = await client.addNote(id, spec.reason, from).then(
      () => '',
      (error: unknown) => `; the reason was not added as a note (${(error as Error).message})`
    );
    return { provider: this.name, upstreamRef: id, message: `${message}${noted}` };
  }
}

/** `alice=alice@example.com, bob=bob@example.com` → { alice: 'alice@example.com', … } (validated by the settings). */
export function parseFromByUser(value: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const [user, email] = pair.split('=').map((s) => s.trim());
    if (user && email) map[user] = email;
  }
  return map;
}
