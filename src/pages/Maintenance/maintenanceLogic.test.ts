import { type MaintenanceMirrors } from '@opsdeck/contract';
import {
  draftToRequest,
  emptyDraft,
  type MaintenanceDraft,
  parseLocalDateTime,
  toLocalDateTime,
} from './maintenanceDraft';
import { MAINTENANCE_NOW, windowFixture } from './maintenanceFixtures';
import { describeCoverage, describeRecurrence, describeTimeLeft, mirrorLines } from './maintenanceText';
import { RECENT_MS, upsertWindow, viewFromSearch, windowsForView } from './windowList';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = MAINTENANCE_NOW;

describe('maintenance text', () => {
  it('says a weekly recurrence in words, in UTC, working week first', () => {
    expect(describeRecurrence({ daysOfWeek: [3, 1], startTime: '02:00', durationMinutes: 120 })).toBe(
      'Every Monday and Wednesday at 02:00 UTC for 2 h'
    );
    expect(describeRecurrence({ daysOfWeek: [0, 6, 2], startTime: '23:30', durationMinutes: 90 })).toBe(
      'Every Tuesday, Saturday and Sunday at 23:30 UTC for 1 h 30 min'
    );
    expect(describeRecurrence({ daysOfWeek: [5, 1, 2, 3, 4], startTime: '01:00', durationMinutes: 30 })).toBe(
      'Every weekday at 01:00 UTC for 30 min'
    );
    expect(describeRecurrence({ daysOfWeek: [0, 1, 2, 3, 4, 5, 6], startTime: '01:00', durationMinutes: 30 })).toBe(
      'Every day at 01:00 UTC for 30 min'
    );
    expect(describeRecurrence({ daysOfWeek: [4], startTime: '01:00', durationMinutes: 60 })).toBe(
      'Every Thursday at 01:00 UTC for 1 h'
    );
  });

  it('names services then teams', () => {
    expect(describeCoverage({ services: ['checkout-api', 'search-api'], teams: ['platform'] })).toBe(
      'checkout-api, search-api, team platform'
    );
  });

  it('gives the time left per state and flags the last 15 minutes', () => {
    expect(describeTimeLeft(windowFixture({ id: 'a', endsAt: NOW + 40 * MIN }), NOW)).toEqual({
      text: 'ends in 40 min',
      endingSoon: false,
    });
    expect(describeTimeLeft(windowFixture({ id: 'a', endsAt: NOW + 15 * MIN }), NOW)).toEqual({
      text: 'ends in 15 min',
      endingSoon: true,
    });
    expect(describeTimeLeft(windowFixture({ id: 'a', state: 'scheduled', startsAt: NOW + 2 * HOUR }), NOW).text).toBe(
      'starts in 2 h'
    );
    expect(describeTimeLeft(windowFixture({ id: 'a', state: 'ended', endedBy: 'bob' }), NOW).text).toBe(
      'ended early by bob'
    );
    expect(describeTimeLeft(windowFixture({ id: 'a', state: 'expired' }), NOW).text).toBe('ran to its planned end');
    const recurring = windowFixture({
      id: 'a',
      endsAt: NOW + 3 * 24 * HOUR,
      recurrence: { daysOfWeek: [1], startTime: '02:00', durationMinutes: 60 },
    });
    expect(describeTimeLeft(recurring, NOW).text).toBe('series ends in 3 d');
  });

  it('lists the known mirrors, and fields it does not know under a derived label, never the errors', () => {
    const mirrors = {
      alertmanagerSilenceId: 'sil-1',
      pagerdutyMaintenanceWindowId: 'PMW1',
      errors: ['Alertmanager silence: 503'],
      servicenowChangeIds: ['CHG2', 'CHG3'],
      emptyList: [],
    } as MaintenanceMirrors;
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(mirrorLines(mirrors, iso)).toEqual([
      { label: 'Alertmanager silence', value: 'sil-1' },
      { label: 'PagerDuty maintenance window', value: 'PMW1' },
      { label: 'Servicenow change ids', value: 'CHG2, CHG3' },
    ]);
    expect(mirrorLines({ errors: [] }, iso)).toEqual([]);
  });

  it("names a recurring window's mirrors with the occurrence they cover", () => {
    const occurrence = { startsAt: NOW, endsAt: NOW + HOUR, alertmanagerSilenceId: 'sil-9' };
    expect(
      mirrorLines({ occurrence, errors: [] } as MaintenanceMirrors, (ms) => new Date(ms).toISOString().slice(11, 16))
    ).toEqual([{ label: 'Alertmanager silence (occurrence 12:00 → 13:00)', value: 'sil-9' }]);
  });
});

describe('the create form draft', () => {
  const draft = (change: Partial<MaintenanceDraft>): MaintenanceDraft => ({
    ...emptyDraft(),
    services: ['checkout-api'],
    reason: ' DB upgrade ',
    ...change,
  });

  it('reads and writes datetime-local values in local time (UTC under test)', () => {
    expect(parseLocalDateTime('2026-11-27T14:30')).toBe(Date.UTC(2026, 10, 27, 14, 30));
    expect(parseLocalDateTime('')).toBeUndefined();
    expect(parseLocalDateTime('27/11/2026 14:30')).toBeUndefined();
    expect(toLocalDateTime(Date.UTC(2026, 0, 2, 3, 4))).toBe('2026-01-02T03:04');
  });

  it('starts now without a startsAt (the gateway clock decides) and ends after the duration', () => {
    expect(draftToRequest(draft({ durationMinutes: 120 }), NOW)).toEqual({
      ok: true,
      request: { services: ['checkout-api'], reason: 'DB upgrade', endsAt: NOW + 2 * HOUR },
    });
  });

  it('starts and ends at picked times, teams only', () => {
    const result = draftToRequest(
      draft({
        services: [],
        teams: ['payments'],
        startMode: 'at',
        startAt: '2026-11-28T01:00',
        endMode: 'at',
        endAt: '2026-11-28T03:30',
      }),
      NOW
    );
    expect(result).toEqual({
      ok: true,
      request: {
        teams: ['payments'],
        reason: 'DB upgrade',
        startsAt: Date.UTC(2026, 10, 28, 1),
        endsAt: Date.UTC(2026, 10, 28, 3, 30),
      },
    });
  });

  it('builds a weekly recurrence with the series end', () => {
    const result = draftToRequest(
      draft({
        recurring: true,
        daysOfWeek: [3, 1, 3],
        occurrenceStart: '02:00',
        durationMinutes: 60,
        endAt: '2026-12-31T00:00',
      }),
      NOW
    );
    expect(result).toEqual({
      ok: true,
      request: {
        services: ['checkout-api'],
        reason: 'DB upgrade',
        endsAt: Date.UTC(2026, 11, 31),
        recurrence: { daysOfWeek: [1, 3], startTime: '02:00', durationMinutes: 60 },
      },
    });
  });

  it.each<[Partial<MaintenanceDraft>, string]>([
    [{ services: [] }, 'services'],
    [{ reason: '   ' }, 'reason'],
    [{ startMode: 'at', startAt: '' }, 'startAt'],
    [{ endMode: 'at', endAt: '' }, 'endAt'],
    [{ endMode: 'at', endAt: '2026-11-27T11:00' }, 'endAt'],
    [{ startMode: 'at', startAt: '2026-11-28T05:00', endMode: 'at', endAt: '2026-11-28T04:00' }, 'endAt'],
    [{ recurring: true, daysOfWeek: [], endAt: '2026-12-31T00:00' }, 'daysOfWeek'],
    [{ recurring: true, daysOfWeek: [1], occurrenceStart: '25:00', endAt: '2026-12-31T00:00' }, 'occurrenceStart'],
    [{ recurring: true, daysOfWeek: [1], endAt: '' }, 'endAt'],
  ])('refuses %j, naming the field %s', (change, field) => {
    const result = draftToRequest(draft(change), NOW);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.field).toBe(field);
  });
});

describe('window lists', () => {
  const active1 = windowFixture({ id: 'a1', endsAt: NOW + 2 * HOUR });
  const active2 = windowFixture({ id: 'a2', endsAt: NOW + HOUR });
  const scheduled = windowFixture({ id: 's1', state: 'scheduled', startsAt: NOW + HOUR, endsAt: NOW + 3 * HOUR });
  const endedLately = windowFixture({ id: 'e1', state: 'ended', endedAt: NOW - HOUR, endsAt: NOW + HOUR });
  const expiredLately = windowFixture({ id: 'x1', state: 'expired', endsAt: NOW - 2 * HOUR });
  const expiredLongAgo = windowFixture({ id: 'x2', state: 'expired', endsAt: NOW - RECENT_MS - HOUR });
  const all = [scheduled, active1, endedLately, active2, expiredLately, expiredLongAgo];

  it('shows active windows ending soonest first, then scheduled ones', () => {
    expect(windowsForView(all, 'current', NOW).map((w) => w.id)).toEqual(['a2', 'a1', 's1']);
  });

  it('shows windows finished in the last week, newest first', () => {
    expect(windowsForView(all, 'ended', NOW).map((w) => w.id)).toEqual(['e1', 'x1']);
  });

  it('reads the view from the URL', () => {
    expect(viewFromSearch(new URLSearchParams('show=ended'))).toBe('ended');
    expect(viewFromSearch(new URLSearchParams('show=bogus'))).toBe('current');
  });

  it('replaces a changed window in place and adds a new one', () => {
    const ended = { ...active1, state: 'ended' as const };
    expect(upsertWindow([active1, active2], ended)).toEqual([ended, active2]);
    expect(upsertWindow([active1], scheduled).map((w) => w.id)).toEqual(['a1', 's1']);
  });
});
