import { ROUTES } from '@/constants';
import { PAGE_CHUNKS, pageRouteOf } from './pageChunks';

describe('pageRouteOf', () => {
  it('finds the page of a path, under a sub path and below the page too', () => {
    expect(pageRouteOf('/a/opsdeck-sre-app/services/checkout-api')).toBe(PAGE_CHUNKS[ROUTES.Services]);
    expect(pageRouteOf('/grafana/a/opsdeck-sre-app/wall')).toBe(PAGE_CHUNKS[ROUTES.Wall]);
    expect(pageRouteOf('/a/opsdeck-sre-app/on-call')).toBe(PAGE_CHUNKS[ROUTES.OnCall]);
    expect(pageRouteOf('/a/opsdeck-sre-app/reliability')).toBe(PAGE_CHUNKS[ROUTES.Reliability]);
    expect(pageRouteOf('/a/opsdeck-sre-app/report')).toBe(PAGE_CHUNKS[ROUTES.Report]);
  });

  it('starts nothing outside the app or for a path that is not a page', () => {
    expect(pageRouteOf('/d/abc/dashboard')).toBeUndefined();
    expect(pageRouteOf('/a/opsdeck-sre-app/')).toBeUndefined();
    expect(pageRouteOf('/a/opsdeck-sre-app/constructor')).toBeUndefined();
    expect(pageRouteOf('/a/opsdeck-sre-app/toString')).toBeUndefined();
  });
});
