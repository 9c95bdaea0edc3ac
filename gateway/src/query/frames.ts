import { type DataFrameJSON, type FieldSchema, type FrameMeta, type FrameNotice } from '@opsdeck/contract';
import { type AnswerMeta } from '../sources/capabilities';
import { answerNotices } from './notices';

/** Where a frame's numbers came from. */
export interface Provenance {
  source: string;
  demo: boolean;
}

export const DEMO_NOTICE: FrameNotice = { severity: 'info', text: 'demo data' };

/** Provenance of a frame built from several sources' answers: demo if any part is. */
export function combineProvenance(parts: readonly Provenance[]): Provenance {
  const ids = [...new Set(parts.map((p) => p.source))];
  return { source: ids.join(',') || 'none', demo: parts.some((p) => p.demo) };
}

export interface FrameSpec {
  name: string;
  refId: string;
  fields: FieldSchema[];
  /** Column-major: values[i] holds every row's value of fields[i]. */
  values: unknown[][];
  provenance: Provenance;
  meta?: Omit<FrameMeta, 'custom' | 'notices'>;
  /** Stale data and known gaps, so a panel never goes blank or old without saying why. */
  answer?: AnswerMeta;
}

/** A frame in Grafana's data-frame JSON, stamped with where its data came from. */
export function buildFrame(spec: FrameSpec): DataFrameJSON {
  if (spec.fields.length !== spec.values.length) {
    throw new Error(`frame ${spec.name}: ${spec.fields.length} fields but ${spec.values.length} value columns`);
  }
  return {
    schema: {
      name: spec.name,
      refId: spec.refId,
      meta: frameMeta(spec),
      fields: spec.fields,
    },
    data: { values: spec.values },
  };
}

export function provenanceOf(source: { id: string; demo: boolean }): Provenance {
  return { source: source.id, demo: source.demo };
}

function frameMeta(spec: FrameSpec): FrameMeta {
  const notices = [...(spec.provenance.demo ? [DEMO_NOTICE] : []), ...answerNotices(spec.answer)];
  const stale = spec.answer?.stale;
  return {
    ...spec.meta,
    custom: { source: spec.provenance.source, demo: spec.provenance.demo, ...(stale ? { stale } : {}) },
    ...(notices.length > 0 ? { notices } : {}),
  };
}
