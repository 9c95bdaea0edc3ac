/**
 * Actions on Opsgenie alerts: each request is followed until Opsgenie says whether it was applied. Reassign makes
 * an Opsgenie user the alert's owner (by username, the email GET /api/oncall lists, else by user id); severity sets
 * the priority (VENDOR_PRIORITY: critical P1, warning P3, info P5), a PUT that takes no note, so a reason follows
 * as a note of its own.
 */
import { VENDOR_PRIORITY, type ActionKind } from '@opsdeck/contract';
import type { OpsgenieAction, OpsgenieClient } from './client';
import { requestFailed } from '../rest/asyncRequest';
import {
  ActionNotSupportedError,
  type ActionActor,
  type ActionSpec,
  type HeldChangeSpec,
  type IncidentProvider,
  type UpstreamOutcome,
  type UpstreamTarget,
} from '../../upstream/incidentActions';

export class OpsgenieProvider implements IncidentProvider {
  readonly name = 'opsgenie' as const;

  constructor(private readonly client: OpsgenieClient) {}

  unsupported(_action: ActionKind): string | undefined {
    return undefined;
  }

  async apply(target: UpstreamTarget, spec: ActionSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    const [action, body] = this.request(spec, actor);
    const outcome = await this.act(target.externalId, action, body);
    return { provider: this.name, upstreamRef: outcome.requestId, message: outcome.status };
  }

  async change(target: UpstreamTarget, spec: HeldChangeSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    const common = { user: actor.user, source: 'Opsdeck' };
    const id = target.externalId;
    if (spec.action === 'reassign') {
      // Opsgenie usernames are email addresses; anything else is taken for a user id.
      const owner = spec.assignee.includes('@') ? { username: spec.assignee } : { id: spec.assignee };
      const body = { ...common, owner, ...(spec.reason ? { note: spec.reason } : {}) };
      const outcome = await this.act(id, 'assign', body);
      return { provider: this.name, upstreamRef: outcome.requestId, message: spec.assignee };
    }
    const priority = VENDOR_PRIORITY[spec.severity];
    const outcome = await this.act(id, 'priority', { priority });
    const message = `priority set to ${priority}`;
    if (!spec.reason) return { provider: this.name, upstreamRef: outcome.requestId, message };
    // The priority is set; the note only carries the reason, so its failure is said, not thrown.
    const noted = await this.act(id, 'notes', { ...common, note: spec.reason }).then(
      () => '',
      (error: unknown) => `; the reason was not added as a note (${(error as Error).message})`
    );
    return { provider: this.name, upstreamRef: outcome.requestId, message: `${message}${noted}` };
  }

  private async act(alertId: string, action: OpsgenieAction, body: Record<string, unknown>) {
    const outcome = await this.client.act(alertId, action, body);
    if (!outcome.isSuccess) throw requestFailed('Opsgenie', outcome);
    return outcome;
  }

  private request(spec: ActionSpec, actor: ActionActor): [OpsgenieAction, Record<string, unknown>] {
    const common = { user: actor.user, source: 'Opsdeck' };
    switch (spec.action) {
      case 'acknowledge':
        return ['acknowledge', { ...common, ...(spec.comment ? { note: spec.comment } : {}) }];
      case 'resolve':
        return ['close', { ...common, ...(spec.comment ? { note: spec.comment } : {}) }];
      case 'snooze':
        return ['snooze', { ...common, endTime: new Date(spec.until).toISOString() }];
      case 'escalate':
        if (!spec.escalation)
          throw new ActionNotSupportedError('Opsgenie needs the name of the escalation to escalate to');
        return [
          'escalate',
          { ...common, escalation: { name: spec.escalation }, ...(spec.reason ? { note: spec.reason } : {}) },
        ];
      case 'note':
        return ['notes', { ...common, note: spec.text }];
    }
  }
}
