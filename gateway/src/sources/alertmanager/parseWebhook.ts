import type { IngestBatch, ParseContext } from '../../upstream/alertIngest';
import { parseAlertGroup } from './parseAlertGroup';

/** Alertmanager webhook_config notification (payload version 4) → alerts. */
export function parseAlertmanagerWebhook(body: unknown, ctx: ParseContext): IngestBatch {
  return parseAlertGroup(body, ctx, { source: 'alertmanager' });
}
