import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { PLUGIN_ID } from '@/constants';
import { type AppSettings } from '../App/appSettings';

/**
 * Saves the app's jsonData the way create-plugin's template does. No secureJsonData is sent: the app has no secrets
 * (they live in the datasource), and sending any value would overwrite stored ones.
 */
export async function saveAppSettings(settings: { enabled: boolean; pinned: boolean; jsonData: AppSettings }): Promise<void> {
  await lastValueFrom(
    getBackendSrv().fetch({
      url: `/api/plugins/${PLUGIN_ID}/settings`,
      method: 'POST',
      data: settings,
      showErrorAlert: false,
    })
  );
}
