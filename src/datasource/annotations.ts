import { type AnnotationEvent, type AnnotationQuery, type AnnotationSupport, type DataFrame, type Field } from '@grafana/data';
import { of } from 'rxjs';
import { EVENT_KINDS, type OpsdeckQuery } from '@opsdeck/contract';

const ANNOTATION_REF_ID = 'Anno';

function fieldByName(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

/** Tags arrive as a JSON array (field type "other"); accept a comma-separated string too. */
function toTags(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.map(String);
  }
  if (typeof value === 'string' && value !== '') {
    return value.split(',').map((t) => t.trim()).filter(Boolean);
  }
  return [];
}

function toTime(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Maps the `events` frame (columns time, timeEnd, title, text, tags — see TimelineEvent) to annotation events. */
export function framesToAnnotations(frames: DataFrame[]): AnnotationEvent[] {
  const events: AnnotationEvent[] = [];
  for (const frame of frames) {
    const time = fieldByName(frame, 'time');
    if (!time) {
      continue;
    }
    const timeEnd = fieldByName(frame, 'timeEnd');
    const title = fieldByName(frame, 'title');
    const text = fieldByName(frame, 'text');
    const tags = fieldByName(frame, 'tags');
    for (let row = 0; row < frame.length; row++) {
      const start = toTime(time.values[row]);
      if (start === undefined) {
        continue;
      }
      const end = toTime(timeEnd?.values[row]);
      events.push({
        time: start,
        timeEnd: end,
        isRegion: end !== undefined && end > start,
        title: title ? String(title.values[row] ?? '') : undefined,
        text: text ? String(text.values[row] ?? '') : undefined,
        tags: toTags(tags?.values[row]),
      });
    }
  }
  return events;
}

/**
 * Annotations reuse the query editor; whatever the saved target says, they ask for `events` (every kind unless the
 * user narrowed it) and map the frame columns explicitly instead of relying on Grafana's name guessing.
 */
export const opsdeckAnnotations: AnnotationSupport<OpsdeckQuery> = {
  prepareQuery(anno: AnnotationQuery<OpsdeckQuery>): OpsdeckQuery | undefined {
    const target = anno.target;
    return {
      ...target,
      refId: target?.refId || ANNOTATION_REF_ID,
      queryType: 'events',
      eventKinds: target?.eventKinds?.length ? target.eventKinds : [...EVENT_KINDS],
    };
  },
  processEvents(_anno, frames) {
    return of(framesToAnnotations(frames));
  },
  getDefaultQuery() {
    return { queryType: 'events', eventKinds: [...EVENT_KINDS] };
  },
};
