/**
 * The delivery id of one alarm state change, whoever reports it: the DescribeAlarms poller and the EventBridge
 * event of the same change share it, so the second to arrive stores nothing. (The `poll:` prefix is the poller's,
 * kept so ids stored before EventBridge came along still match.) SNS keys its deliveries by its own MessageId.
 */
export function alarmStateDeliveryId(dedupKey: string, state: string, changedAtMs: number): string {
  return `poll:${dedupKey}:${state}:${new Date(changedAtMs).toISOString()}`;
}
