import { type DataFrame } from '@grafana/data';
import { opsdeckMeta } from '@/api';

export interface FleetNotice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

/**
 * What the Overview says about the frames it read: each frame's own notices, and a warning for a frame the gateway
 * served from its cache because the source failed. `subject` names the frame in that warning (none: "Showing…").
 */
export function frameNotices(frames: DataFrame[], subject?: (frame: DataFrame) => string): FleetNotice[] {
  const notices: FleetNotice[] = [];
  for (const frame of frames) {
    for (const notice of frame.meta?.notices ?? []) {
      notices.push({ severity: notice.severity, text: notice.text });
    }
    const stale = opsdeckMeta(frame)?.stale;
    if (stale) {
      const since = `showing data from ${new Date(stale.since).toISOString()} because the source failed: ${stale.reason}`;
      notices.push({
        severity: 'warning',
        text: subject ? `${subject(frame)}: ${since}` : since.charAt(0).toUpperCase() + since.slice(1),
      });
    }
  }
  return notices;
}
