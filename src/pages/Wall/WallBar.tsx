import { testIds } from '@/components/testIds';
import { formatClockTime } from './wallFormat';
import { type WallStyles } from './wallStyles';
import { type FleetCounts } from './wallTiles';

export interface WallBarProps {
  /** The team on screen; undefined = the whole fleet. */
  team?: string;
  /** "2 of 3" while rotating. */
  position?: { index: number; of: number; everySeconds: number };
  counts: FleetCounts;
  demo: boolean;
  now: number;
  /** Absent in kiosk mode, where Grafana's chrome (and this link) are hidden. */
  kioskHref?: string;
  styles: WallStyles;
}

/** The line above the tiles: which team, the whole fleet's trouble in numbers (other teams included), the time. */
export function WallBar({ team, position, counts, demo, now, kioskHref, styles }: WallBarProps) {
  const count = (id: Parameters<typeof testIds.wall.fleetCount>[0], value: number, label: string) => (
    <li data-testid={testIds.wall.fleetCount(id)}>{`${value} ${label}`}</li>
  );
  return (
    <div className={styles.bar}>
      <h2 className={styles.team} data-testid={testIds.wall.team}>
        {team === undefined ? 'All teams' : `Team ${team}`}
      </h2>
      {position && (
        <span
          className={styles.rotation}
        >{`${position.index} of ${position.of}, next team every ${position.everySeconds} s`}</span>
      )}
      <ul className={styles.counts} aria-label="Whole fleet">
        {count('down', counts.down, 'down')}
        {count('degraded', counts.degraded, 'degraded')}
        {count('ok', counts.ok, 'OK')}
        {count('burning', counts.burning, counts.burning === 1 ? 'burning budget' : 'burning budgets')}
        {count('incidents', counts.openIncidents, counts.openIncidents === 1 ? 'open incident' : 'open incidents')}
      </ul>
      {demo && (
        <span className={styles.demo} data-testid={testIds.wall.demoBadge}>
          Demo data
        </span>
      )}
      <time className={styles.clock} dateTime={new Date(now).toISOString()} data-testid={testIds.wall.clock}>
        {formatClockTime(now)}
      </time>
      {kioskHref && (
        <a className={styles.kioskLink} href={kioskHref} data-testid={testIds.wall.kioskLink}>
          Kiosk mode
        </a>
      )}
    </div>
  );
}
