import { cx } from '@emotion/css';
import { LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';
import { type Clock, type EventSourceFactory, type GatewayClient, systemClock } from '@/api';
import { testIds } from '@/components/testIds';
import { shownTeam } from './rotation';
import { wallStaleness } from './staleness';
import { useRotation } from './useRotation';
import { useWallClock } from './useWallClock';
import { useWallFeed } from './useWallFeed';
import { WallBar } from './WallBar';
import { formatClockTime } from './wallFormat';
import { WallNotices } from './WallNotices';
import { type WallSettings } from './wallSettings';
import { getWallStyles } from './wallStyles';
import { WallTile } from './WallTile';
import { countFleet, joinTiles, orderTiles, teamsOf } from './wallTiles';

export interface WallProps {
  client: GatewayClient;
  settings: WallSettings;
  /** Where the kiosk link points; absent in kiosk mode. */
  kioskHref?: string;
  /** Tests hand in a clock they advance and a fake EventSource. */
  clock?: Clock;
  eventSources?: EventSourceFactory;
}

/** The fleet for a TV across the room: one tile per service, trouble first, one team at a time. */
export function Wall({ client, settings, kioskHref, clock = systemClock, eventSources }: WallProps) {
  const styles = useStyles2(getWallStyles);
  const intervalMs = settings.refreshSeconds * 1000;
  const state = useWallFeed(client, intervalMs, clock, eventSources);
  const now = useWallClock(clock);

  const tiles = useMemo(
    () => joinTiles(state.fleet.data?.health.rows ?? [], state.slo.data),
    [state.fleet.data, state.slo.data]
  );
  const teams = useMemo(() => teamsOf(tiles), [tiles]);
  const rotates = settings.team === undefined && settings.rotateSeconds > 0;
  const rotating = useRotation(teams, rotates ? settings.rotateSeconds * 1000 : 0, clock);
  const team = shownTeam(teams, rotating, settings.team, rotates);
  const shown = useMemo(
    () => orderTiles(team === undefined ? tiles : tiles.filter((t) => t.team === team)),
    [tiles, team]
  );
  const counts = useMemo(() => countFleet(tiles), [tiles]);
  const staleness = wallStaleness(state, now, intervalMs);
  const demo = state.fleet.data?.health.demo === true || state.slo.data?.demo === true;

  if (tiles.length === 0 && state.fleet.updatedAt === undefined) {
    if (state.fleet.failingSince !== undefined) {
      return (
        <div role="alert" className={cx(styles.notice, styles.errorNotice)} data-testid={testIds.wall.unreachable}>
          {`Cannot reach the gateway since ${formatClockTime(state.fleet.failingSince)}: ${state.fleet.error ?? 'no answer'}. Retrying.`}
        </div>
      );
    }
    return <LoadingPlaceholder text="Loading the fleet…" data-testid={testIds.wall.loading} />;
  }

  const position =
    rotates && team !== undefined
      ? { index: teams.indexOf(team) + 1, of: teams.length, everySeconds: settings.rotateSeconds }
      : undefined;
  const tileStale = { fleetSince: staleness.fleet?.since, sloSince: staleness.slo?.since };
  return (
    <section className={styles.wall} aria-label="Wall">
      <WallBar
        team={team}
        position={position}
        counts={counts}
        demo={demo}
        now={now}
        kioskHref={kioskHref}
        styles={styles}
      />
      <WallNotices state={state} staleness={staleness} styles={styles} />
      {shown.length === 0 ? (
        <p className={styles.empty} data-testid={testIds.wall.empty}>
          {team === undefined ? 'The catalog has no services.' : `No services of team ${team} in the catalog.`}
        </p>
      ) : (
        <ul className={styles.grid} data-testid={testIds.wall.tiles}>
          {shown.map((tile) => (
            <WallTile key={tile.service} tile={tile} stale={tileStale} styles={styles} />
          ))}
        </ul>
      )}
    </section>
  );
}
