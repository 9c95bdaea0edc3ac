import { EVENT_KINDS, type FieldSchema, type TimelineEvent } from '@opsdeck/contract';
import { incidentEvent, incidentsInRange } from '../alerts/incidentHistory';
import { MAX_LIMIT } from '../deployments/store/deploymentStore';
import { deploymentEvent } from '../deployments/timelineEvents';
import { nextPiece, type QueryHandler } from './context';
import { selectServices } from './filters';
import { buildFrame, combineProvenance, provenanceOf, type Provenance } from './frames';

/**
 * Field names Grafana's standard annotation support maps by name: time, timeEnd (makes a region), title, text and
 * tags (a string[] is kept as-is; a string would be split on commas). See standardAnnotationSupport.ts in Grafana.
 */
const FIELDS: FieldSchema[] = [
  { name: 'time', type: 'time' },
  { name: 'timeEnd', type: 'time' },
  { name: 'title', type: 'string' },
  { name: 'text', type: 'string' },
  { name: 'tags', type: 'other' },
  { name: 'kind', type: 'string' },
  { name: 'service', type: 'string' },
];

/** Deploys and incidents overlapping the range, one frame sorted by time, ready for annotations and tables. */
export const events: QueryHandler = async (context, query) => {
  const kinds = query.eventKinds && query.eventKinds.length > 0 ? query.eventKinds : [...EVENT_KINDS];
  const selected = selectServices(context.catalog.services, query);
  const found: TimelineEvent[] = [];
  const provenance: Provenance[] = [];
  // With a deployment store, deploys (and rollbacks) come from it: CI, AWS pollers and the demo fleet all land there.
  const stored = context.deployments && kinds.includes('deployment');
  if (stored) {
    const byName = new Map(selected.map((s) => [s.name, s]));
    const deployments = await context.deployments!.listDeployments({
      services: [...byName.keys()],
      from: context.range.from,
      to: context.range.to,
      limit: MAX_LIMIT,
    });
    // Booked as each part arrives (rows × fields), so a query over budget stops before building the rest.
    context.budget.book(deployments.length * FIELDS.length);
    found.push(...deployments.map((d) => deploymentEvent(d, byName.get(d.service))));
  }
  // With an alert store, incidents come from it in every mode (webhooks, pollers, the demo ingester); the sources'
  // own incident timelines only stand in for it where the gateway runs without one.
  const storedIncidents = context.alerts && kinds.includes('incident');
  if (storedIncidents) {
    await nextPiece(context);
    const byName = new Map(selected.map((s) => [s.name, s]));
    const incidents = await incidentsInRange(context.alerts!, [...byName.keys()], context.range);
    context.budget.book(incidents.length * FIELDS.length);
    found.push(...incidents.map((i) => incidentEvent(i, byName.get(i.incident.service ?? ''), context.now)));
  }
  const sourceKinds = kinds.filter(
    (kind) => !(kind === 'deployment' && stored) && !(kind === 'incident' && storedIncidents)
  );
  for (const source of sourceKinds.length > 0 ? context.sources : []) {
    await nextPiece(context);
    const answer = await source.timelineEvents(context.range, selected, sourceKinds);
    context.budget.book(answer.length * FIELDS.length);
    if (answer.length > 0) {
      found.push(...answer);
      provenance.push(provenanceOf(source));
    }
  }
  found.sort((a, b) => a.time - b.time);
  return [
    buildFrame({
      name: 'events',
      refId: query.refId,
      fields: FIELDS,
      values: [
        found.map((e) => e.time),
        found.map((e) => e.timeEnd ?? e.time),
        found.map((e) => e.title),
        found.map((e) => e.text),
        found.map((e) => e.tags),
        found.map((e) => e.kind),
        found.map((e) => e.service),
      ],
      provenance: combineProvenance(provenance.length > 0 ? provenance : context.sources.map(provenanceOf)),
    }),
  ];
};
