import { dateTimeFormat } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type TeamFatigue } from '@opsdeck/contract';
import { NOT_APPLICABLE } from '@/components/format';
import { testIds } from '@/components/testIds';
import { formatMeanCount, heaviestShifts, noShiftsReason, teamsByShiftLoad } from './fatigueFigures';
import { type RankedBar, shareTone } from './rankedBars';
import { reliabilitySectionStyles } from './sectionStyles';
import { WorstFirstBars } from './WorstFirstBars';

const formatShiftTime = (ms: number, timeZone: string) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm', timeZone });

/** Pages per first-level on-call shift, per team (heaviest first), and the heaviest shifts themselves. */
export function ShiftLoad({ teams }: { teams: TeamFatigue[] }) {
  const styles = useStyles2(reliabilitySectionStyles);
  const reason = noShiftsReason(teams);
  const byLoad = teamsByShiftLoad(teams);
  const worst = Math.max(0, ...byLoad.map((t) => t.perShift?.interruptions.mean ?? 0));
  const bars: RankedBar[] = byLoad
    .filter((t) => t.perShift)
    .map((t) => ({
      key: t.team,
      label: t.team,
      value: t.perShift!.interruptions.mean,
      text: `${formatMeanCount(t.perShift!.interruptions.mean)} pages a shift`,
      tone: shareTone(t.perShift!.interruptions.mean, worst),
    }));
  const heaviest = heaviestShifts(teams);
  return (
    <section
      aria-labelledby="opsdeck-fatigue-shifts"
      className={styles.section}
      data-testid={testIds.reliability.fatigue.shifts}
    >
      <h3 id="opsdeck-fatigue-shifts" className={styles.subheading}>
        Pages per on-call shift
      </h3>
      {reason ? (
        <p className={styles.secondary} data-testid={testIds.reliability.fatigue.shiftsEmpty}>
          {reason}
        </p>
      ) : (
        <>
          <p className={styles.secondary}>
            First-level shifts overlapping the period; sleep hours in each team&apos;s own time zone.
          </p>
          <div className={styles.pair}>
            <WorstFirstBars
              bars={bars}
              label="Mean pages per on-call shift per team, heaviest first"
              max={worst}
              testId={testIds.reliability.chart('fatigue-shifts')}
              barTestId={(key) => testIds.reliability.chartBar('fatigue-shifts', key)}
            />
            <div className={styles.scroll} tabIndex={0} role="region" aria-label="Pages per shift, scrolls sideways">
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col">Shifts</th>
                    <th scope="col">Pages a shift (max)</th>
                    <th scope="col">Sleep-hour pages a shift (max)</th>
                  </tr>
                </thead>
                <tbody>
                  {byLoad.map((team) => {
                    const cell = (column: string) => testIds.reliability.fatigue.shiftTeamCell(team.team, column);
                    const load = team.perShift;
                    return (
                      <tr key={team.team} data-testid={testIds.reliability.fatigue.shiftTeamRow(team.team)}>
                        <th scope="row">{team.team}</th>
                        <td data-testid={cell('shifts')}>{load ? load.shifts : 'no shift history'}</td>
                        <td data-testid={cell('interruptions')}>
                          {load
                            ? `${formatMeanCount(load.interruptions.mean)} (${load.interruptions.max})`
                            : NOT_APPLICABLE}
                        </td>
                        <td data-testid={cell('sleep')}>
                          {load
                            ? `${formatMeanCount(load.sleepInterruptions.mean)} (${load.sleepInterruptions.max})`
                            : NOT_APPLICABLE}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
          <h4 className={styles.subheading}>Heaviest shifts</h4>
          <div className={styles.scroll} tabIndex={0} role="region" aria-label="Heaviest shifts, scrolls sideways">
            <table className={styles.table} data-testid={testIds.reliability.fatigue.heaviestShifts}>
              <thead>
                <tr>
                  <th scope="col">On call</th>
                  <th scope="col">Team</th>
                  <th scope="col">Schedule</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Pages</th>
                  <th scope="col">In sleep hours</th>
                  <th scope="col">Alerts</th>
                </tr>
              </thead>
              <tbody>
                {heaviest.map((s) => (
                  <tr key={`${s.team}/${s.schedule}/${s.person}/${s.start}`}>
                    <th scope="row">{s.person}</th>
                    <td>{s.team}</td>
                    <td>{s.schedule}</td>
                    <td>{formatShiftTime(s.start, s.timeZone)}</td>
                    <td>{formatShiftTime(s.end, s.timeZone)}</td>
                    <td>{s.interruptions}</td>
                    <td>{s.interruptionsByHours.sleep}</td>
                    <td>{s.alerts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
