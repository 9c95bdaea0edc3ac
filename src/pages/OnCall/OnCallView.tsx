import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Badge, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { type EventSourceFactory, type GatewayClient } from '@/api';
import { testIds } from '@/components/testIds';
import { PolicyCard } from './PolicyCard';
import { useOnCall } from './useOnCall';
import { YouOnCall } from './YouOnCall';

export function OnCallView({ client, eventSources }: { client: GatewayClient; eventSources?: EventSourceFactory }) {
  const styles = useStyles2(getStyles);
  const { roster, error, loading } = useOnCall(client, eventSources);
  if (!roster && loading) {
    return <LoadingPlaceholder text="Loading on-call…" data-testid={testIds.onCall.loading} />;
  }
  return (
    <div className={styles.page}>
      {error && (
        <Notice severity="error" title="Could not load on-call" data-testid={testIds.onCall.error}>
          {error}
        </Notice>
      )}
      <YouOnCall you={roster?.you} />
      {roster?.provider === 'demo' && (
        <span data-testid={testIds.onCall.demoBadge}>
          <Badge color="purple" icon="info-circle" text="Demo roster" tooltip="No PagerDuty, Opsgenie or JSM Operations is configured; the gateway serves a generated roster." />
        </span>
      )}
      {roster && roster.policies.length === 0 && (
        <p data-testid={testIds.onCall.empty}>
          {roster.provider === 'none' ? 'No incident provider is configured, so nobody is on call through Opsdeck.' : 'The provider has no escalation policies.'}
        </p>
      )}
      {roster && (
        <div className={styles.cards}>
          {roster.policies.map((policy) => (
            <PolicyCard key={policy.id} policy={policy} />
          ))}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  cards: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 360px), 1fr))', gap: theme.spacing(1.5) }),
});
