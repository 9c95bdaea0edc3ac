import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Drawer, LoadingPlaceholder, TextLink, useStyles2 } from '@grafana/ui';
import { type ComponentProps, useEffect, useState } from 'react';
import { type Clock, type GatewayClient, toGatewayError } from '@/api';
import { ActionBar, alertTarget } from '@/components/Actions';
import { PlaybookLink, RunbookLink, usePlaybookOptions } from '@/components/PlaybookLink';
import { Timeline } from '@/components/Timeline/Timeline';
import { formatDateTime } from '@/components/Timeline/formatTime';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import { playbookFor, type ActionResult, type Alert, type HealthResponse, type TimelineEntry } from '@opsdeck/contract';
import { SeverityBadge, StatusBadge } from './AlertBadges';
import { alertTimeline } from './alertTimeline';

interface Props {
  client: GatewayClient;
  alertId: string;
  /** The alert as the list has it (kept current by live events); details reload when it changes. */
  listed?: Alert;
  deepLink: string;
  /** Present only for users who may act (Editors): the action bar. */
  actions?: DrawerActions;
  onClose: () => void;
}

export interface DrawerActions {
  client: GatewayClient;
  clock?: Clock;
  /** A keyboard shortcut's request for a form (snooze, note, escalate). */
  requested?: ComponentProps<typeof ActionBar>['requested'];
  /** The gateway's mode (GET /api/health): demo alerts take every action in demo mode. */
  mode?: HealthResponse['mode'];
  onDone: (result: ActionResult) => void;
}

interface Detail {
  alert: Alert;
  timeline: TimelineEntry[];
}

/** The alert with its labels, links, runbook, playbook and timeline; opened from the list or straight from a deep link. */
export function AlertDrawer({ client, alertId, listed, deepLink, actions, onClose }: Props) {
  const styles = useStyles2(getStyles);
  const playbooks = usePlaybookOptions();
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();
  // A note changes the timeline, not the alert: the drawer reloads after every action of its own.
  const [acted, setActed] = useState(0);
  const version = listed?.updatedAt;

  useEffect(() => {
    let current = true;
    (async () => {
      const { alert, incidents, history = [] } = await client.alert(alertId);
      const full = await Promise.all(incidents.map((i) => client.incident(i.id).then((d) => d.incident)));
      return { alert, timeline: alertTimeline(alert, [...full, { timeline: history }]) };
    })().then(
      (loaded) => current && (setDetail(loaded), setError(undefined)),
      (err) => current && setError(toGatewayError(err).message)
    );
    return () => {
      current = false;
    };
  }, [client, alertId, version, acted]);

  const alert = detail?.alert ?? listed;
  return (
    <Drawer title={alert?.summary ?? 'Alert'} onClose={onClose} size="md">
      <div data-testid={testIds.alerts.drawer} className={styles.body}>
        {error && (
          <Notice severity="error" title="Could not load the alert">
            {error}
          </Notice>
        )}
        {!alert && !error && <LoadingPlaceholder text="Loading alert…" />}
        {alert && (
          <>
            <div className={styles.badges}>
              <SeverityBadge severity={alert.severity} />
              <StatusBadge status={alert.status} testId={testIds.alerts.drawerStatus} />
            </div>
            {actions && (
              <ActionBar
                client={actions.client}
                clock={actions.clock}
                requested={actions.requested}
                target={alertTarget(alert, actions.mode)}
                onDone={(result) => {
                  setActed((n) => n + 1);
                  actions.onDone(result);
                }}
              />
            )}
            {alert.description && <p className={styles.description}>{alert.description}</p>}
            <dl className={styles.facts}>
              <dt>Service</dt>
              <dd>
                {alert.service ? (
                  <TextLink href={servicePageUrl(alert.service)}>{alert.service}</TextLink>
                ) : (
                  'not in the catalog'
                )}
              </dd>
              <dt>Team</dt>
              <dd>{alert.team ?? 'unknown'}</dd>
              <dt>Source</dt>
              <dd>{alert.source}</dd>
              <dt>Started</dt>
              <dd>{formatDateTime(alert.startsAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(alert.updatedAt)}</dd>
            </dl>
            <div className={styles.links}>
              {alert.runbookUrl ? (
                <RunbookLink url={alert.runbookUrl} testId={testIds.alerts.drawerRunbook}>
                  Runbook
                </RunbookLink>
              ) : (
                <span data-testid={testIds.alerts.drawerRunbook}>No runbook linked</span>
              )}
              <PlaybookLink playbook={playbookFor(alert, playbooks)} testId={testIds.alerts.drawerPlaybook} />
              {alert.links.map((link) => (
                <TextLink key={link.url} href={link.url} external>
                  {link.title}
                </TextLink>
              ))}
              <TextLink href={deepLink} icon="link" data-testid={testIds.alerts.drawerLink}>
                Link to this alert
              </TextLink>
            </div>
            <h3 className={styles.heading}>Timeline</h3>
            {detail ? (
              <Timeline
                entries={detail.timeline}
                testId={testIds.alerts.timeline}
                itemTestId={testIds.alerts.timelineEntry}
              />
            ) : (
              !error && <LoadingPlaceholder text="Loading timeline…" />
            )}
            {Object.keys(alert.labels).length > 0 && (
              <>
                <h3 className={styles.heading}>Labels</h3>
                <dl className={styles.facts}>
                  {Object.entries(alert.labels).map(([key, value]) => (
                    <div key={key} className={styles.pair}>
                      <dt>{key}</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </>
        )}
      </div>
    </Drawer>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  body: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0, overflowWrap: 'anywhere' }),
  badges: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), alignItems: 'center' }),
  description: css({ margin: 0, whiteSpace: 'pre-wrap' }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(0.5, 2),
    margin: 0,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0 },
  }),
  pair: css({ display: 'contents' }),
  links: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) }),
  heading: css({ fontSize: theme.typography.h5.fontSize, margin: 0 }),
});
