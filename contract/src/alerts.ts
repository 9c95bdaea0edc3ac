/**
 * The vendor-neutral alert and incident model: what the gateway stores and the API, datasource and pages read,
 * whichever upstream (PagerDuty, SNS/CloudWatch, Alertmanager, Grafana Alerting, Opsgenie, Jira Service Management
 * Operations as `jsm`) raised it.
 */

/** `opsdeck`: alerts Opsdeck raises itself (burn-rate alerts on the catalog's SLOs). */
export const ALERT_SOURCES = ['pagerduty', 'sns', 'alertmanager', 'grafana', 'opsgenie', 'jsm', 'opsdeck'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const ALERT_SEVERITIES = ['critical', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved', 'suppressed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertLink {
  title: string;
  url: string;
}

export interface Alert {
  /** Stable across updates: derived from source and dedupKey. */
  id: string;
  source: AlertSource;
  /** The upstream's own identity of this alert (fingerprint, alarm ARN, incident key, Opsgenie alias…). */
  dedupKey: string;
  /** Catalog service name; absent when nothing in the alert matches the catalog. */
  service?: string;
  team?: string;
  severity: AlertSeverity;
  status: AlertStatus;
  /** Epoch ms. */
  startsAt: number;
  endsAt?: number;
  updatedAt: number;
  summary: string;
  description?: string;
  labels: Record<string, string>;
  links: AlertLink[];
  runbookUrl?: string;
  /** Alertmanager's `groupKey` of the notification that last carried the alert. */
  groupKey?: string;
  /** Alertmanager's receiver (the route's notification target) of that notification. */
  receiver?: string;
}

export const INCIDENT_STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const TIMELINE_KINDS = ['triggered', 'acknowledged', 'escalated', 'resolved', 'note'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  kind: TimelineKind;
  /** Epoch ms. */
  at: number;
  /** Who did it: a user's name or email, or the system that did it. */
  actor?: string;
  text?: string;
}

export interface Incident {
  id: string;
  source: AlertSource;
  /** The upstream's incident id. */
  externalId: string;
  title: string;
  service?: string;
  team?: string;
  severity: AlertSeverity;
  status: IncidentStatus;
  createdAt: number;
  updatedAt: number;
  alertIds: string[];
  timeline: TimelineEntry[];
  links: AlertLink[];
}
