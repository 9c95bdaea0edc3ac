import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { type IncidentSummary } from '@opsdeck/contract';
import { formatTimeAgo } from '@/components/format';
import { SeverityBadge } from '@/pages/Alerts/AlertBadges';

interface Props {
  title: string;
  incidents: IncidentSummary[];
  /** All that match, when the list shows a page of them. */
  total?: number;
  /** Present while more remain to load. */
  onShowMore?: () => void;
  selectedId?: string;
  testId: string;
  emptyText: string;
  onSelect: (incident: IncidentSummary) => void;
}

export function IncidentList({ title, incidents, total, onShowMore, selectedId, testId, emptyText, onSelect }: Props) {
  const styles = useStyles2(getStyles);
  const headingId = `opsdeck-incidents-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className={styles.heading}>
        {title} (
        <span data-testid={testIds.incidents.listCount}>
          {total !== undefined && total > incidents.length ? `${incidents.length} of ${total}` : incidents.length}
        </span>
        )
      </h2>
      {incidents.length === 0 && <p className={styles.empty}>{emptyText}</p>}
      <ul className={styles.list}>
        {incidents.map((incident) => (
          <li key={incident.id}>
            <button
              type="button"
              className={`${styles.row} ${incident.id === selectedId ? styles.selected : ''}`}
              aria-current={incident.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(incident)}
              data-testid={testIds.incidents.row(incident.id)}
            >
              <span className={styles.title}>{incident.title}</span>
              <span className={styles.meta}>
                <SeverityBadge severity={incident.severity} />
                <span>{incident.status}</span>
                {incident.service && <span>{incident.service}</span>}
                <span>opened {formatTimeAgo(incident.createdAt)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {onShowMore && (
        <Button
          className={styles.more}
          size="sm"
          variant="secondary"
          onClick={onShowMore}
          data-testid={testIds.incidents.showMore}
        >
          Show more
        </Button>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  heading: css({ fontSize: theme.typography.h4.fontSize, marginBottom: theme.spacing(1) }),
  empty: css({ color: theme.colors.text.secondary }),
  more: css({ marginTop: theme.spacing(1) }),
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  row: css({
    all: 'unset',
    boxSizing: 'border-box',
    cursor: 'pointer',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    width: '100%',
    padding: theme.spacing(1, 1.5),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  selected: css({ borderColor: theme.colors.primary.border }),
  title: css({ fontWeight: theme.typography.fontWeightMedium, overflowWrap: 'anywhere' }),
  meta: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
