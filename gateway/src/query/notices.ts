import { type FrameNotice } from '@opsdeck/contract';
import { type AnswerMeta } from '../sources/capabilities';

/** A source's stale marker and gap notes as frame notices: warnings, since the panel is not showing current data. */
export function answerNotices(answer: AnswerMeta | undefined): FrameNotice[] {
  if (!answer) return [];
  const notices: FrameNotice[] = [
    ...(answer.notices ?? []).map((text): FrameNotice => ({ severity: 'warning', text })),
    ...(answer.info ?? []).map((text): FrameNotice => ({ severity: 'info', text })),
  ];
  if (answer.stale) {
    const since = new Date(answer.stale.since).toISOString();
    notices.unshift({
      severity: 'warning',
      text: `Showing the last good data, fetched ${since}: the upstream failed (${answer.stale.reason})`,
    });
  }
  return notices;
}
