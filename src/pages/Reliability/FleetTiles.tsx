import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type DurationDistribution, type FigureTrend, type ReliabilityRow } from '@opsdeck/contract';
import { formatDuration } from '@/components/format';
import { boxStyle } from '@/components/layoutStyles';
import { testIds } from '@/components/testIds';
import { compareFigures, countLabel, type FigureKind } from './reliabilityFigures';
import { Trend } from './Trend';

type TileId = 'mtta' | 'mttr' | 'mttrP90' | 'mtbf';

interface Tile {
  id: TileId;
  title: string;
  description: string;
  kind: FigureKind;
  figure?: DurationDistribution;
  value?: number;
  trend?: FigureTrend;
}

function tilesOf(fleet: ReliabilityRow): Tile[] {
  const { current, previous, trend } = fleet;
  return [
    {
      id: 'mtta',
      title: 'MTTA',
      description: 'Mean time to acknowledge',
      kind: 'mtta',
      figure: current.mtta,
      value: current.mtta?.mean,
      trend: trend.mtta,
    },
    {
      id: 'mttr',
      title: 'MTTR',
      description: 'Mean time to resolve',
      kind: 'mttr',
      figure: current.mttr,
      value: current.mttr?.mean,
      trend: trend.mttr,
    },
    {
      id: 'mttrP90',
      title: 'MTTR p90',
      description: '9 in 10 incidents resolved within',
      kind: 'mttr',
      figure: current.mttr,
      value: current.mttr?.p90,
      // The gateway trends means only; the p90's change is the same comparison on the p90s.
      trend: compareFigures(current.mttr, previous.mttr, 'p90'),
    },
    {
      id: 'mtbf',
      title: 'MTBF',
      description: 'Mean time between failures',
      kind: 'mtbf',
      figure: current.mtbf,
      value: current.mtbf?.mean,
      trend: trend.mtbf,
    },
  ];
}

/** The fleet's four headline figures: each with the count it stands on and its change against the period before. */
export function FleetTiles({ fleet }: { fleet: ReliabilityRow }) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.tiles} aria-label="Fleet reliability figures" data-testid={testIds.reliability.tiles}>
      {tilesOf(fleet).map((tile) => (
        <li key={tile.id} className={styles.tile} data-testid={testIds.reliability.tile(tile.id)}>
          <span className={styles.title}>
            {tile.title} <span className={styles.description}>{tile.description}</span>
          </span>
          <span className={styles.value} data-testid={testIds.reliability.tileValue(tile.id)}>
            {formatDuration(tile.value)}
          </span>
          <span className={styles.description} data-testid={testIds.reliability.tileCount(tile.id)}>
            {countLabel(tile.kind, tile.figure?.count)}
          </span>
          <span className={styles.description}>
            <Trend kind={tile.kind} trend={tile.trend} testId={testIds.reliability.trend(tile.id)} />
            {tile.trend ? ' vs the period before' : ' no figure for the period before'}
          </span>
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tiles: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 200px), 1fr))',
    gap: theme.spacing(1.5),
  }),
  tile: css({ ...boxStyle(theme), display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  title: css({ fontWeight: theme.typography.fontWeightMedium }),
  description: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  value: css({ fontSize: theme.typography.h2.fontSize, fontVariantNumeric: 'tabular-nums', lineHeight: 1.2 }),
});
