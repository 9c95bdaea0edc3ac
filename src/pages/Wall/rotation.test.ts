import { nextTeam, shownTeam } from './rotation';

describe('nextTeam', () => {
  const teams = ['catalog', 'payments', 'platform'];

  it('goes through the teams in order and wraps around', () => {
    const seen: Array<string | undefined> = [];
    let team: string | undefined;
    for (let i = 0; i < 4; i++) {
      team = nextTeam(teams, team);
      seen.push(team);
    }
    expect(seen).toEqual(['catalog', 'payments', 'platform', 'catalog']);
  });

  it('moves on by name when the team on screen left the catalog', () => {
    expect(nextTeam(['catalog', 'platform'], 'payments')).toBe('platform');
    expect(nextTeam([], 'payments')).toBeUndefined();
  });
});

describe('shownTeam', () => {
  const teams = ['catalog', 'payments'];

  it('shows the team fixed by the URL, even one without services', () => {
    expect(shownTeam(teams, 'catalog', 'payments', true)).toBe('payments');
    expect(shownTeam(teams, undefined, 'nobody', false)).toBe('nobody');
  });

  it('shows the whole fleet when not rotating, the first team before the first turn', () => {
    expect(shownTeam(teams, undefined, undefined, false)).toBeUndefined();
    expect(shownTeam(teams, undefined, undefined, true)).toBe('catalog');
    expect(shownTeam(teams, 'payments', undefined, true)).toBe('payments');
    expect(shownTeam(teams, 'gone', undefined, true)).toBe('payments');
  });
});
