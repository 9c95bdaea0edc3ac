import { ClientGoneError, yieldToEventLoop } from './cooperative';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('yieldToEventLoop', () => {
  it('runs one waiting piece per turn of the event loop, so a timer waits for one piece, not for all of them', async () => {
    const pieces: number[] = [];
    let piecesSinceTimer = 0;
    let worstBetweenTimers = 0;
    let ticking = true;
    const tick = () => {
      worstBetweenTimers = Math.max(worstBetweenTimers, piecesSinceTimer);
      piecesSinceTimer = 0;
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    // 20 "queries" of 5 pieces each, all yielding at once, like a 20-query request.
    await Promise.all(
      Array.from({ length: 20 }, async (_, query) => {
        for (let piece = 0; piece < 5; piece++) {
          await yieldToEventLoop();
          busy(1);
          piecesSinceTimer++;
          pieces.push(query);
        }
      })
    );
    ticking = false;
    expect(pieces).toHaveLength(100);
    // A plain `await setImmediate` resumes all 20 in one check phase: 20 pieces between two timer turns.
    expect(worstBetweenTimers).toBeLessThanOrEqual(2);
  });

  it('stops with ClientGoneError once the signal is aborted', async () => {
    const controller = new AbortController();
    await expect(yieldToEventLoop(controller.signal)).resolves.toBeUndefined();
    controller.abort();
    await expect(yieldToEventLoop(controller.signal)).rejects.toBeInstanceOf(ClientGoneError);
  });
});
