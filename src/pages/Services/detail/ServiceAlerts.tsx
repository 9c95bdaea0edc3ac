import { css } from '@emotion/css';
import { Alert as Notice, Button, TextLink, useStyles2 } from '@grafana/ui';
import { useState } from 'react';
import { type GatewayClient, useGatewayMode } from '@/api';
import { ActionBar, type ActionTarget, alertTarget, incidentTarget, touchTargets } from '@/components/Actions';
import { PlaybookLink, usePlaybookOptions } from '@/components/PlaybookLink';
import { playbookFor, playbookForIncident, type Alert, type IncidentSummary } from '@opsdeck/contract';
import { formatTimeAgo } from '@/components/format';
import { testIds } from '@/components/testIds';
import { prefixRoute, ROUTES } from '@/constants';
import { type AckOutcome, describeAckError, describeSingleResult } from '@/pages/Alerts/acknowledge';
import { SeverityBadge, StatusBadge } from '@/pages/Alerts/AlertBadges';
import { ALERT_PARAM } from '@/pages/Alerts/alertFilters';
import { INCIDENT_PARAM } from '@/pages/Incidents/IncidentsView';
import { sectionStyles } from './sectionStyles';

interface Props {
  client: GatewayClient;
  service: string;
  alerts: Alert[];
  incidents: IncidentSummary[];
  /** Editors and above; Viewers get no button (Grafana's proxy would refuse them anyway). */
  canAcknowledge: boolean;
  onChanged: () => void;
}

/** The opened action bar takes a line of its own below the row. */
const fullLine = css({ flexBasis: '100%', minWidth: 0 });

const alertsPage = (query: Record<string, string>) =>
  `${prefixRoute(ROUTES.Alerts)}?${new URLSearchParams(query).toString()}`;

/** What is open on the service now, each linked to its page and playbook, with the acknowledge action of the Alerts page. */
export function ServiceAlerts({ client, service, alerts, incidents, canAcknowledge, onChanged }: Props) {
  const styles = useStyles2(sectionStyles);
  const [outcome, setOutcome] = useState<AckOutcome>();
  const [acting, setActing] = useState<string>();
  /** The alert or incident whose action bar is open (one at a time, so the list stays short on a phone). */
  const [open, setOpen] = useState<string>();
  const mode = useGatewayMode(client);
  const playbooks = usePlaybookOptions();
  const moreActions = (target: ActionTarget) =>
    canAcknowledge && (
      <>
        <Button
          size="sm"
          variant="secondary"
          fill="outline"
          icon={open === target.id ? 'angle-up' : 'angle-down'}
          className={touchTargets.control}
          onClick={() => setOpen(open === target.id ? undefined : target.id)}
          aria-expanded={open === target.id}
          aria-label={`Actions on ${target.title}`}
          data-testid={testIds.service.actionsToggle(target.id)}
        >
          Actions
        </Button>
        {open === target.id && (
          <div className={fullLine}>
            <ActionBar client={client} target={target} onDone={onChanged} />
          </div>
        )}
      </>
    );

  const acknowledge = async (alert: Alert) => {
    setActing(alert.id);
    try {
      setOutcome(describeSingleResult(await client.acknowledgeAlert(alert.id)));
    } catch (err) {
      setOutcome(describeAckError(err));
    } finally {
      setActing(undefined);
      onChanged();
    }
  };

  return (
    <section aria-labelledby="opsdeck-service-alerts" className={styles.section} data-testid={testIds.service.alerts}>
      <div className={styles.line}>
        <h2 id="opsdeck-service-alerts" className={styles.heading}>
          Open incidents and alerts
        </h2>
        <TextLink href={alertsPage({ service })} inline={false}>
          All alerts of {service}
        </TextLink>
      </div>
      {outcome && (
        <Notice
          severity={outcome.severity}
          title={outcome.text}
          data-testid={testIds.service.actionResult}
          onRemove={() => setOutcome(undefined)}
        />
      )}
      <h3 className={styles.subheading}>Incidents ({incidents.length})</h3>
      {incidents.length === 0 ? (
        <p className={styles.secondary}>No open incident.</p>
      ) : (
        <ul className={styles.list}>
          {incidents.map((incident) => (
            <li key={incident.id} className={styles.line} data-testid={testIds.service.incident(incident.id)}>
              <SeverityBadge severity={incident.severity} />
              <TextLink
                href={`${prefixRoute(ROUTES.Incidents)}?${INCIDENT_PARAM}=${encodeURIComponent(incident.id)}`}
                inline={false}
              >
                {incident.title}
              </TextLink>
              <span className={styles.secondary}>
                {incident.status}, {incident.source}, opened {formatTimeAgo(incident.createdAt)}
              </span>
              <PlaybookLink
                playbook={playbookForIncident(incident, alerts, playbooks)}
                testId={testIds.service.playbook(incident.id)}
                inline={false}
              />
              {moreActions(incidentTarget(incident, alerts, mode))}
            </li>
          ))}
        </ul>
      )}
      <h3 className={styles.subheading}>Alerts ({alerts.length})</h3>
      {alerts.length === 0 ? (
        <p className={styles.secondary}>No open alert.</p>
      ) : (
        <ul className={styles.list}>
          {alerts.map((alert) => (
            <li key={alert.id} className={styles.line} data-testid={testIds.service.alert(alert.id)}>
              <SeverityBadge severity={alert.severity} />
              <StatusBadge status={alert.status} />
              <TextLink href={alertsPage({ service, [ALERT_PARAM]: alert.id })} inline={false}>
                {alert.summary}
              </TextLink>
              <span className={styles.secondary}>
                {alert.source}, started {formatTimeAgo(alert.startsAt)}
              </span>
              <PlaybookLink
                playbook={playbookFor(alert, playbooks)}
                testId={testIds.service.playbook(alert.id)}
                inline={false}
              />
              {canAcknowledge && alert.status === 'firing' && (
                <Button
                  size="sm"
                  icon="check"
                  variant="secondary"
                  className={touchTargets.control}
                  onClick={() => acknowledge(alert)}
                  disabled={acting !== undefined}
                  aria-label={`Acknowledge ${alert.summary}`}
                  data-testid={testIds.service.alertAcknowledge(alert.id)}
                >
                  Acknowledge
                </Button>
              )}
              {moreActions(alertTarget(alert, mode))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
