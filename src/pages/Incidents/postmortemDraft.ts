import { type Alert, type Incident } from '@opsdeck/contract';
import { formatDuration } from '@/components/format';
import { timelineLabel } from '@/components/Timeline/Timeline';
import template from '../../../docs/templates/postmortem.md';

export const POSTMORTEM_TEMPLATE: string = template;

const iso = (epochMs: number) => new Date(epochMs).toISOString().replace('.000Z', 'Z');

/** Markdown table cells must not break the table. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function timelineTable(incident: Incident): string {
  if (incident.timeline.length === 0) {
    return '_No timeline entries were recorded._';
  }
  const rows = incident.timeline.map(
    (e) => `| ${iso(e.at)} | ${timelineLabel(e.kind)} | ${cell(e.actor ?? '')} | ${cell(e.text ?? '')} |`
  );
  return ['| Time | Event | Who | Details |', '|---|---|---|---|', ...rows].join('\n');
}

function alertTable(alerts: Alert[]): string {
  if (alerts.length === 0) {
    return '_No alerts are linked to this incident._';
  }
  const rows = [...alerts]
    .sort((a, b) => a.startsAt - b.startsAt)
    .map(
      (a) =>
        `| ${iso(a.startsAt)} | ${a.endsAt === undefined ? '' : iso(a.endsAt)} | ${cell(a.service ?? '')} | ${a.severity} | ${a.status} | ${a.source} | ${cell(a.summary)} |`
    );
  return [
    '| Started | Ended | Service | Severity | Status | Source | Summary |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * A post-mortem started from docs/templates/postmortem.md with what Opsdeck knows filled in: the incident's facts,
 * its timeline, the services its alerts touched and the alert history. The rest is for people to write.
 */
export function postmortemDraft(
  incident: Incident,
  alerts: Alert[],
  templateText: string = POSTMORTEM_TEMPLATE
): string {
  const resolvedAt = incident.timeline.filter((e) => e.kind === 'resolved').at(-1)?.at;
  const services = [
    ...new Set([incident.service, ...alerts.map((a) => a.service)].filter((s): s is string => !!s)),
  ].sort();
  const values: Record<string, string> = {
    title: incident.title,
    incident_id: incident.externalId || incident.id,
    source: incident.source,
    severity: incident.severity,
    status: incident.status,
    started: iso(incident.createdAt),
    resolved: resolvedAt === undefined ? 'not yet' : iso(resolvedAt),
    duration: resolvedAt === undefined ? 'ongoing' : formatDuration(resolvedAt - incident.createdAt, 'minute'),
    services: services.length ? services.join(', ') : 'none recorded',
    timeline: timelineTable(incident),
    alerts: alertTable(alerts),
  };
  return templateText.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match);
}
