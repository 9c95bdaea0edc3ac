import { PluginPage } from '@grafana/runtime';
import { useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { useGatewayClient } from '@/api/useGatewayClient';
import { ConnectionProblem } from '@/components/ConnectionProblem';
import { testIds } from '@/components/testIds';
import { Wall } from './Wall';
import { kioskSearch, readWallSettings } from './wallSettings';

/** /wall?team=payments&rotate=20&kiosk — see wallSettings.ts for the URL. */
function WallPage() {
  const connection = useGatewayClient();
  const { pathname, search } = useLocation();
  const settings = useMemo(() => readWallSettings(search), [search]);
  const kioskHref = settings.kiosk ? undefined : `${pathname}${kioskSearch(search)}`;
  return (
    <PluginPage>
      <div data-testid={testIds.wall.page}>
        {connection.state === 'ready' ? (
          <Wall client={connection.client} settings={settings} kioskHref={kioskHref} />
        ) : (
          <ConnectionProblem connection={connection} testId={testIds.wall.error} />
        )}
      </div>
    </PluginPage>
  );
}

export default WallPage;
