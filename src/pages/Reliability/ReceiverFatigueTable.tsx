import { useStyles2 } from '@grafana/ui';
import { type ReceiverFatigue } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { formatScore, formatShare, scoreBars } from './fatigueFigures';
import { reliabilitySectionStyles } from './sectionStyles';
import { WorstFirstBars } from './WorstFirstBars';

/** Per Alertmanager receiver (route): which notification targets carry the noise, highest score first. */
export function ReceiverFatigueTable({ receivers }: { receivers: ReceiverFatigue[] }) {
  const styles = useStyles2(reliabilitySectionStyles);
  return (
    <section aria-labelledby="opsdeck-fatigue-receivers" className={styles.section}>
      <h3 id="opsdeck-fatigue-receivers" className={styles.subheading}>
        Receivers, noisiest first
      </h3>
      {receivers.length === 0 ? (
        <p className={styles.secondary}>No alert in this period came through an Alertmanager receiver.</p>
      ) : (
        <div className={styles.pair}>
          <WorstFirstBars
            bars={scoreBars(
              receivers,
              (r) => r.receiver,
              (r) => r.figures
            )}
            label="Alert-fatigue score per receiver, highest first"
            max={100}
            testId={testIds.reliability.chart('fatigue-receivers')}
            barTestId={(key) => testIds.reliability.chartBar('fatigue-receivers', key)}
          />
          <div className={styles.scroll} tabIndex={0} role="region" aria-label="Receivers, scrolls sideways">
            <table className={styles.table} data-testid={testIds.reliability.fatigue.receiverTable}>
              <thead>
                <tr>
                  <th scope="col">Receiver</th>
                  <th scope="col">Score</th>
                  <th scope="col">Alerts</th>
                  <th scope="col">Pages (in sleep hours)</th>
                  <th scope="col">Never acknowledged</th>
                  <th scope="col">Auto-resolved</th>
                </tr>
              </thead>
              <tbody>
                {receivers.map(({ receiver, figures: f }) => {
                  const cell = (column: string) => testIds.reliability.fatigue.receiverCell(receiver, column);
                  return (
                    <tr key={receiver} data-testid={testIds.reliability.fatigue.receiverRow(receiver)}>
                      <th scope="row">{receiver}</th>
                      <td data-testid={cell('score')}>{formatScore(f.score.score)}</td>
                      <td data-testid={cell('alerts')}>{f.alerts}</td>
                      <td data-testid={cell('interruptions')}>
                        {f.interruptions} ({f.interruptionsByHours.sleep})
                      </td>
                      <td data-testid={cell('never_acknowledged')}>{formatShare(f.neverAcknowledged)}</td>
                      <td data-testid={cell('auto_resolved')}>{formatShare(f.autoResolved)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
