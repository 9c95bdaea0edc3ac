import { useEffect, useRef, useState } from 'react';
import { type Clock } from '@/api';
import { nextTeam } from './rotation';

/**
 * The team the rotation is on, moving to the next every `periodMs`; 0 = no rotation (undefined). Before the first turn
 * it is undefined and the first team is shown (shownTeam), so the first turn goes to the second team.
 */
export function useRotation(teams: readonly string[], periodMs: number, clock: Clock): string | undefined {
  const [team, setTeam] = useState<string>();
  const latestTeams = useRef(teams);
  latestTeams.current = teams;

  useEffect(() => {
    if (periodMs <= 0) {
      return;
    }
    const timer = clock.setInterval(
      () => setTeam((current) => nextTeam(latestTeams.current, current ?? latestTeams.current[0])),
      periodMs
    );
    return () => clock.clearInterval(timer);
  }, [periodMs, clock]);

  return periodMs > 0 ? team : undefined;
}
