/** One row of a worst-first bar chart: its figure, the figure in words, and how bad it is. */
export interface RankedBar {
  key: string;
  label: string;
  /** Null draws an empty bar (no figure); the text says why. */
  value: number | null;
  text: string;
  tone: BarTone;
}

export type BarTone = 'bad' | 'poor' | 'fair' | 'good' | 'neutral';

/** A 0–100 fatigue score's tone: 60 and above wakes people for little; under 20 is quiet. */
export function scoreTone(score: number): BarTone {
  if (score >= 60) return 'bad';
  if (score >= 40) return 'poor';
  if (score >= 20) return 'fair';
  return 'good';
}

/** A figure's tone by its share of the worst one shown: the worst half stand out. */
export function shareTone(value: number | null, worst: number): BarTone {
  if (value === null || worst <= 0) return 'neutral';
  const share = value / worst;
  if (share >= 0.75) return 'bad';
  if (share >= 0.5) return 'poor';
  return 'fair';
}

/** The scale of a ranking of plain figures: its largest value (the worst, first). */
export function scaleOf(bars: readonly RankedBar[]): number {
  return Math.max(0, ...bars.map((b) => b.value ?? 0));
}
