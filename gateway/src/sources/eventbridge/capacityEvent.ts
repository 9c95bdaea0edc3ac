/**
 * Auto Scaling activities from EventBridge → an alert per group and activity kind. A failed launch fires it
 * (warning: the group is below its desired capacity until a launch succeeds; Auto Scaling keeps retrying) and a
 * failed termination fires its own (info: the group runs more than it wants), each with the `asg-capacity`
 * playbook; the next successful activity of the same kind resolves it. Successful activities with no failure open
 * are capacity changes the Auto Scaling query source already shows: nothing is stored for them.
 *
 * The source is `sns`, the one for AWS's own alerts (CloudWatch alarms), which Opsdeck acknowledges itself and
 * which change state only from AWS.
 */
import { PLAYBOOK_LABEL, type Alert, type AwsCapacityEvent } from '@opsdeck/contract';
import { alertId, catalogFields, link, resolveService, type ParseContext } from '../../upstream/alertIngest';

export function capacityDedupKey(event: AwsCapacityEvent): string {
  const { capacity } = event;
  return `autoscaling:${event.account}:${event.region}:${capacity.autoScalingGroup}:${capacity.activity}-failed`;
}

export function capacityAlertId(event: AwsCapacityEvent): string {
  return alertId('sns', capacityDedupKey(event));
}

const WHAT = { launch: 'instance launch failed', terminate: 'instance termination failed' } as const;

/** The alert a failed activity fires. */
export function capacityAlert(event: AwsCapacityEvent, ctx: ParseContext): Alert {
  const { capacity } = event;
  const service = resolveService(
    { dimensions: [{ name: 'AutoScalingGroupName', value: capacity.autoScalingGroup }] },
    ctx.catalog
  );
  const dedupKey = capacityDedupKey(event);
  const detail = [capacity.statusMessage, capacity.cause].filter(Boolean).join(' — ');
  return {
    id: alertId('sns', dedupKey),
    source: 'sns',
    dedupKey,
    ...catalogFields(service, {}),
    severity: capacity.activity === 'launch' ? 'warning' : 'info',
    status: 'firing',
    startsAt: capacity.at,
    updatedAt: capacity.at,
    summary: `${capacity.autoScalingGroup}: ${WHAT[capacity.activity]}`,
    description: detail || undefined,
    labels: {
      alertname: capacity.activity === 'launch' ? 'AutoScalingLaunchFailed' : 'AutoScalingTerminateFailed',
      [PLAYBOOK_LABEL]: 'asg-capacity',
      auto_scaling_group: capacity.autoScalingGroup,
      aws_account: event.account,
      aws_region: event.region,
      activity_id: capacity.activityId,
      ...(capacity.instanceId ? { instance_id: capacity.instanceId } : {}),
      event_source: event.source,
    },
    links: link(
      'Auto Scaling group activity',
      `https://${event.region}.console.aws.amazon.com/ec2/home?region=${event.region}#AutoScalingGroupDetails:id=${encodeURIComponent(capacity.autoScalingGroup)};view=activity`
    ),
  };
}

/**
 * A successful activity resolves the open alert of its kind (when it is not older than the alert's last failure);
 * the failure's details stay, the time is the success's.
 */
export function capacityResolution(open: Alert, event: AwsCapacityEvent): Alert {
  const { capacity } = event;
  const what = `${capacity.activity === 'launch' ? 'launched' : 'terminated'} ${capacity.instanceId ?? 'an instance'}`;
  return {
    ...open,
    status: 'resolved',
    endsAt: capacity.at,
    updatedAt: capacity.at,
    description: [open.description, `Resolved: ${what} (activity ${capacity.activityId}).`].filter(Boolean).join('\n'),
  };
}
