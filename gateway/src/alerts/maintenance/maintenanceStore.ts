/** Maintenance windows in the database (migration 0003_alert_actions), as the contract's MaintenanceWindow. */
import type { Kysely, Selectable } from 'kysely';
import type { MaintenanceMirrors, MaintenanceRecurrence, MaintenanceWindow } from '@opsdeck/contract';
import type { Database, MaintenanceWindowsTable } from '../../store/schema';
import { isActiveAt, windowState } from '../maintenance';

export type StoredWindow = Omit<MaintenanceWindow, 'state' | 'activeNow'> & { remindedAt?: number };

export class MaintenanceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(window: StoredWindow): Promise<void> {
    await this.db.insertInto('maintenance_windows').values(toRow(window)).execute();
  }

  async update(window: StoredWindow): Promise<void> {
    const { id, ...columns } = toRow(window);
    await this.db.updateTable('maintenance_windows').set(columns).where('id', '=', id).execute();
  }

  async get(id: string): Promise<StoredWindow | undefined> {
    const row = await this.db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Every window not ended and not past its end at `now`: what can still suppress. */
  async listLive(now: number): Promise<StoredWindow[]> {
    const rows = await this.db
      .selectFrom('maintenance_windows')
      .selectAll()
      .where('ends_at', '>', now)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', now)]))
      .orderBy('starts_at')
      .execute();
    return rows.map(fromRow);
  }

  /** Recurring windows ended before their scheduled end, which is still ahead: their last mirror may need releasing. */
  async listEndedEarly(now: number): Promise<StoredWindow[]> {
    const rows = await this.db
      .selectFrom('maintenance_windows')
      .selectAll()
      .where('ends_at', '>', now)
      .where('ended_at', '<=', now)
      .where('recurrence', 'is not', null)
      .execute();
    return rows.map(fromRow);
  }

  async listAll(limit = 500): Promise<StoredWindow[]> {
    const rows = await this.db
      .selectFrom('maintenance_windows')
      .selectAll()
      .orderBy('starts_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }
}

export function present(window: StoredWindow, now: number): MaintenanceWindow {
  const { remindedAt: _remindedAt, ...rest } = window;
  return { ...rest, state: windowState(window, now), activeNow: isActiveAt(window, now) };
}

function toRow(w: StoredWindow): MaintenanceWindowsTable {
  return {
    id: w.id,
    services: JSON.stringify(w.services),
    teams: JSON.stringify(w.teams),
    reason: w.reason,
    created_by: w.createdBy,
    created_at: w.createdAt,
    starts_at: w.startsAt,
    ends_at: w.endsAt,
    recurrence: w.recurrence ? JSON.stringify(w.recurrence) : null,
    ended_at: w.endedAt ?? null,
    ended_by: w.endedBy ?? null,
    mirrors: JSON.stringify(w.mirrors),
    reminded_at: w.remindedAt ?? null,
  };
}

function fromRow(row: Selectable<MaintenanceWindowsTable>): StoredWindow {
  const window: StoredWindow = {
    id: row.id,
    services: JSON.parse(row.services) as string[],
    teams: JSON.parse(row.teams) as string[],
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    mirrors: JSON.parse(row.mirrors) as MaintenanceMirrors,
  };
  if (row.recurrence !== null) window.recurrence = JSON.parse(row.recurrence) as MaintenanceRecurrence;
  if (row.ended_at !== null) window.endedAt = Number(row.ended_at);
  if (row.ended_by !== null) window.endedBy = row.ended_by;
  if (row.reminded_at !== null) window.remindedAt = Number(row.reminded_at);
  return window;
}
