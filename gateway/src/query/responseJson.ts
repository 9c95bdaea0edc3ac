import { type QueryResponse } from '@opsdeck/contract';
import { yieldToEventLoop } from './cooperative';

/** About a megabyte of JSON per turn of the event loop: a few milliseconds of stringifying. */
const PIECE_CHARS = 1_000_000;

/**
 * The answer as JSON text, a piece at a time with a turn of the event loop between pieces. Stringified in one
 * go, the largest answer the budget allows (35 MB) holds the loop for a quarter of a second; a frame at a time,
 * for a few milliseconds. Same JSON as JSON.stringify(response).
 */
export async function* queryResponseJson(response: QueryResponse): AsyncGenerator<string> {
  let piece = '{"results":{';
  let firstResult = true;
  for (const [refId, result] of Object.entries(response.results)) {
    piece += `${firstResult ? '' : ','}${JSON.stringify(refId)}:`;
    firstResult = false;
    if (!result.frames) {
      piece += JSON.stringify(result);
      continue;
    }
    piece += '{"frames":[';
    for (const [index, frame] of result.frames.entries()) {
      piece += (index === 0 ? '' : ',') + JSON.stringify(frame);
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
        await yieldToEventLoop();
      }
    }
    const rest = JSON.stringify({ ...result, frames: undefined });
    piece += rest === '{}' ? ']}' : `],${rest.slice(1)}`;
  }
  yield `${piece}}}`;
}
