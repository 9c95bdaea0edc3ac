/** What the Wall's URL says: which team, how it rotates and how often it updates. */
export const DEFAULT_ROTATE_SECONDS = 20;
export const DEFAULT_REFRESH_SECONDS = 10;
/** Faster updates than this would only load the gateway; the heap bench uses 1 s to compress days into minutes. */
const MIN_REFRESH_SECONDS = 1;

export interface WallSettings {
  /** Fixed to this team (no rotation) when set. */
  team?: string;
  /** Seconds per team; 0 = no rotation (the whole fleet on one screen unless a team is fixed). */
  rotateSeconds: number;
  refreshSeconds: number;
  /** Grafana's kiosk mode (`?kiosk`) hides its chrome; the Wall then hides its own kiosk link too. */
  kiosk: boolean;
}

function seconds(value: string | null, fallback: number, min: number): number {
  if (value === null || value.trim() === '') {
    return fallback;
  }
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.max(min, n) : fallback;
}

export function readWallSettings(search: string): WallSettings {
  const params = new URLSearchParams(search);
  const team = params.get('team')?.trim();
  return {
    team: team ? team : undefined,
    rotateSeconds: seconds(params.get('rotate'), DEFAULT_ROTATE_SECONDS, 0),
    refreshSeconds: seconds(params.get('refresh'), DEFAULT_REFRESH_SECONDS, MIN_REFRESH_SECONDS),
    kiosk: params.has('kiosk'),
  };
}

/** The same Wall in Grafana's kiosk mode. */
export function kioskSearch(search: string): string {
  const params = new URLSearchParams(search);
  params.set('kiosk', '');
  // Grafana reads a bare `kiosk`; `kiosk=` works too but reads worse in the address bar.
  return `?${params.toString().replace(/(^|&)kiosk=(&|$)/, '$1kiosk$2')}`;
}
