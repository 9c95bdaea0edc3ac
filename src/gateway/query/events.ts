import { EVENT_KINDS, type FieldSchema, type TimelineEvent } from '@/contract';
import { type QueryHandler } from './context';
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
  for (const source of context.sources) {
    const answer = await source.timelineEvents(context.range, selected, kinds);
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
