import { Badge, type BadgeColor } from '@grafana/ui';
import { type IconName } from '@grafana/data';
import { type RollbackOutcome } from '@opsdeck/contract';
import { outcomeLabel } from './format';

const LOOK: Record<RollbackOutcome, { color: BadgeColor; icon: IconName }> = {
  in_progress: { color: 'blue', icon: 'sync' },
  succeeded: { color: 'green', icon: 'check-circle' },
  failed: { color: 'red', icon: 'times-circle' },
  refused: { color: 'orange', icon: 'ban' },
};

/** Outcome as icon + word: the colour is never the only signal. */
export function RollbackOutcomeBadge({ outcome }: { outcome: RollbackOutcome }) {
  return <Badge color={LOOK[outcome].color} icon={LOOK[outcome].icon} text={outcomeLabel(outcome)} />;
}
