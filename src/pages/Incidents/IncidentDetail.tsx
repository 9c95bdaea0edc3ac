import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, LoadingPlaceholder, TextLink, useStyles2 } from '@grafana/ui';
import { useEffect, useState } from 'react';
import { type GatewayClient, toGatewayError, useGatewayMode } from '@/api';
import { ActionBar, incidentTarget } from '@/components/Actions';
import { PlaybookLink, RunbookLink, usePlaybookOptions } from '@/components/PlaybookLink';
import { Timeline } from '@/components/Timeline/Timeline';
import { formatDateTime } from '@/components/Timeline/formatTime';
import { testIds } from '@/components/testIds';
import { playbookForIncident, type IncidentDetailResponse } from '@opsdeck/contract';
import { SeverityBadge, StatusBadge } from '@/pages/Alerts/AlertBadges';
import { PostmortemEditor } from './PostmortemEditor';

interface Props {
  client: GatewayClient;
  incidentId: string;
  /** Changes on every live incident event: the detail reloads. */
  version: number;
  canEdit: boolean;
  alertLink: (alertId: string) => string;
}

/** One incident: facts, its runbook and playbook, timeline, its alerts and the post-mortem. */
export function IncidentDetail({ client, incidentId, version, canEdit, alertLink }: Props) {
  const styles = useStyles2(getStyles);
  const [detail, setDetail] = useState<IncidentDetailResponse>();
  const [error, setError] = useState<string>();
  // Actions taken here reload the detail at once, before the live event arrives.
  const [acted, setActed] = useState(0);
  const mode = useGatewayMode(client);
  const playbooks = usePlaybookOptions();

  useEffect(() => {
    let current = true;
    client.incident(incidentId).then(
      (loaded) => current && (setDetail(loaded), setError(undefined)),
      (err) => current && setError(toGatewayError(err).message)
    );
    return () => {
      current = false;
    };
  }, [client, incidentId, version, acted]);

  if (error) {
    return (
      <Notice severity="error" title="Could not load the incident" data-testid={testIds.incidents.error}>
        {error}
      </Notice>
    );
  }
  if (!detail || detail.incident.id !== incidentId) {
    return <LoadingPlaceholder text="Loading incident…" />;
  }
  const { incident, alerts } = detail;
  const runbookUrl = alerts.find((a) => a.runbookUrl)?.runbookUrl;
  return (
    <section aria-labelledby="opsdeck-incident-title" className={styles.detail} data-testid={testIds.incidents.detail}>
      <h2 id="opsdeck-incident-title" className={styles.title}>
        {incident.title}
      </h2>
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd>{incident.status}</dd>
        <dt>Severity</dt>
        <dd>
          <SeverityBadge severity={incident.severity} />
        </dd>
        <dt>Service</dt>
        <dd>{incident.service ?? 'not in the catalog'}</dd>
        <dt>Opened</dt>
        <dd>{formatDateTime(incident.createdAt)}</dd>
        <dt>Source</dt>
        <dd>
          {incident.source} {incident.externalId}
        </dd>
      </dl>
      <div className={styles.links}>
        {runbookUrl ? (
          <RunbookLink url={runbookUrl} testId={testIds.incidents.runbook}>
            Runbook
          </RunbookLink>
        ) : (
          <span data-testid={testIds.incidents.runbook}>No runbook linked</span>
        )}
        <PlaybookLink playbook={playbookForIncident(incident, alerts, playbooks)} testId={testIds.incidents.playbook} />
      </div>
      {canEdit && (
        <ActionBar
          client={client}
          target={incidentTarget(incident, alerts, mode)}
          onDone={() => setActed((n) => n + 1)}
        />
      )}
      <h3 className={styles.heading}>Timeline</h3>
      <Timeline
        entries={incident.timeline}
        testId={testIds.incidents.timeline}
        itemTestId={testIds.incidents.timelineEntry}
      />
      <h3 className={styles.heading}>Alerts ({alerts.length})</h3>
      <ul className={styles.alerts}>
        {alerts.map((alert) => (
          <li key={alert.id} className={styles.alert}>
            <StatusBadge status={alert.status} />
            <TextLink href={alertLink(alert.id)} inline={false}>
              {alert.summary}
            </TextLink>
          </li>
        ))}
      </ul>
      <PostmortemEditor client={client} detail={detail} canEdit={canEdit} />
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  detail: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
    padding: theme.spacing(2),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
    overflowWrap: 'anywhere',
  }),
  title: css({ fontSize: theme.typography.h4.fontSize, margin: 0 }),
  heading: css({ fontSize: theme.typography.h5.fontSize, margin: 0 }),
  links: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(0.5, 2),
    margin: 0,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0 },
  }),
  alerts: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  alert: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', minWidth: 0 }),
});
