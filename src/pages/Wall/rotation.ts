/**
 * Which team the Wall shows. Rotation moves by name, not by index, so a team appearing or leaving between updates
 * does not make the Wall skip or repeat one.
 */
export function nextTeam(teams: readonly string[], current: string | undefined): string | undefined {
  if (teams.length === 0) {
    return undefined;
  }
  if (current === undefined) {
    return teams[0];
  }
  const after = teams.find((team) => team.localeCompare(current) > 0);
  return after ?? teams[0];
}

/** The team on screen now: the fixed one, else the rotation's, else the first; undefined = the whole fleet. */
export function shownTeam(
  teams: readonly string[],
  rotating: string | undefined,
  fixed: string | undefined,
  rotates: boolean
): string | undefined {
  if (fixed !== undefined) {
    return fixed;
  }
  if (!rotates) {
    return undefined;
  }
  return rotating !== undefined && teams.includes(rotating) ? rotating : nextTeam(teams, rotating);
}
