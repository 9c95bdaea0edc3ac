import { css } from '@emotion/css';
import { type AppPluginMeta, type GrafanaTheme2, type PluginConfigPageProps } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Alert, Button, Combobox, Field, LinkButton, Stack, Text, useStyles2 } from '@grafana/ui';
import { useMemo, useState } from 'react';
import { type GatewayFetch } from '@/api';
import { grafanaFetch } from '@/api/grafanaFetch';
import { DATASOURCE_TYPE, NEW_DATASOURCE_URL } from '@/constants';
import { type AppSettings } from '../App/appSettings';
import { testIds } from '../testIds';
import { DatasourceHealth } from './DatasourceHealth';
import { saveAppSettings } from './saveSettings';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<AppSettings>> & {
  /** Injected by tests; Grafana's fetch otherwise. */
  fetcher?: GatewayFetch;
};

/** Chooses the Opsdeck datasource the app pages go through and shows whether its gateway answers. */
function AppConfig({ plugin, fetcher = grafanaFetch }: AppConfigProps) {
  const styles = useStyles2(getStyles);
  const { enabled, pinned, jsonData } = plugin.meta;
  const datasources = useMemo(() => getDataSourceSrv().getList({ type: DATASOURCE_TYPE }), []);
  const [uid, setUid] = useState(jsonData?.datasourceUid ?? datasources[0]?.uid ?? '');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();

  const onSave = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      await saveAppSettings({ enabled: Boolean(enabled), pinned: Boolean(pinned), jsonData: { ...jsonData, datasourceUid: uid } });
      // Grafana caches plugin settings in the page; a reload makes the pages use the new datasource.
      window.location.reload();
    } catch (err) {
      const detail = err && typeof err === 'object' && 'data' in err ? JSON.stringify((err as { data: unknown }).data) : String(err);
      setSaveError(`Saving the settings failed: ${detail}`);
      setSaving(false);
    }
  };

  if (datasources.length === 0) {
    return (
      <Alert severity="warning" title="No Opsdeck datasource yet" data-testid={testIds.appConfig.noDatasource}>
        <p>The app reaches the gateway through an Opsdeck datasource. Add one with the gateway URL and API token first.</p>
        <LinkButton href={NEW_DATASOURCE_URL}>Add an Opsdeck datasource</LinkButton>
      </Alert>
    );
  }

  return (
    <div className={styles.container} data-testid={testIds.appConfig.container}>
      <Stack direction="column" gap={2}>
        <Text element="p" color="secondary">
          The Opsdeck pages read from the gateway through this datasource, with its URL, token and role checks.
        </Text>
        <Field label="Opsdeck datasource" description="The gateway the Opsdeck pages read from">
          <Combobox<string>
            id="opsdeck-app-datasource"
            data-testid={testIds.appConfig.datasource}
            width={40}
            options={datasources.map((ds) => ({ value: ds.uid, label: ds.name, description: `uid ${ds.uid}` }))}
            value={uid}
            onChange={(option) => setUid(option.value)}
          />
        </Field>
        {uid && <DatasourceHealth uid={uid} fetcher={fetcher} />}
        {saveError && (
          <Alert severity="error" title="Not saved" data-testid={testIds.appConfig.saveError}>
            {saveError}
          </Alert>
        )}
        <div>
          <Button onClick={onSave} disabled={!uid || saving} data-testid={testIds.appConfig.submit}>
            {saving ? 'Saving…' : 'Save settings'}
          </Button>
        </div>
      </Stack>
    </div>
  );
}

export default AppConfig;

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ maxWidth: theme.breakpoints.values.md }),
});
