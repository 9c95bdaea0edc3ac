import { cx } from '@emotion/css';
import { testIds } from '@/components/testIds';
import { formatClockTime } from './wallFormat';
import { type WallFeedState } from './wallFeed';
import { type WallStaleness } from './staleness';
import { type WallStyles } from './wallStyles';

/** Beyond this the list is a wall of text nobody reads from across the room. */
const MAX_NOTICES = 3;

/** One reason when both sources share it (the gateway is down), else each with what it covers. */
function staleSummary({ fleet, slo }: WallStaleness): string {
  if (fleet && slo && fleet.reason === slo.reason) {
    return fleet.reason;
  }
  return [fleet && `status and incidents: ${fleet.reason}`, slo && `budgets and health: ${slo.reason}`]
    .filter(Boolean)
    .join('; ');
}

function details({ fleet, slo }: WallStaleness): string[] {
  return [...new Set([fleet?.detail, slo?.detail].filter((d): d is string => Boolean(d)))];
}

/**
 * What is wrong with the figures, said in words across the room: stale since when and why, or missing altogether.
 * role="alert" so a screen reader hears it once, when it appears.
 */
export function WallNotices({
  state,
  staleness,
  styles,
}: {
  state: WallFeedState;
  staleness: WallStaleness;
  styles: WallStyles;
}) {
  const sloMissing = state.slo.updatedAt === undefined && state.slo.error !== undefined;
  // The gateway says which objectives' counts were old or missing when it computed the figures.
  const sloNotices = state.slo.data?.notices ?? [];
  return (
    <>
      {staleness.since !== undefined && (
        <div role="alert" className={cx(styles.notice, styles.staleNotice)} data-testid={testIds.wall.stale}>
          {`Stale since ${formatClockTime(staleness.since)}: ${staleSummary(staleness)}. Showing the last figures; retrying.`}
          {details(staleness).map((detail) => (
            <div key={detail} className={styles.noticeDetail}>
              {detail}
            </div>
          ))}
        </div>
      )}
      {sloNotices.length > 0 && (
        <div className={cx(styles.notice, styles.warningNotice)} data-testid={testIds.wall.sloNotices}>
          {'Some budgets and health scores are old or missing: '}
          {sloNotices.slice(0, MAX_NOTICES).join('; ')}
          {sloNotices.length > MAX_NOTICES ? `; and ${sloNotices.length - MAX_NOTICES} more` : ''}
        </div>
      )}
      {sloMissing && (
        <div className={cx(styles.notice, styles.infoNotice)} data-testid={testIds.wall.sloUnavailable}>
          {`Budgets, burn rates and health scores are unavailable: ${state.slo.error}`}
        </div>
      )}
    </>
  );
}
