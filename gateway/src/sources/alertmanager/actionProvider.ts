/**
 * Actions on Alertmanager alerts, which have no incident API of their own: ack held by Opsdeck, snooze = a silence on
 * the alert's exact labels, resolve = the alert posted back with endsAt now.
 */
import type { ActionKind } from '@opsdeck/contract';
import type {
  ActionActor,
  ActionSpec,
  HeldAcks,
  IncidentProvider,
  UpstreamOutcome,
  UpstreamTarget,
} from '../../upstream/incidentActions';
import type { AlertmanagerClient } from './client';

export class AlertmanagerProvider implements IncidentProvider {
  readonly name = 'alertmanager' as const;

  constructor(
    private readonly client: AlertmanagerClient | undefined,
    private readonly acks: HeldAcks
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
