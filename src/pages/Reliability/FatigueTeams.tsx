import { useStyles2 } from '@grafana/ui';
import { type TeamFatigue } from '@opsdeck/contract';
import { formatDuration } from '@/components/format';
import { testIds } from '@/components/testIds';
import { COMPONENT_IDS, componentPoints, formatScore, scoreBars } from './fatigueFigures';
import { reliabilitySectionStyles } from './sectionStyles';
import { WorstFirstBars } from './WorstFirstBars';

/** Each team's 0–100 score, worst first, and the five components it is the sum of. */
export function FatigueTeams({ teams }: { teams: TeamFatigue[] }) {
  const styles = useStyles2(reliabilitySectionStyles);
  return (
    <section aria-labelledby="opsdeck-fatigue-teams" className={styles.section}>
      <h3 id="opsdeck-fatigue-teams" className={styles.subheading}>
        Teams, most fatigued first
      </h3>
      <div className={styles.pair}>
        <WorstFirstBars
          bars={scoreBars(
            teams,
            (t) => t.team,
            (t) => t.figures
          )}
          label="Alert-fatigue score per team, 0 to 100, highest first"
          max={100}
          testId={testIds.reliability.chart('fatigue-teams')}
          barTestId={(key) => testIds.reliability.chartBar('fatigue-teams', key)}
        />
        <div className={styles.scroll} tabIndex={0} role="region" aria-label="Team fatigue scores, scrolls sideways">
          <table className={styles.table} data-testid={testIds.reliability.fatigue.teamTable}>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Score</th>
                {COMPONENT_IDS.map((c) => (
                  <th key={c.id} scope="col">
                    {c.header}
                  </th>
                ))}
                <th scope="col">Alerts</th>
                <th scope="col">Pages (in sleep hours)</th>
                <th scope="col">MTTA</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => {
                const cell = (column: string) => testIds.reliability.fatigue.teamCell(team.team, column);
                const f = team.figures;
                return (
                  <tr key={team.team} data-testid={testIds.reliability.fatigue.teamRow(team.team)}>
                    <th scope="row">{team.team}</th>
                    <td data-testid={cell('score')}>{formatScore(f.score.score)}</td>
                    {COMPONENT_IDS.map((c) => (
                      <td key={c.id} data-testid={cell(c.id)}>
                        {componentPoints(f.score.components, c.id)}
                      </td>
                    ))}
                    <td data-testid={cell('alerts')}>{f.alerts}</td>
                    <td data-testid={cell('interruptions')}>
                      {f.interruptions} ({f.interruptionsByHours.sleep})
                    </td>
                    <td data-testid={cell('mtta')}>{formatDuration(f.mtta)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
