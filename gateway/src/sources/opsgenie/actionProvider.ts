/** Actions on Opsgenie alerts: each request is followed until Opsgenie says whether it was applied. */
import type { ActionKind } from '@opsdeck/contract';
import type { OpsgenieAction, OpsgenieClient } from './client';
import { requestFailed } from '../rest/asyncRequest';
import {
  ActionNotSupportedError,
  type ActionActor,
  type ActionSpec,
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
    const outcome = await this.client.act(target.externalId, action, body);
    if (!outcome.isSuccess) throw requestFailed('Opsgenie', outcome);
    return { provider: this.name, upstreamRef: outcome.requestId, message: outcome.status };
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
