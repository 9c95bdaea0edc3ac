/**
 * Alertmanager API v2, the parts Opsdeck writes: silences (snooze, maintenance mirrors) and posting an alert with
 * an end time (resolve). Alertmanager has no acknowledge: Opsdeck stores acks itself (alerts/actions/acks.ts).
 */
import { JsonHttp } from '../rest/jsonHttp';

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

export interface SilenceSpec {
  /** Set to update an existing silence (Alertmanager then replaces it, possibly under a new id). */
  id?: string;
  matchers: SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

export interface Silence {
  id: string;
  status: { state: 'expired' | 'active' | 'pending' };
  matchers: SilenceMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

/** One alert for POST /api/v2/alerts (times in epoch ms). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number;
  generatorURL?: string;
}

export class AlertmanagerClient {
  readonly http: JsonHttp;

  constructor(baseUrl: string) {
    this.http = new JsonHttp({ vendor: 'Alertmanager', baseUrl, headers: {} });
  }

  async createSilence(spec: SilenceSpec): Promise<string> {
    const body = await this.http.json<{ silenceID: string }>({
      method: 'POST',
      path: '/api/v2/silences',
      body: {
        ...(spec.id ? { id: spec.id } : {}),
        matchers: spec.matchers.map((m) => ({ isEqual: true, ...m })),
        startsAt: new Date(spec.startsAt).toISOString(),
        endsAt: new Date(spec.endsAt).toISOString(),
        createdBy: spec.createdBy,
        comment: spec.comment,
      },
    });
    return body.silenceID;
  }

  getSilence(id: string): Promise<Silence> {
    return this.http.json<Silence>({ path: `/api/v2/silence/${encodeURIComponent(id)}` });
  }

  async expireSilence(id: string): Promise<void> {
    await this.http.json<unknown>({ method: 'DELETE', path: `/api/v2/silence/${encodeURIComponent(id)}` });
  }

  /** Posts the alert again with endsAt = now: Alertmanager marks it resolved (until its source fires it again). */
  async resolveAlert(labels: Record<string, string>, endsAt: number): Promise<void> {
    await this.http.json<unknown>({
      method: 'POST',
      path: '/api/v2/alerts',
      body: [{ labels, endsAt: new Date(endsAt).toISOString() }],
    });
  }

  /**
   * Posts alerts the way Prometheus does: re-sent while they fire with endsAt a few evaluations ahead (so they
   * resolve by themselves if the sender dies), and once with endsAt = now when they clear.
   */
  async postAlerts(alerts: PostableAlert[]): Promise<void> {
    if (alerts.length === 0) return;
    await this.http.json<unknown>({
      method: 'POST',
      path: '/api/v2/alerts',
      body: alerts.map((a) => ({
        labels: a.labels,
        annotations: a.annotations,
        startsAt: new Date(a.startsAt).toISOString(),
        endsAt: new Date(a.endsAt).toISOString(),
        generatorURL: a.generatorURL,
      })),
    });
  }

  /** Alerts matching all the given label equalities, silenced ones included. */
  listAlerts(
    labels: Record<string, string>
  ): Promise<Array<{ labels: Record<string, string>; status: { state: string; silencedBy: string[] } }>> {
    return this.http.json({
      path: '/api/v2/alerts',
      query: { filter: Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`) },
    });
  }
}
