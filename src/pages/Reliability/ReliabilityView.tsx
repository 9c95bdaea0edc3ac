import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Checkbox, RadioButtonGroup, Stack, Tab, TabsBar, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';
import { type Clock, type GatewayClient, systemClock, useGatewayQuery } from '@/api';
import { ALERT_SEVERITIES, type ReliabilityGroupBy } from '@opsdeck/contract';
import { FilterBar, type FilterDescriptor } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { DemoBadge } from '@/pages/Services/DemoBadge';
import { CostSection } from './CostSection';
import { FatigueSection } from './FatigueSection';
import { IncidentsSection } from './IncidentsSection';
import { filterChange, type Period, type ReliabilitySection, useReliabilityFilters } from './reliabilityFilters';

const PERIOD_OPTIONS: Array<{ value: Period; label: string }> = [
  { value: '7d', label: '7 d' },
  { value: '30d', label: '30 d' },
  { value: '90d', label: '90 d' },
];
const GROUP_OPTIONS: Array<{ value: ReliabilityGroupBy; label: string }> = [
  { value: 'service', label: 'Service' },
  { value: 'team', label: 'Team' },
  { value: 'severity', label: 'Severity' },
];

interface Catalog {
  services: Array<{ name: string; team: string }>;
  teams: string[];
  demo: boolean;
}

/** The catalog for the pickers and whether the gateway serves its demo fleet; neither may break the figures. */
async function loadCatalog(client: GatewayClient): Promise<Catalog> {
  const [services, health] = await Promise.all([
    client.services().catch(() => undefined),
    client.health().catch(() => undefined),
  ]);
  return {
    services: (services?.services ?? []).map(({ name, team }) => ({ name, team })),
    teams: services?.teams ?? [],
    demo: health?.mode === 'demo',
  };
}

function filterBar(
  catalog: Catalog | undefined,
  team: string
): Array<FilterDescriptor<'service' | 'team' | 'severity'>> {
  const services = (catalog?.services ?? []).filter((s) => !team || s.team === team).map((s) => s.name);
  return [
    {
      key: 'team',
      label: 'Team',
      noFilterLabel: 'All teams',
      choices: [...new Set(catalog?.teams ?? [])].sort(),
      testId: testIds.reliability.filter('team'),
      width: 22,
    },
    {
      key: 'service',
      label: 'Service',
      noFilterLabel: 'All services',
      choices: [...new Set(services)].sort(),
      testId: testIds.reliability.filter('service'),
      width: 26,
    },
    {
      key: 'severity',
      label: 'Severity',
      noFilterLabel: 'All severities',
      choices: [...ALERT_SEVERITIES],
      testId: testIds.reliability.filter('severity'),
      width: 18,
    },
  ];
}

interface Props {
  client: GatewayClient;
  /** Tests hand in a fixed clock; the periods other than the default start at its now. */
  clock?: Clock;
}

const SECTION_TABS: Array<{ value: ReliabilitySection; label: string }> = [
  { value: 'incidents', label: 'Incidents' },
  { value: 'fatigue', label: 'Alert fatigue' },
  { value: 'cost', label: 'Cost efficiency' },
];

/**
 * Three analyses of the same services, one tab each, filters in the URL: incident figures (MTTA, MTTR, MTBF), alert
 * fatigue, cost efficiency. Worst first everywhere.
 */
export function ReliabilityView({ client, clock = systemClock }: Props) {
  const styles = useStyles2(getStyles);
  const [filters, setFilters] = useReliabilityFilters();
  const catalog = useGatewayQuery(client, loadCatalog, { key: 'catalog' });
  const { section } = filters;
  const bar = useMemo(
    () => filterBar(catalog.data, filters.team).filter((f) => section === 'incidents' || f.key !== 'severity'),
    [catalog.data, filters.team, section]
  );

  return (
    <div className={styles.page}>
      <TabsBar>
        {SECTION_TABS.map((tab) => (
          <Tab
            key={tab.value}
            label={tab.label}
            active={section === tab.value}
            onChangeTab={() => setFilters({ section: tab.value })}
            data-testid={testIds.reliability.sectionTab(tab.value)}
          />
        ))}
      </TabsBar>
      <div className={styles.controls}>
        {section !== 'cost' && (
          <div className={styles.control}>
            <span id="opsdeck-reliability-period" className={styles.label}>
              Period
            </span>
            <RadioButtonGroup<Period>
              options={PERIOD_OPTIONS}
              value={filters.period}
              onChange={(period) => setFilters({ period })}
              aria-labelledby="opsdeck-reliability-period"
              data-testid={testIds.reliability.period}
            />
          </div>
        )}
        {section === 'incidents' && (
          <div className={styles.control}>
            <span id="opsdeck-reliability-group-by" className={styles.label}>
              Group by
            </span>
            <RadioButtonGroup<ReliabilityGroupBy>
              options={GROUP_OPTIONS}
              value={filters.groupBy}
              onChange={(groupBy) => setFilters({ groupBy })}
              aria-labelledby="opsdeck-reliability-group-by"
              data-testid={testIds.reliability.groupBy}
            />
          </div>
        )}
        <FilterBar
          label="Reliability filters"
          idPrefix="opsdeck-reliability"
          filters={bar}
          values={filters}
          onChange={(key, value) => setFilters(filterChange(key, value))}
        />
        {section === 'incidents' && (
          <div className={styles.checkbox}>
            <Checkbox
              label="Include maintenance in MTBF"
              description="Incidents inside maintenance windows always count in MTTA and MTTR"
              value={filters.includeMaintenance}
              onChange={(event) => setFilters({ includeMaintenance: event.currentTarget.checked })}
              data-testid={testIds.reliability.includeMaintenance}
            />
          </div>
        )}
      </div>

      {catalog.data?.demo && (
        <Stack direction="row" wrap="wrap" alignItems="center" gap={2}>
          <DemoBadge testId={testIds.reliability.demoBadge} />
        </Stack>
      )}

      {section === 'incidents' && <IncidentsSection client={client} filters={filters} clock={clock} />}
      {section === 'fatigue' && <FatigueSection client={client} filters={filters} clock={clock} />}
      {section === 'cost' && <CostSection client={client} filters={filters} clock={clock} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
  controls: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: theme.spacing(2), minWidth: 0 }),
  control: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), maxWidth: '100%' }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  checkbox: css({ maxWidth: '100%', paddingBottom: theme.spacing(0.5) }),
});
