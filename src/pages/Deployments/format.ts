import { dateTimeFormat, dateTimeFormatTimeAgo } from '@grafana/data';
import { type DeploymentStatus, type RollbackOutcome } from '@opsdeck/contract';

export const NO_VALUE = '–';

const STATUS_LABELS: Record<DeploymentStatus, string> = {
  started: 'Started',
  in_progress: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};

const OUTCOME_LABELS: Record<RollbackOutcome, string> = {
  in_progress: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  refused: 'Refused',
};

export function statusLabel(status: DeploymentStatus): string {
  return STATUS_LABELS[status];
}

export function outcomeLabel(outcome: RollbackOutcome): string {
  return OUTCOME_LABELS[outcome];
}

export function isInFlight(status: DeploymentStatus): boolean {
  return status === 'started' || status === 'in_progress';
}

/** "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h": two units at most, enough to compare deploys at a glance. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return NO_VALUE;
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [label, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) {
      parts.push(`${count} ${label}`);
    }
    if (parts.length === 2) {
      break;
    }
  }
  return parts.filter((p) => !p.startsWith('0 ')).join(' ');
}

/** How long a deployment ran; one still running is measured up to `now`. */
export function deploymentDuration(startedAt: number, finishedAt: number | undefined, now: number): number {
  return (finishedAt ?? now) - startedAt;
}

export function formatTime(epochMs: number): string {
  return dateTimeFormat(epochMs, { format: 'YYYY-MM-DD HH:mm:ss' });
}

export function formatTimeAgo(epochMs: number): string {
  return dateTimeFormatTimeAgo(epochMs);
}

export function formatPercent(ratio: number | undefined, decimals = 1): string {
  return ratio === undefined || !Number.isFinite(ratio) ? NO_VALUE : `${(ratio * 100).toFixed(decimals)}%`;
}

export function formatPerDay(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(2);
}
