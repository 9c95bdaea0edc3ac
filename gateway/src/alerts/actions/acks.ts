/**
 * Acknowledgements Opsdeck holds itself, for sources that have none (Alertmanager, Grafana, SNS/CloudWatch).
 * An ack covers one firing episode: it applies to deliveries of the alert that started no later than the ack, and
 * ends when the alert resolves (a later firing starts a new episode, unacknowledged). Kept in memory for the alert
 * store's synchronous transform and in the database across restarts.
 */
import type { Kysely } from 'kysely';
import type { Alert } from '@opsdeck/contract';
import type { Database } from '../../store/schema';

export interface HeldAck {
  user: string;
  at: number;
}

export class AckRegistry {
  private readonly acks = new Map<string, HeldAck>();

  constructor(private readonly db: Kysely<Database>) {}

  async load(): Promise<void> {
    const rows = await this.db.selectFrom('alert_acks').selectAll().execute();
    for (const row of rows) this.acks.set(row.alert_id, { user: row.acked_by, at: Number(row.acked_at) });
  }

  get(alertId: string): HeldAck | undefined {
    return this.acks.get(alertId);
  }

  async hold(alertId: string, ack: HeldAck): Promise<void> {
    await this.db.deleteFrom('alert_acks').where('alert_id', '=', alertId).execute();
    await this.db
      .insertInto('alert_acks')
      .values({ alert_id: alertId, acked_by: ack.user, acked_at: ack.at })
      .execute();
    this.acks.set(alertId, ack);
  }

  async release(alertId: string): Promise<void> {
    this.acks.delete(alertId);
    await this.db.deleteFrom('alert_acks').where('alert_id', '=', alertId).execute();
  }

  /**
   * The alert as it should be stored given held acks: a firing delivery of an acknowledged episode stays
   * acknowledged; a resolved delivery releases the ack.
   */
  apply(alert: Alert): Alert {
    const ack = this.acks.get(alert.id);
    if (!ack) return alert;
    if (alert.status === 'resolved') {
      void this.release(alert.id).catch(() => undefined);
      return alert;
    }
    return alert.status === 'firing' && alert.startsAt <= ack.at ? { ...alert, status: 'acknowledged' } : alert;
  }
}
