/**
 * An Opsgenie outgoing-webhook delivery; the JSM Operations Webhook integration sends the same envelope
 * (research/jsm-ops.md §6). `at` is the alert's updatedAt, which both vendors stamp in nanoseconds.
 */
export function opsgenieDelivery(action: string, alertId: string, at: number, alert: Record<string, unknown> = {}) {
  return {
    action,
    integrationId: '8418d193-2dab-4490-b331-8c02cdd196b7',
    integrationName: 'Opsdeck webhook',
    source: { name: '', type: 'web' },
    alert: {
      alertId,
      tinyId: '42',
      alias: `alias-${alertId}`,
      message: `Disk full (${alertId})`,
      entity: '',
      tags: ['service:search-api'],
      teams: ['catalog'],
      recipients: [],
      username: 'System',
      userId: '',
      source: 'Prometheus',
      // createdAt is in milliseconds.
      createdAt: at,
      updatedAt: at * 1e6,
      priority: 'P2',
      ...alert,
    },
  };
}
