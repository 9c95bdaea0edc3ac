/**
 * Actions on the demo fleet's alerts (source `alertmanager`, label demo="true"), so a new user can work the whole
 * loop with no upstream: acknowledge held by Opsdeck as for any Alertmanager alert, snooze and resolve at the
 * embedded Alertmanager stand-in, escalate and reassign on the demo on-call roster, severity held by Opsdeck. Any
 * other Alertmanager alert goes to the real provider, which may refuse (e.g. without OPSDECK_ALERTMANAGER_URL).
 */
import type { ActionKind, EscalationPolicyOnCall } from '@opsdeck/contract';
import {
  ActionInputError,
  ActionNotSupportedError,
  type ActionActor,
  type ActionSpec,
  type HeldAcks,
  type HeldChangeSpec,
  type IncidentProvider,
  type UpstreamOutcome,
  type UpstreamTarget,
} from '../../upstream/incidentActions';
import type { AlertmanagerStandIn } from './alertmanagerStandIn';
import { escalationStep, rosterPeople } from './demoEscalation';
import type { DemoHolds } from './demoHolds';
import { exactMatchers } from './silences';

export interface DemoActionDeps {
  standIn: AlertmanagerStandIn;
  holds: DemoHolds;
  acks: HeldAcks;
  /** The demo on-call policies at a time (what GET /api/oncall shows). */
  roster: (now: number) => EscalationPolicyOnCall[];
  /** Who acts on Alertmanager alerts that are not the demo's. */
  real: IncidentProvider;
}

export class DemoActionProvider implements IncidentProvider {
  readonly name = 'alertmanager' as const;

  constructor(private readonly deps: DemoActionDeps) {}

  /** Decided per target in apply: demo alerts support everything, others what the real provider does. */
  unsupported(_action: ActionKind): undefined {
    return undefined;
  }

  async apply(target: UpstreamTarget, spec: ActionSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    if (!isDemo(target)) {
      const why = this.deps.real.unsupported(spec.action);
      if (why) throw new ActionNotSupportedError(why);
      return this.deps.real.apply(target, spec, actor);
    }
    const { standIn, holds, acks } = this.deps;
    const key = keyOf(target);
    switch (spec.action) {
      case 'acknowledge':
        for (const id of target.alertIds) await acks.hold(id, { user: actor.user, at: actor.now });
        return {
          provider: 'opsdeck',
          message: 'acknowledged in Opsdeck (Alertmanager has no acknowledge)',
          alertStatus: 'acknowledged',
        };
      case 'snooze': {
        const silenceId = standIn.createSilence({
          matchers: exactMatchers(target.labels),
          startsAt: actor.now,
          endsAt: spec.until,
          createdBy: actor.user,
          comment: `Snoozed from Opsdeck: ${target.summary}`,
        });
        standIn.muteNow(target.alertIds, silenceId);
        // The silence replaces the ack: when it expires the alert fires again, unacknowledged.
        for (const id of target.alertIds) await acks.release(id);
        return {
          provider: this.name,
          upstreamRef: silenceId,
          message: `silenced until ${new Date(spec.until).toISOString()} in the demo Alertmanager`,
          alertStatus: 'suppressed',
        };
      }
      case 'resolve':
        standIn.resolve(target.alertIds, actor.now);
        for (const id of target.alertIds) await acks.release(id);
        holds.escalations.delete(key);
        return {
          provider: this.name,
          message: 'resolved in the demo Alertmanager; it fires again if its condition still holds',
          alertStatus: 'resolved',
        };
      case 'escalate': {
        const step = escalationStep(
          this.deps.roster(actor.now),
          target.labels.service,
          holds.escalations.get(key),
          spec
        );
        holds.escalations.set(key, { policyId: step.policyId, level: step.level });
        const who = step.people.map((p) => p.name).join(', ') || 'nobody on call';
        return {
          provider: 'opsdeck',
          upstreamRef: `${step.policyId}#${step.level}`,
          message: `escalated to level ${step.level} of ${step.policyName}: ${who}`,
          escalatedTo: { policy: step.policyName, level: step.level, by: 'demo' },
        };
      }
      case 'note':
        return { provider: 'opsdeck', message: 'note kept in Opsdeck' };
    }
  }

  async change(target: UpstreamTarget, spec: HeldChangeSpec, actor: ActionActor): Promise<UpstreamOutcome> {
    if (!isDemo(target)) throw new ActionNotSupportedError(`${spec.action} is not supported by alertmanager`);
    const key = keyOf(target);
    if (spec.action === 'severity') {
      this.deps.holds.severities.set(key, spec.severity);
      return { provider: 'opsdeck', message: `severity set to ${spec.severity}` };
    }
    const people = rosterPeople(this.deps.roster(actor.now));
    const person = people.find((p) => p.id === spec.assignee);
    if (!person) {
      throw new ActionInputError(`assignee: no ${spec.assignee} on the demo on-call roster (see GET /api/oncall)`);
    }
    this.deps.holds.assignees.set(key, person);
    return { provider: 'opsdeck', upstreamRef: person.id, message: `${person.name} (${person.id})` };
  }
}

function isDemo(target: UpstreamTarget): boolean {
  return target.labels.demo === 'true';
}

/** One demo incident has one alert: held state is keyed by it, whether the alert or its incident was acted on. */
function keyOf(target: UpstreamTarget): string {
  return target.alertIds[0] ?? target.id;
}
