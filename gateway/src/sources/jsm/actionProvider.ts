/**
 * Actions on JSM Operations alerts. Each request is followed until JSM says whether it was applied; where the API
 * declares no body (acknowledge, close) or only an id (escalate), a comment or reason is added as a note afterwards
 * rather than sent in fields the API does not declare (research/jsm-ops.md §3, §7). Reassign sends the Atlassian
 * accountId (what GET /api/oncall lists for JSM); severity PATCHes the priority (VENDOR_PRIORITY: critical P1,
 * warning P3, info P5) with the body `{priority}`, the Opsgenie one (jsm-ops.md names the endpoint, not its body).
 * Neither declares a note, so a reason follows as a note too.
 */
import { VENDOR_PRIORITY, type ActionKind } from '@opsdeck/contract';
import { requestFailed, type RequestOutcome } from '../rest/asyncRequest';
import {
  ActionNotSupportedError,
  type ActionSpec,
  type HeldChangeSpec,
  type IncidentProvider,
  type UpstreamOutcome,
  type UpstreamTarget,
} from '../../upstream/incidentActions';
import type { JsmAction, JsmClient } from './client';

const VENDOR = 'JSM Operations';

/**
 * JSM's documented request-status sample reads `"isSuccess": true, "status": "Alert does not exist"`: a success
 * flag alone does not mean the action was applied, so the status text is read too.
 */
const FAILED_STATUS = /does not exist|not found|failed|not authori[sz]ed|forbidden/i;

export function jsmApplied(outcome: RequestOutcome): boolean {
  return outcome.isSuccess && !FAILED_STATUS.test(outcome.status);
}

export class JsmProvider implements IncidentProvider {
  readonly name = 'jsm' as const;

  constructor(private readonly client: JsmClient) {}

  unsupported(_action: ActionKind): string | undefined {
    return undefined;
  }

  async apply(target: UpstreamTarget, spec: ActionSpec): Promise<UpstreamOutcome> {
    const [action, body, note] = request(spec);
    const outcome = await this.act(target.externalId, action, body);
    return this.noted(target, outcome.requestId, outcome.status, note);
  }

  async change(target: UpstreamTarget, spec: HeldChangeSpec): Promise<UpstreamOutcome> {
    if (spec.action === 'reassign') {
      const outcome = await this.act(target.externalId, 'assign', { accountId: spec.assignee });
      return this.noted(target, outcome.requestId, spec.assignee, spec.reason);
    }
    const priority = VENDOR_PRIORITY[spec.severity];
    const outcome = await this.act(target.externalId, 'priority', { priority });
    return this.noted(target, outcome.requestId, `priority set to ${priority}`, spec.reason);
  }

  /** The outcome, after adding the note that carries the action's comment or reason, if any. */
  private async noted(
    target: UpstreamTarget,
    upstreamRef: string,
    message: string,
    note: string | undefined
  ): Promise<UpstreamOutcome> {
    if (!note) return { provider: this.name, upstreamRef, message };
    // The action is applied; the note only carries its comment, so its failure is said, not thrown.
    const noted = await this.act(target.externalId, 'notes', { note }).then(
      () => '',
      (error: unknown) => `; the note was not added (${(error as Error).message})`
    );
    return { provider: this.name, upstreamRef, message: `${message}${noted}` };
  }

  private async act(alertId: string, action: JsmAction, body?: Record<string, unknown>): Promise<RequestOutcome> {
    const outcome = await this.client.act(alertId, action, body);
    if (!jsmApplied(outcome)) throw requestFailed(VENDOR, outcome);
    return outcome;
  }
}

/** The action's path segment, its body as the API declares it, and a note to add after it. */
function request(spec: ActionSpec): [JsmAction, Record<string, unknown> | undefined, string | undefined] {
  switch (spec.action) {
    case 'acknowledge':
      return ['acknowledge', undefined, spec.comment];
    case 'resolve':
      return ['close', undefined, spec.comment];
    case 'snooze':
      return ['snooze', { endTime: new Date(spec.until).toISOString() }, undefined];
    case 'escalate':
      if (!spec.escalation) {
        throw new ActionNotSupportedError('JSM Operations needs the id of the escalation to escalate to');
      }
      return ['escalate', { escalationId: spec.escalation }, spec.reason];
    case 'note':
      return ['notes', { note: spec.text }, undefined];
  }
}
