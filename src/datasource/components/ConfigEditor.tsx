import { type ChangeEvent } from 'react';
import { type DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, Input, SecretInput, Stack, Text } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { type OpsdeckOptions, type OpsdeckSecureOptions } from '../types';

type Props = DataSourcePluginOptionsEditorProps<OpsdeckOptions, OpsdeckSecureOptions>;

/** Gateway URL (plain jsonData) and API token (secureJsonData: write-only, never sent back to the browser). */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields } = options;
  const secureJsonData = options.secureJsonData ?? {};

  const onGatewayUrlChange = (event: ChangeEvent<HTMLInputElement>) => {
    onOptionsChange({ ...options, jsonData: { ...jsonData, gatewayUrl: event.target.value.trim() } });
  };

  const onApiTokenChange = (event: ChangeEvent<HTMLInputElement>) => {
    onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, apiToken: event.target.value } });
  };

  // Grafana only forgets a stored secret when told so explicitly: flag it unset and send an empty value.
  const onResetApiToken = () => {
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, apiToken: false },
      secureJsonData: { ...secureJsonData, apiToken: '' },
    });
  };

  return (
    <Stack direction="column" gap={2} data-testid={testIds.configEditor.container}>
      <div data-testid={testIds.configEditor.help}>
        <Text element="p" color="secondary">
          Opsdeck panels query the Opsdeck gateway through Grafana&apos;s server, which adds the API token; the
          browser never sees it. Enter the gateway URL as the Grafana server reaches it, and the gateway&apos;s
          OPSDECK_API_TOKEN. &quot;Save &amp; test&quot; tells you whether the URL or the token is wrong.
        </Text>
      </div>
      <Field label="Gateway URL" description="Root URL of the Opsdeck gateway, e.g. http://opsdeck-gateway:8080" required>
        <Input
          id="opsdeck-gateway-url"
          data-testid={testIds.configEditor.gatewayUrl}
          value={jsonData.gatewayUrl ?? ''}
          placeholder="http://opsdeck-gateway:8080"
          width={48}
          onChange={onGatewayUrlChange}
        />
      </Field>
      <Field label="API token" description="The gateway's OPSDECK_API_TOKEN. Stored encrypted by Grafana." required>
        <SecretInput
          id="opsdeck-api-token"
          data-testid={testIds.configEditor.apiToken}
          isConfigured={Boolean(secureJsonFields?.apiToken)}
          value={secureJsonData.apiToken ?? ''}
          placeholder="Paste the gateway API token"
          width={48}
          onReset={onResetApiToken}
          onChange={onApiTokenChange}
        />
      </Field>
    </Stack>
  );
}
