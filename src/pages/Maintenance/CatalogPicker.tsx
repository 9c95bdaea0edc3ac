import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Checkbox, Input, useStyles2 } from '@grafana/ui';
import { useState } from 'react';
import { testIds } from '@/components/testIds';
import { toggled } from './maintenanceDraft';
import { type CatalogTeam } from './useCatalogServices';

interface Props {
  teams: CatalogTeam[];
  services: string[];
  selectedTeams: string[];
  onChange: (selection: { services: string[]; teams: string[] }) => void;
  invalid?: boolean;
}

/** A search box only pays off once the list is longer than a phone screen. */
const FILTER_FROM = 12;

/**
 * Services grouped by team, with "the whole team" per group. A team covers every service of the team, including
 * ones added to the catalog later, so its services are shown as covered rather than picked one by one.
 */
export function CatalogPicker({ teams, services, selectedTeams, onChange, invalid }: Props) {
  const styles = useStyles2(getStyles);
  const [filter, setFilter] = useState('');
  const total = teams.reduce((n, t) => n + t.services.length, 0);
  const needle = filter.trim().toLowerCase();
  // Services picked one by one are dropped when their whole team is picked: the team covers them.
  const withoutTeam = (picked: string[], team: string) =>
    picked.filter((s) => !teams.find((t) => t.team === team)?.services.includes(s));
  const shown = teams
    .map((t) => ({
      ...t,
      services: t.team.toLowerCase().includes(needle)
        ? t.services
        : t.services.filter((s) => s.toLowerCase().includes(needle)),
    }))
    .filter((t) => t.services.length > 0 || t.team.toLowerCase().includes(needle));

  return (
    <fieldset
      className={`${styles.fieldset} ${invalid ? styles.invalid : ''}`}
      aria-describedby="opsdeck-maintenance-cover-help"
    >
      <legend className={styles.legend}>Covers</legend>
      <p id="opsdeck-maintenance-cover-help" className={styles.help}>
        Pick services, or a whole team.
      </p>
      {total >= FILTER_FROM && (
        <Input
          aria-label="Find a service or team"
          placeholder="Find a service or team"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          className={styles.filter}
        />
      )}
      <div className={styles.groups}>
        {shown.map(({ team, services: names }) => {
          const wholeTeam = selectedTeams.includes(team);
          return (
            <div key={team} className={styles.group}>
              <Checkbox
                label={`Team ${team} (all services)`}
                value={wholeTeam}
                onChange={() =>
                  onChange({
                    services: wholeTeam ? services : withoutTeam(services, team),
                    teams: toggled(selectedTeams, team),
                  })
                }
                data-testid={testIds.maintenance.createTeam(team)}
              />
              <div className={styles.services}>
                {names.map((name) => (
                  <Checkbox
                    key={name}
                    label={name}
                    value={wholeTeam || services.includes(name)}
                    disabled={wholeTeam}
                    onChange={() => onChange({ services: toggled(services, name), teams: selectedTeams })}
                    data-testid={testIds.maintenance.createService(name)}
                  />
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  fieldset: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 1.5),
    margin: theme.spacing(0, 0, 2),
    minWidth: 0,
  }),
  invalid: css({ borderColor: theme.colors.error.border }),
  legend: css({
    fontSize: theme.typography.body.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    padding: theme.spacing(0, 0.5),
    width: 'auto',
    margin: 0,
  }),
  help: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    margin: theme.spacing(0, 0, 1),
  }),
  filter: css({ marginBottom: theme.spacing(1) }),
  groups: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 220px), 1fr))',
    gap: theme.spacing(1.5),
  }),
  // flex-start: stretched, Grafana's Checkbox centres its label text in the full width.
  group: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.75),
    minWidth: 0,
  }),
  services: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.75),
    paddingLeft: theme.spacing(2.5),
    overflowWrap: 'anywhere',
  }),
});
