import type { Alert } from '@opsdeck/contract';
import { mergeAlert } from './alertMerge';

const base: Alert = {
  id: 'alertmanager:x',
  source: 'alertmanager',
  dedupKey: 'x',
  severity: 'warning',
  status: 'firing',
  startsAt: 1000,
  updatedAt: 1000,
  summary: 'disk full',
  labels: { alertname: 'DiskFull' },
  links: [],
};

describe('mergeAlert', () => {
  it('keeps the earliest start of an episode, whatever order its updates arrive in', () => {
    const later = { ...base, startsAt: 900, updatedAt: 2000 };
    expect(mergeAlert(base, later)?.startsAt).toBe(900);
    // An older update with a later start changes nothing.
    expect(mergeAlert(later, { ...base, startsAt: 1200, updatedAt: 1500 })).toBeUndefined();
    expect(mergeAlert(later, { ...base, startsAt: 800, updatedAt: 1500 })).toEqual({ ...later, startsAt: 800 });
  });

  it('starts a new episode when an alert fires again after its resolution', () => {
    const resolved = { ...base, status: 'resolved' as const, endsAt: 1100, updatedAt: 1100 };
    expect(mergeAlert(resolved, { ...base, startsAt: 5000, updatedAt: 5000 })?.startsAt).toBe(5000);
    // An old firing replayed after the resolution changes nothing.
    expect(mergeAlert(resolved, { ...base, updatedAt: 1000 })).toBeUndefined();
  });
});
