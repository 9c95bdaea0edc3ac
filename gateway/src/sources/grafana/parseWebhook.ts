/** Grafana Alerting webhook contact point (payload version 1) → alerts. */
import type { AlertLink } from '@opsdeck/contract';
import { optionalString, type JsonObject } from '../../upstream/parse/json';
import { link, type IngestBatch, type ParseContext } from '../../upstream/alertIngest';
import { parseAlertGroup } from '../alertmanager/parseAlertGroup';

export function parseGrafanaWebhook(body: unknown, ctx: ParseContext): IngestBatch {
  return parseAlertGroup(body, ctx, { source: 'grafana', extraLinks: grafanaLinks });
}

function grafanaLinks(alert: JsonObject, path: string): AlertLink[] {
  return [
    ...link('Dashboard', optionalString(alert, 'dashboardURL', path)),
    ...link('Panel', optionalString(alert, 'panelURL', path)),
    ...link('Silence', optionalString(alert, 'silenceURL', path)),
    ...link('Image', optionalString(alert, 'imageURL', path)),
  ];
}
