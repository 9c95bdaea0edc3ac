import { type BadgeColor, Badge } from '@grafana/ui';
import { type AlertSeverity, type AlertStatus } from '@opsdeck/contract';

const SEVERITY_COLORS: Record<AlertSeverity, BadgeColor> = { critical: 'red', warning: 'orange', info: 'blue' };
const STATUS_COLORS: Record<AlertStatus, BadgeColor> = {
  firing: 'red',
  acknowledged: 'orange',
  resolved: 'green',
  suppressed: 'purple',
};

/** Severity as a word in a coloured badge: the colour is never the only signal. */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return <Badge color={SEVERITY_COLORS[severity]} text={severity} />;
}

export function StatusBadge({ status, testId }: { status: AlertStatus; testId?: string }) {
  return (
    <span data-testid={testId} data-status={status}>
      <Badge color={STATUS_COLORS[status]} text={status} />
    </span>
  );
}
