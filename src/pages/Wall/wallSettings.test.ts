import { DEFAULT_REFRESH_SECONDS, DEFAULT_ROTATE_SECONDS, kioskSearch, readWallSettings } from './wallSettings';

describe('readWallSettings', () => {
  it('rotates every 20 s and updates every 10 s unless told otherwise', () => {
    expect(readWallSettings('')).toEqual({
      rotateSeconds: DEFAULT_ROTATE_SECONDS,
      refreshSeconds: DEFAULT_REFRESH_SECONDS,
      kiosk: false,
    });
    expect(DEFAULT_ROTATE_SECONDS).toBe(20);
    expect(DEFAULT_REFRESH_SECONDS).toBe(10);
  });

  it('reads a fixed team, rotation off, a faster update and kiosk mode', () => {
    expect(readWallSettings('?team=payments&rotate=0&refresh=2&kiosk')).toEqual({
      team: 'payments',
      rotateSeconds: 0,
      refreshSeconds: 2,
      kiosk: true,
    });
  });

  it('falls back on nonsense and never updates faster than once a second', () => {
    expect(readWallSettings('?rotate=soon&refresh=0&team=%20')).toEqual({
      rotateSeconds: 20,
      refreshSeconds: 1,
      kiosk: false,
    });
    expect(readWallSettings('?rotate=-5').rotateSeconds).toBe(20);
  });
});

describe('kioskSearch', () => {
  it('adds a bare kiosk and keeps the other parameters', () => {
    expect(kioskSearch('?team=payments')).toBe('?team=payments&kiosk');
    expect(kioskSearch('')).toBe('?kiosk');
  });
});
