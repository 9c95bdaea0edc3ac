import { useEffect, useState } from 'react';
import { type Clock } from '@/api';

/**
 * "Now", moving every second: the Wall's clock proves the page is alive, and staleness is judged against it. One
 * interval, cleared on unmount.
 */
export function useWallClock(clock: Clock, everyMs = 1000): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = clock.setInterval(() => setNow(clock.now()), everyMs);
    return () => clock.clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
