import { useStyles2, TextLink } from '@grafana/ui';
import { type CatalogService, type OnCallResponse, type OnCallShift, type ServiceSlo } from '@opsdeck/contract';
import { playbooksByServiceUrl, RunbookLink, usePlaybookOptions } from '@/components/PlaybookLink';
import { testIds } from '@/components/testIds';
import { formatDateTime } from '@/components/Timeline/formatTime';
import { StatusIndicator } from '@/pages/Overview/StatusIndicator';
import { HealthBreakdown, HealthScore } from '../HealthScore';
import { onCallFor } from '../sloFigures';
import { sectionStyles } from './sectionStyles';

interface Props {
  catalog: CatalogService;
  slo?: ServiceSlo;
  onCall?: OnCallResponse;
}

function people(shifts: OnCallShift[], until: 'end' | 'start'): string {
  if (shifts.length === 0) {
    return 'Nobody';
  }
  return shifts
    .map((s) => {
      const at = until === 'end' ? s.end : s.start;
      return at ? `${s.person.name} (${until === 'end' ? 'until' : 'from'} ${formatDateTime(at)})` : s.person.name;
    })
    .join(', ');
}

/** Who owns the service, how it is doing, who answers the page now and next, and where its runbook and playbooks are. */
export function ServiceSummary({ catalog, slo, onCall }: Props) {
  const styles = useStyles2(sectionStyles);
  const playbooks = usePlaybookOptions();
  const now = onCallFor(onCall, catalog.name, catalog.team, 'now');
  const next = onCallFor(onCall, catalog.name, catalog.team, 'next');
  return (
    <section aria-labelledby="opsdeck-service-summary" className={styles.section} data-testid={testIds.service.summary}>
      <h2 id="opsdeck-service-summary" className={styles.heading}>
        {catalog.displayName ?? catalog.name}
      </h2>
      {catalog.description && <p className={styles.secondary}>{catalog.description}</p>}
      <dl className={styles.facts}>
        <div>
          <dt>Status</dt>
          <dd>{slo ? <StatusIndicator status={slo.status} testId={testIds.service.status} /> : 'No data'}</dd>
        </div>
        <div>
          <dt>Health score</dt>
          <dd>{slo ? <HealthScore health={slo.health} testId={testIds.service.health} /> : 'No data'}</dd>
        </div>
        <div>
          <dt>Team · tier</dt>
          <dd>
            {catalog.team} · tier {catalog.tier}
          </dd>
        </div>
        <div>
          <dt>Owners</dt>
          <dd>{catalog.owners.length > 0 ? catalog.owners.join(', ') : 'None listed'}</dd>
        </div>
        <div data-testid={testIds.service.onCall}>
          <dt>On call now</dt>
          <dd>{people(now, 'end')}</dd>
        </div>
        <div>
          <dt>On call next</dt>
          <dd>{people(next, 'start')}</dd>
        </div>
        <div>
          <dt>Runbook</dt>
          <dd data-testid={testIds.service.runbook}>
            {catalog.runbookUrl ? (
              <RunbookLink url={catalog.runbookUrl}>Open the runbook</RunbookLink>
            ) : (
              'None in the catalog'
            )}
          </dd>
        </div>
        <div>
          <dt>Playbooks</dt>
          <dd data-testid={testIds.service.playbooks}>
            <TextLink
              href={playbooksByServiceUrl(catalog.name, playbooks)}
              external={Boolean(playbooks.baseUrl)}
              icon="book-open"
            >
              Playbooks by service
            </TextLink>
          </dd>
        </div>
      </dl>
      {slo && (
        <details>
          <summary>Why the health score is {Math.round(slo.health.score)}</summary>
          <HealthBreakdown health={slo.health} />
        </details>
      )}
    </section>
  );
}
