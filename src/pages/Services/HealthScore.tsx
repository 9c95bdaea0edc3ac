import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Tooltip, useStyles2 } from '@grafana/ui';
import { type HealthScore as Health } from '@opsdeck/contract';

type Tone = 'ok' | 'warning' | 'error';

/** Bands for the colour only; the number and its breakdown carry the meaning. */
export function healthTone(score: number): Tone {
  return score >= 90 ? 'ok' : score >= 70 ? 'warning' : 'error';
}

/** Each component's points lost out of its weight, and why: the formula is in docs/health-score.md. */
export function HealthBreakdown({ health }: { health: Health }) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.list}>
      {health.components.map((c) => (
        <li key={c.id} data-component={c.id}>
          <strong>{c.label}</strong>: −{formatPoints(c.penalty)} of {formatPoints(c.weight)}
          {c.detail ? ` (${c.detail})` : ''}
        </li>
      ))}
    </ul>
  );
}

function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}

/**
 * The score with its breakdown in a tooltip that opens on hover and on keyboard focus (the score is a button so a
 * keyboard reaches it), never hover only.
 */
export function HealthScore({ health, testId }: { health: Health; testId?: string }) {
  const styles = useStyles2(getStyles);
  const score = Math.round(health.score);
  return (
    <Tooltip content={<HealthBreakdown health={health} />} placement="top">
      <button
        type="button"
        className={`${styles.score} ${styles[healthTone(score)]}`}
        data-testid={testId}
        data-score={score}
        aria-label={`Health score ${score} of 100: ${
          health.components
            .filter((c) => c.penalty > 0)
            .map((c) => `${c.label} −${formatPoints(c.penalty)}`)
            .join(', ') || 'nothing lost'
        }`}
      >
        {score}
      </button>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ margin: 0, paddingLeft: theme.spacing(2) }),
  score: css({
    all: 'unset',
    cursor: 'help',
    fontWeight: theme.typography.fontWeightBold,
    fontVariantNumeric: 'tabular-nums',
    minWidth: 24,
    minHeight: 24,
    padding: theme.spacing(0, 0.5),
    borderRadius: theme.shape.radius.default,
    textDecoration: 'underline dotted',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  ok: css({ color: theme.colors.success.text }),
  warning: css({ color: theme.colors.warning.text }),
  error: css({ color: theme.colors.error.text }),
});
