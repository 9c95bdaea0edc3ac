/**
 * Performs one action: find the target, apply it upstream FIRST, then record it. A target that is already resolved
 * (a webhook said so meanwhile) is answered 409 "already resolved at … by …" without calling the upstream; notes
 * are still taken (post-mortem notes land on closed incidents). A success is persisted through the
 * alert store (alert status and an incident timeline entry, which write the event-log rows pages listen to) and
 * audited as a success; an upstream failure is audited as a failure and answered 502, never shown as done.
 */
import { randomUUID } from 'node:crypto';
import type {
  ActionFailedResponse,
  ActionResult,
  ActionTargetKind,
  Alert,
  AlertSource,
  ApiError,
  IncidentStatus,
  IncidentSummary,
  TimelineEntry,
} from '@opsdeck/contract';
import type { AuditOutcome, Store } from '../../store';
import type { AlertStore } from '../alertStore';
import { incidentId as toIncidentId, type IncidentChange } from '../../upstream/alertIngest';
import { UpstreamError } from '../../sources/rest/jsonHttp';
import {
  ActionInputError,
  ActionNotSupportedError,
  isHeldChange,
  type AnyActionSpec,
  type IncidentProvider,
  type UpstreamOutcome,
  type UpstreamTarget,
} from '../../upstream/incidentActions';

export interface ProviderSet {
  forSource(source: AlertSource): IncidentProvider;
}

export interface ActionServiceDeps {
  alerts: Pick<AlertStore, 'getAlert' | 'getIncident' | 'persist'>;
  store: Pick<Store, 'appendAudit'>;
  providers: ProviderSet;
  clock: () => number;
}

export interface ActionAnswer {
  status: number;
  body: ActionResult | ActionFailedResponse | ApiError;
}

interface ResolvedTarget {
  upstream: UpstreamTarget;
  alert?: Alert;
  incident?: IncidentSummary;
  /** The alerts acted on: the alert itself, or the incident's alerts. */
  alerts: Alert[];
  /** Incidents whose timeline records the action. */
  incidents: IncidentSummary[];
  service?: string;
  /** What happened to it so far: the incident's timeline, or an alert's own history; absent = not read. */
  timeline?: TimelineEntry[];
}

const ALERT_STATUS_AFTER = { acknowledge: 'acknowledged', resolve: 'resolved' } as const;
const INCIDENT_STATUS_AFTER: Partial<Record<AnyActionSpec['action'], IncidentStatus>> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  escalate: 'triggered',
};

export class ActionService {
  constructor(private readonly deps: ActionServiceDeps) {}

  async perform(kind: ActionTargetKind, id: string, spec: AnyActionSpec, user: string): Promise<ActionAnswer> {
    const target = await this.resolve(kind, id);
    if (!target) return { status: 404, body: { error: `no ${kind} with id ${id}` } };
    const provider = this.deps.providers.forSource(target.upstream.source);
    const now = this.deps.clock();
    const base = { action: spec.action, target: kind, targetId: id, user, at: now };

    const refusal =
      unsupportedBy(provider, spec, target) ?? (spec.action === 'note' ? undefined : await this.closed(target));
    if (refusal) return this.fail(base, provider.name, refusal, 409, 'denied', spec);
    try {
      const actor = { user, now };
      const outcome = isHeldChange(spec)
        ? await provider.change!(target.upstream, spec, actor)
        : await provider.apply(target.upstream, spec, actor);
      const stored = await this.record(kind, target, spec, user, now, outcome);
      const audit = await this.audit(base, 'success', { spec, ...outcome });
      const result: ActionResult = {
        ...base,
        outcome: 'done',
        provider: outcome.provider,
        upstreamRef: outcome.upstreamRef,
        message: outcome.message,
        auditId: audit.id,
        ...stored,
      };
      return { status: 200, body: result };
    } catch (error) {
      if (error instanceof ActionNotSupportedError)
        return this.fail(base, provider.name, error.message, 409, 'denied', spec);
      if (error instanceof ActionInputError) return this.fail(base, provider.name, error.message, 400, 'denied', spec);
      const message = error instanceof UpstreamError ? error.message : `${provider.name}: ${(error as Error).message}`;
      return this.fail(base, provider.name, message, 502, 'failure', spec);
    }
  }

  /** "already resolved at … by …" when the target is resolved; the resolver from its timeline, else its source. */
  private async closed(target: ResolvedTarget): Promise<string | undefined> {
    const subject = target.alert ?? target.incident;
    if (subject?.status !== 'resolved') return undefined;
    const first = target.incidents[0];
    const timeline =
      (target.timeline?.length ? target.timeline : undefined) ??
      (first ? (await this.deps.alerts.getIncident(first.id))?.incident.timeline : undefined) ??
      [];
    const entry = timeline.filter((e) => e.kind === 'resolved').at(-1);
    const at = target.alert?.endsAt ?? entry?.at ?? subject.updatedAt;
    return `already resolved at ${new Date(at).toISOString()} by ${entry?.actor ?? target.upstream.source}`;
  }

  private async fail(
    base: Pick<ActionResult, 'action' | 'target' | 'targetId' | 'user' | 'at'>,
    provider: ActionResult['provider'],
    message: string,
    status: number,
    outcome: AuditOutcome,
    spec: AnyActionSpec
  ): Promise<ActionAnswer> {
    const audit = await this.audit(base, outcome, { spec, provider, message });
    const result: ActionResult = { ...base, outcome: 'failed', provider, message, auditId: audit.id };
    return { status, body: { error: message, result } };
  }

  private audit(
    base: Pick<ActionResult, 'action' | 'target' | 'targetId' | 'user' | 'at'>,
    outcome: AuditOutcome,
    detail: unknown
  ) {
    return this.deps.store.appendAudit({
      at: base.at,
      user: base.user,
      action: `${base.target}.${base.action}`,
      target: base.targetId,
      detail,
      outcome,
    });
  }

  private async resolve(kind: ActionTargetKind, id: string): Promise<ResolvedTarget | undefined> {
    if (kind === 'alert') {
      const detail = await this.deps.alerts.getAlert(id);
      if (!detail) return undefined;
      const { alert } = detail;
      return {
        upstream: {
          id,
          source: alert.source,
          externalId: alert.dedupKey,
          labels: alert.labels,
          summary: alert.summary,
          alertIds: [id],
        },
        alert,
        alerts: [alert],
        incidents: detail.incidents,
        service: alert.service,
        timeline: detail.history,
      };
    }
    const detail = await this.deps.alerts.getIncident(id);
    if (!detail) return undefined;
    const { timeline, ...incident } = detail.incident;
    const firstAlert = detail.alerts[0];
    return {
      upstream: {
        id,
        source: incident.source,
        externalId: incident.externalId,
        labels: firstAlert?.labels ?? {},
        summary: incident.title,
        alertIds: detail.alerts.map((a) => a.id),
      },
      incident,
      alerts: detail.alerts,
      incidents: [incident],
      service: incident.service,
      timeline,
    };
  }

  /** Writes the change through the alert store so lists, timelines and the live stream all see it. */
  private async record(
    kind: ActionTargetKind,
    target: ResolvedTarget,
    spec: AnyActionSpec,
    user: string,
    now: number,
    outcome: UpstreamOutcome
  ): Promise<Pick<ActionResult, 'alert' | 'incident'>> {
    // What the source answered wins (the demo stand-in moves an incident's alerts too); else the action's own status.
    const statusAfter =
      outcome.alertStatus ??
      (target.alert && (spec.action === 'acknowledge' || spec.action === 'resolve')
        ? ALERT_STATUS_AFTER[spec.action]
        : undefined);
    const severity = spec.action === 'severity' ? spec.severity : undefined;
    const alerts: Alert[] = [];
    for (const alert of statusAfter || severity ? target.alerts : []) {
      // Never older than what is stored, or the store's merge would keep the stored state (clocks may tie).
      const updatedAt = Math.max(now, alert.updatedAt + 1);
      alerts.push({
        ...alert,
        ...(statusAfter ? { status: statusAfter } : {}),
        ...(severity ? { severity } : {}),
        updatedAt,
        ...(statusAfter === 'resolved' ? { endsAt: now } : {}),
      });
    }
    const incidentStatus = INCIDENT_STATUS_AFTER[spec.action];
    const incidents: IncidentChange[] = target.incidents.map((incident) => ({
      id: incident.id,
      source: incident.source,
      externalId: incident.externalId,
      // An alert's action moves its incident only when the incident stands for that one alert (PagerDuty, Opsgenie).
      status: kind === 'incident' || incident.alertIds.length <= 1 ? incidentStatus : undefined,
      ...(severity && (kind === 'incident' || incident.alertIds.length <= 1) ? { severity } : {}),
      alertIds: [],
      links: [],
      entry: { kind: timelineKind(spec), at: now, actor: user, text: timelineText(spec, outcome) },
    }));
    if (alerts.length === 0 && incidents.length === 0) return {};
    await this.deps.alerts.persist({
      source: target.upstream.source,
      deliveryId: `action:${kind}:${target.upstream.id}:${spec.action}:${randomUUID()}`,
      receivedAt: now,
      batch: { alerts, incidents },
    });
    if (kind === 'alert' && target.alert) {
      const after = await this.deps.alerts.getAlert(target.alert.id);
      return { alert: after?.alert };
    }
    const after = await this.deps.alerts.getIncident(
      target.incident?.id ?? toIncidentId(target.upstream.source, target.upstream.externalId)
    );
    if (!after) return {};
    const { timeline: _timeline, ...summary } = after.incident;
    return { incident: summary };
  }
}

/** Why the provider cannot do the action at all; undefined when it can try. */
function unsupportedBy(provider: IncidentProvider, spec: AnyActionSpec, target: ResolvedTarget): string | undefined {
  if (isHeldChange(spec) && !provider.change) return `${spec.action} is not supported by ${target.upstream.source}`;
  return provider.unsupported(spec.action);
}

export function timelineKind(spec: AnyActionSpec): IncidentChange['entry']['kind'] {
  switch (spec.action) {
    case 'acknowledge':
      return 'acknowledged';
    case 'resolve':
      return 'resolved';
    case 'escalate':
      return 'escalated';
    default:
      return 'note';
  }
}

export function timelineText(
  spec: AnyActionSpec,
  { provider, message, escalatedTo }: Pick<UpstreamOutcome, 'provider' | 'message' | 'escalatedTo'>
): string {
  const reason = 'reason' in spec && spec.reason ? `: ${spec.reason}` : '';
  switch (spec.action) {
    case 'note':
      return spec.text;
    case 'reassign':
      return `Reassigned to ${message ?? spec.assignee}${reason} (${provider})`;
    case 'severity': {
      // A vendor says how it holds the severity ("urgency set to high"); the demo's Opsdeck hold adds nothing.
      const how = provider !== 'opsdeck' && message ? `, ${message}` : '';
      return `Severity changed to ${spec.severity}${how}${reason} (${provider})`;
    }
    case 'snooze':
      return `Snoozed until ${new Date(spec.until).toISOString()} (${provider})`;
    case 'escalate':
      return escalatedTo
        ? `Escalated to ${escalatedTo.policy}, level ${escalatedTo.level}${reason} (${escalatedTo.by})`
        : `Escalated${escalationAsked(spec)}${reason} (${provider})`;
    default:
      return `${spec.action === 'acknowledge' ? 'Acknowledged' : 'Resolved'} from Opsdeck (${provider})${spec.comment ? `: ${spec.comment}` : ''}`;
  }
}

/** " to P123, level 2" from what was asked, where the provider did not say where the escalation went. */
function escalationAsked(spec: { level?: number; escalation?: string }): string {
  const parts = [spec.escalation, spec.level ? `level ${spec.level}` : undefined].filter(Boolean);
  return parts.length ? ` to ${parts.join(', ')}` : '';
}
