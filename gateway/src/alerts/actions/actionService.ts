/**
 * Performs one action: find the target, apply it upstream FIRST, then record it. A success is persisted through the
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
} from '@opsdeck/contract';
import type { AuditOutcome, Store } from '../../store';
import type { AlertStore } from '../alertStore';
import { incidentId as toIncidentId, type IncidentChange } from '../../upstream/alertIngest';
import { UpstreamError } from '../../sources/rest/jsonHttp';
import {
  ActionNotSupportedError,
  type ActionSpec,
  type IncidentProvider,
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
  /** Incidents whose timeline records the action. */
  incidents: IncidentSummary[];
  service?: string;
}

const ALERT_STATUS_AFTER = { acknowledge: 'acknowledged', resolve: 'resolved' } as const;
const INCIDENT_STATUS_AFTER: Partial<Record<ActionSpec['action'], IncidentStatus>> = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  escalate: 'triggered',
};

export class ActionService {
  constructor(private readonly deps: ActionServiceDeps) {}

  async perform(kind: ActionTargetKind, id: string, spec: ActionSpec, user: string): Promise<ActionAnswer> {
    const target = await this.resolve(kind, id);
    if (!target) return { status: 404, body: { error: `no ${kind} with id ${id}` } };
    const provider = this.deps.providers.forSource(target.upstream.source);
    const now = this.deps.clock();
    const base = { action: spec.action, target: kind, targetId: id, user, at: now };

    const refusal = provider.unsupported(spec.action);
    if (refusal) return this.fail(base, provider.name, refusal, 409, 'denied', spec);
    try {
      const outcome = await provider.apply(target.upstream, spec, { user, now });
      const stored = await this.record(kind, target, spec, user, now, outcome.provider);
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
      const message = error instanceof UpstreamError ? error.message : `${provider.name}: ${(error as Error).message}`;
      return this.fail(base, provider.name, message, 502, 'failure', spec);
    }
  }

  private async fail(
    base: Pick<ActionResult, 'action' | 'target' | 'targetId' | 'user' | 'at'>,
    provider: ActionResult['provider'],
    message: string,
    status: number,
    outcome: AuditOutcome,
    spec: ActionSpec
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
        },
        alert,
        incidents: detail.incidents,
        service: alert.service,
      };
    }
    const detail = await this.deps.alerts.getIncident(id);
    if (!detail) return undefined;
    const { timeline: _timeline, ...incident } = detail.incident;
    const firstAlert = detail.alerts[0];
    return {
      upstream: {
        id,
        source: incident.source,
        externalId: incident.externalId,
        labels: firstAlert?.labels ?? {},
        summary: incident.title,
      },
      incident,
      incidents: [incident],
      service: incident.service,
    };
  }

  /** Writes the change through the alert store so lists, timelines and the live stream all see it. */
  private async record(
    kind: ActionTargetKind,
    target: ResolvedTarget,
    spec: ActionSpec,
    user: string,
    now: number,
    provider: string
  ): Promise<Pick<ActionResult, 'alert' | 'incident'>> {
    const statusAfter =
      spec.action === 'acknowledge' || spec.action === 'resolve' ? ALERT_STATUS_AFTER[spec.action] : undefined;
    const alerts: Alert[] = [];
    if (target.alert && statusAfter) {
      // Never older than what is stored, or the store's merge would keep the stored state (clocks may tie).
      const updatedAt = Math.max(now, target.alert.updatedAt + 1);
      alerts.push({
        ...target.alert,
        status: statusAfter,
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
      alertIds: [],
      links: [],
      entry: { kind: timelineKind(spec), at: now, actor: user, text: timelineText(spec, provider) },
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

export function timelineKind(spec: ActionSpec): IncidentChange['entry']['kind'] {
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

export function timelineText(spec: ActionSpec, provider: string): string {
  switch (spec.action) {
    case 'note':
      return spec.text;
    case 'snooze':
      return `Snoozed until ${new Date(spec.until).toISOString()} (${provider})`;
    case 'escalate':
      return `Escalated${spec.level ? ` to level ${spec.level}` : ''}${spec.reason ? `: ${spec.reason}` : ''} (${provider})`;
    default:
      return `${spec.action === 'acknowledge' ? 'Acknowledged' : 'Resolved'} from Opsdeck (${provider})${spec.comment ? `: ${spec.comment}` : ''}`;
  }
}
