import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Combobox, type ComboboxOption, useStyles2 } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { type DeploymentFilters } from './useDeploymentFilters';

interface Props {
  filters: DeploymentFilters;
  teams: string[];
  services: string[];
  environments: string[];
  onChange: (change: Partial<DeploymentFilters>) => void;
}

function options(all: string, values: string[], selected: string): Array<ComboboxOption<string>> {
  // The selected value stays offered even when the current data no longer contains it, so it can be seen and cleared.
  const unique = [...new Set(selected ? [...values, selected] : values)].sort();
  return [{ value: '', label: all }, ...unique.map((v) => ({ value: v, label: v }))];
}

/** Team, service and environment filters; the values live in the URL (useDeploymentFilters). */
export function DeploymentFiltersBar({ filters, teams, services, environments, onChange }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.bar}>
      <div className={styles.filter}>
        <label htmlFor="opsdeck-deploy-team" className={styles.label}>
          Team
        </label>
        <Combobox<string>
          id="opsdeck-deploy-team"
          data-testid={testIds.deployments.filter('team')}
          options={options('All teams', teams, filters.team)}
          value={filters.team}
          width={22}
          // A service belongs to one team, so a new team clears a service filter that may not be in it.
          onChange={(option) => onChange({ team: option.value, service: '' })}
        />
      </div>
      <div className={styles.filter}>
        <label htmlFor="opsdeck-deploy-service" className={styles.label}>
          Service
        </label>
        <Combobox<string>
          id="opsdeck-deploy-service"
          data-testid={testIds.deployments.filter('service')}
          options={options('All services', services, filters.service)}
          value={filters.service}
          width={26}
          onChange={(option) => onChange({ service: option.value })}
        />
      </div>
      <div className={styles.filter}>
        <label htmlFor="opsdeck-deploy-environment" className={styles.label}>
          Environment
        </label>
        <Combobox<string>
          id="opsdeck-deploy-environment"
          data-testid={testIds.deployments.filter('environment')}
          options={options('All environments', environments, filters.environment)}
          value={filters.environment}
          width={22}
          onChange={(option) => onChange({ environment: option.value })}
        />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1, 2) }),
  filter: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1), maxWidth: '100%' }),
  label: css({ margin: 0, color: theme.colors.text.secondary }),
});
