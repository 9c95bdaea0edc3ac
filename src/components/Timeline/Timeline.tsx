import { css } from '@emotion/css';
import { type GrafanaTheme2, type IconName } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { type TimelineEntry, type TimelineKind } from '@opsdeck/contract';
import { formatDateTime } from '@/components/Timeline/formatTime';

const ICONS: Record<TimelineKind, IconName> = {
  triggered: 'fire',
  acknowledged: 'check',
  escalated: 'arrow-up',
  resolved: 'check-circle',
  note: 'comment-alt',
};

const LABELS: Record<TimelineKind, string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  escalated: 'Escalated',
  resolved: 'Resolved',
  note: 'Note',
};

export function timelineLabel(kind: TimelineKind): string {
  return LABELS[kind];
}

/** Who did what when, oldest first, as an ordered list so screen readers announce the order. */
export function Timeline({ entries, testId, itemTestId }: { entries: TimelineEntry[]; testId: string; itemTestId: string }) {
  const styles = useStyles2(getStyles);
  if (entries.length === 0) {
    return (
      <p data-testid={testId} className={styles.empty}>
        Nothing recorded yet.
      </p>
    );
  }
  return (
    <ol className={styles.list} data-testid={testId}>
      {entries.map((entry, i) => (
        <li key={`${entry.at}-${i}`} className={styles.item} data-testid={itemTestId} data-kind={entry.kind}>
          <Icon name={ICONS[entry.kind]} aria-hidden className={styles.icon} />
          <div className={styles.body}>
            <div>
              <strong>{LABELS[entry.kind]}</strong>
              {entry.actor && <> by {entry.actor}</>}
            </div>
            <time dateTime={new Date(entry.at).toISOString()} className={styles.time}>
              {formatDateTime(entry.at)}
            </time>
            {entry.text && <p className={styles.text}>{entry.text}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  item: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-start', minWidth: 0 }),
  icon: css({ marginTop: theme.spacing(0.25), color: theme.colors.text.secondary, flexShrink: 0 }),
  body: css({ minWidth: 0, overflowWrap: 'anywhere' }),
  time: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  text: css({ margin: theme.spacing(0.5, 0, 0) }),
  empty: css({ color: theme.colors.text.secondary }),
});
