import { cx } from '@emotion/css';
import { type IconName } from '@grafana/data';
import { Icon } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { statusLabel } from '@/pages/Overview/StatusIndicator';
import { formatBudget, formatBurnRate, formatClockTime, formatCount, formatScore } from './wallFormat';
import { type WallStyles } from './wallStyles';
import { type WallTile as Tile } from './wallTiles';

const ICONS: Record<Tile['status'], IconName> = {
  ok: 'check-circle',
  degraded: 'exclamation-triangle',
  down: 'times-circle',
  unknown: 'question-circle',
};

export interface TileStaleness {
  /** Status and incidents are the last known, as of this time. */
  fleetSince?: number;
  /** Health, budget and burning are the last known, as of this time. */
  sloSince?: number;
}

function Figure({
  label,
  value,
  stale,
  testId,
  styles,
}: {
  label: string;
  value: string;
  stale: boolean;
  testId: string;
  styles: WallStyles;
}) {
  return (
    <div className={styles.figure}>
      <dt className={styles.figureLabel}>{label}</dt>
      <dd className={cx(styles.figureValue, stale && styles.staleValue)} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** One service, everything written out: a TV has no hover. */
export function WallTile({ tile, stale, styles }: { tile: Tile; stale: TileStaleness; styles: WallStyles }) {
  const { service } = tile;
  const since = [stale.fleetSince, stale.sloSince].filter((t): t is number => t !== undefined);
  const isStale = since.length > 0;
  return (
    <li
      className={cx(styles.tile, styles[tile.status], isStale && styles.staleTile)}
      data-testid={testIds.wall.tile(service)}
      data-status={tile.status}
      data-stale={isStale}
    >
      <h3 className={styles.name} data-testid={testIds.wall.tileName(service)}>
        {service}
      </h3>
      <span
        className={cx(styles.status, styles[`${tile.status}Text`], stale.fleetSince !== undefined && styles.staleValue)}
        data-testid={testIds.wall.tileStatus(service)}
        data-status={tile.status}
      >
        <Icon name={ICONS[tile.status]} className={styles.statusIcon} aria-hidden />
        {statusLabel(tile.status)}
      </span>
      <dl className={styles.figures}>
        <Figure
          label="Health"
          value={formatScore(tile.healthScore)}
          stale={stale.sloSince !== undefined}
          testId={testIds.wall.tileFigure(service, 'health')}
          styles={styles}
        />
        <Figure
          label="Budget left"
          value={formatBudget(tile.budgetRemaining)}
          stale={stale.sloSince !== undefined}
          testId={testIds.wall.tileFigure(service, 'budget')}
          styles={styles}
        />
        <Figure
          label="Open incidents"
          value={formatCount(tile.openIncidents)}
          stale={stale.fleetSince !== undefined}
          testId={testIds.wall.tileFigure(service, 'incidents')}
          styles={styles}
        />
      </dl>
      {tile.burning.length > 0 && (
        <ul className={styles.burning} data-testid={testIds.wall.tileBurning(service)}>
          {tile.burning.map((b) => (
            <li key={b.objective} className={styles[b.severity]}>
              {`Burning ${b.objective}: ${formatBurnRate(b.burnRate)} over ${b.longWindow} (${b.severity})`}
            </li>
          ))}
        </ul>
      )}
      {isStale && (
        <span className={styles.staleTag} data-testid={testIds.wall.tileStale(service)}>
          {`Stale: as of ${formatClockTime(Math.min(...since))}`}
        </span>
      )}
    </li>
  );
}
