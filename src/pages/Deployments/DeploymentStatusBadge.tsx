import { type IconName } from '@grafana/data';
import { Badge, type BadgeColor } from '@grafana/ui';
import { type DeploymentStatus } from '@opsdeck/contract';
import { statusLabel } from './format';

const LOOK: Record<DeploymentStatus, { color: BadgeColor; icon: IconName }> = {
  started: { color: 'blue', icon: 'play' },
  in_progress: { color: 'blue', icon: 'sync' },
  succeeded: { color: 'green', icon: 'check-circle' },
  failed: { color: 'red', icon: 'times-circle' },
  rolled_back: { color: 'orange', icon: 'history-alt' },
};

/** Deployment status as icon + word: the colour is never the only signal. */
export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  return <Badge color={LOOK[status].color} icon={LOOK[status].icon} text={statusLabel(status)} />;
}
