/**
 * Providers for sources with no incident API of their own. Alertmanager: ack held by Opsdeck, snooze = a silence on
 * the alert's exact labels, resolve = the alert posted back with endsAt now. Opsdeck-only (Grafana, SNS, or a team
 * with no incident tool): ack held by Opsdeck, notes on the timeline.
 */
import type { ActionKind } from '@opsdeck/contract';
import type { AlertmanagerClient } from '../../sources/alertmanager/client';
import type { AckRegistry } from './acks';
import type { ActionActor, ActionSpec, IncidentProvider, UpstreamOutcome, UpstreamTarget } from './types';

export class AlertmanagerProvider implements IncidentProvider {
  readonly name = 'alertmanager' as const;

  constructor(
    private readonly client: AlertmanagerClient | undefined,
    private readonly acks: AckRegistry
  ) {}

  unsupported(action: ActionKind): string | undefined {
    if (action === 'escalate') return 'Alertmanager has no escalation; route by severity in alertmanager.yml instead';
    if ((action === 'snooze' || action === 'resolve') && !this.client) {
      return `cannot ${action} an Alertmanager alert: OPSDECK_ALERTMANAGER_URL is not set`;
    }
    return undefined;
  }

  async apply(target: UpstreamTarget, spec: ActionSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    switch (spec.action) {
      case 'acknowledge':
        await this.acks.hold(target.id, { user: actor.user, at: actor.now });
        return { provider: 'opsdeck', message: 'acknowledged in Opsdeck (Alertmanager has no acknowledge)' };
      case 'snooze': {
        const silenceId = await this.client!.createSilence({
          matchers: Object.entries(target.labels).map(([name, value]) => ({ name, value, isRegex: false })),
          startsAt: actor.now,
          endsAt: spec.until,
          createdBy: actor.user,
          comment: `Snoozed from Opsdeck: ${target.summary}`,
        });
        return {
          provider: this.name,
          upstreamRef: silenceId,
          message: `silenced until ${new Date(spec.until).toISOString()}`,
        };
      }
      case 'resolve':
        await this.client!.resolveAlert(target.labels, actor.now);
        await this.acks.release(target.id);
        return { provider: this.name, message: 'resolved in Alertmanager' };
      case 'note':
        return { provider: 'opsdeck', message: 'note kept in Opsdeck' };
      case 'escalate':
        throw new Error('unreachable: escalate is unsupported');
    }
  }
}

export class OpsdeckOnlyProvider implements IncidentProvider {
  readonly name = 'opsdeck' as const;

  constructor(
    private readonly acks: AckRegistry,
    /** Why actions that need an upstream cannot be done (names the missing setting). */
    private readonly why: string
  ) {}

  unsupported(action: ActionKind): string | undefined {
    return action === 'acknowledge' || action === 'note' ? undefined : `cannot ${action}: ${this.why}`;
  }

  async apply(target: UpstreamTarget, spec: ActionSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    if (spec.action === 'acknowledge') {
      await this.acks.hold(target.id, { user: actor.user, at: actor.now });
      return { provider: this.name, message: 'acknowledged in Opsdeck' };
    }
    return { provider: this.name, message: 'note kept in Opsdeck' };
  }
}
