import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, Alert as Notice, LoadingPlaceholder, Stack, useStyles2 } from '@grafana/ui';
import { useSearchParams } from 'react-router-dom';
import { type EventSourceFactory, type GatewayClient } from '@/api';
import { prefixRoute, ROUTES } from '@/constants';
import { downloadText } from '@/components/download';
import { testIds } from '@/components/testIds';
import { type ExportFormat, incidentsFileName, incidentsToCsv, incidentsToJson } from './exportIncidents';
import { IncidentDetail } from './IncidentDetail';
import { IncidentList } from './IncidentList';
import { useIncidents } from './useIncidents';

/** URL parameter of the incident shown in detail, so an incident has a deep link. */
export const INCIDENT_PARAM = 'incident';

interface Props {
  client: GatewayClient;
  canEdit: boolean;
  eventSources?: EventSourceFactory;
  /** Stamps the export's file name; tests hand in a fixed one. */
  now?: () => number;
}

const MIME: Record<ExportFormat, string> = { csv: 'text/csv;charset=utf-8', json: 'application/json' };

export function IncidentsView({ client, canEdit, eventSources, now = Date.now }: Props) {
  const styles = useStyles2(getStyles);
  const [params, setParams] = useSearchParams();
  const { open, openTotal, showMore, recent, error, loading, version } = useIncidents(client, eventSources);
  const selectedId = params.get(INCIDENT_PARAM) ?? undefined;
  const select = (id: string) => setParams(new URLSearchParams({ [INCIDENT_PARAM]: id }));
  const alertLink = (alertId: string) =>
    `${prefixRoute(ROUTES.Alerts)}?status=all&alert=${encodeURIComponent(alertId)}`;
  // The lists as shown: open incidents as far as "Show more" has loaded, and the recently resolved.
  const exportAs = (format: ExportFormat) => {
    const lists = { open: open ?? [], recentlyResolved: recent ?? [] };
    const at = now();
    const text = format === 'csv' ? incidentsToCsv(lists) : incidentsToJson(lists, at, openTotal);
    downloadText(incidentsFileName(format, at), MIME[format], text);
  };

  return (
    <div className={styles.page}>
      {error && (
        <Notice severity="error" title="Could not load incidents" data-testid={testIds.incidents.error}>
          {error}
        </Notice>
      )}
      {!open && loading && <LoadingPlaceholder text="Loading incidents…" data-testid={testIds.incidents.loading} />}
      <div className={styles.columns}>
        {open && recent && (
          <div className={styles.lists}>
            <Stack direction="row" wrap="wrap" gap={1}>
              {(['csv', 'json'] as const).map((format) => (
                <Button
                  key={format}
                  size="sm"
                  variant="secondary"
                  icon="download-alt"
                  disabled={open.length + recent.length === 0}
                  onClick={() => exportAs(format)}
                  data-testid={testIds.incidents.exportButton(format)}
                >
                  Export {format.toUpperCase()} ({open.length + recent.length})
                </Button>
              ))}
            </Stack>
            <IncidentList
              title="Open"
              incidents={open}
              total={openTotal}
              onShowMore={showMore}
              selectedId={selectedId}
              testId={testIds.incidents.openList}
              emptyText="No open incidents."
              onSelect={(i) => select(i.id)}
            />
            <IncidentList
              title="Recently resolved"
              incidents={recent}
              selectedId={selectedId}
              testId={testIds.incidents.recentList}
              emptyText="None resolved recently."
              onSelect={(i) => select(i.id)}
            />
          </div>
        )}
        {selectedId && (
          <IncidentDetail
            client={client}
            incidentId={selectedId}
            version={version}
            canEdit={canEdit}
            alertLink={alertLink}
          />
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  // Stacked on a phone; list and detail side by side from the md breakpoint.
  columns: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: theme.spacing(2),
    [theme.breakpoints.up('md')]: { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 2fr)' },
  }),
  lists: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
});
