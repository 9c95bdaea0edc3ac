import { type MaintenanceWindow } from '@opsdeck/contract';

export const MAINTENANCE_NOW = Date.UTC(2026, 10, 27, 12);
const HOUR = 3_600_000;

/** A window as GET /api/maintenance answers it, for unit tests of the Maintenance page. */
export function windowFixture(
  overrides: Partial<MaintenanceWindow> & Pick<MaintenanceWindow, 'id'>
): MaintenanceWindow {
  return {
    services: ['checkout-api'],
    teams: [],
    reason: 'DB upgrade',
    createdBy: 'erin',
    createdAt: MAINTENANCE_NOW - HOUR,
    startsAt: MAINTENANCE_NOW - HOUR,
    endsAt: MAINTENANCE_NOW + HOUR,
    state: 'active',
    activeNow: true,
    mirrors: { errors: [] },
    ...overrides,
  };
}
