import { dateTimeFormat } from '@grafana/data';
import { type DeploymentStatus, type RollbackOutcome } from '@opsdeck/contract';
import { NOT_APPLICABLE } from '@/components/format';

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

/** How long a deployment ran; one still running is measured up to `now`. */
export function deploymentDuration(startedAt: number, finishedAt: number | undefined, now: number): number {
  return (finishedAt ?? now) - startedAt;
}

export function formatTime(epochMs: number): string {
  return dateTimeFormat(epochMs, { format: 'YYYY-MM-DD HH:mm:ss' });
}

export function formatPercent(ratio: number | undefined, decimals = 1): string {
  return ratio === undefined || !Number.isFinite(ratio) ? NOT_APPLICABLE : `${(ratio * 100).toFixed(decimals)}%`;
}

export function formatPerDay(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(2);
}
