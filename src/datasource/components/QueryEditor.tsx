import { type QueryEditorProps } from '@grafana/data';
import { Alert, Combobox, type ComboboxOption, InlineField, InlineFieldRow, MultiCombobox } from '@grafana/ui';
import { useMemo } from 'react';
import {
  EVENT_KINDS,
  type EventKind,
  type FatigueView,
  type OpsdeckQuery,
  type QueryType,
  type ServiceMetric,
} from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { type DataSource } from '../datasource';
import { migrateQuery } from '../migrate';
import { QUERY_TYPE_INFO, QUERY_TYPE_OPTIONS } from '../queryTypes';
import { type OpsdeckOptions } from '../types';
import { AlertQueryFields } from './AlertQueryFields';
import { AwsQueryFields } from './AwsQueryFields';
import { DeploymentQueryFields } from './DeploymentQueryFields';
import { SloQueryFields } from './SloQueryFields';
import { EVENT_KIND_OPTIONS, FATIGUE_VIEW_OPTIONS, METRIC_OPTIONS, scopeOptions } from './queryOptions';
import { useCatalog } from './useCatalog';

type Props = QueryEditorProps<DataSource, OpsdeckQuery, OpsdeckOptions>;
type ScopeKey = 'service' | 'team' | 'region';

const LABEL_WIDTH = 12;
const SCOPES: Array<{ key: ScopeKey; label: string; tooltip: string }> = [
  { key: 'service', label: 'Service', tooltip: 'A catalog service, a dashboard variable such as $service, or All' },
  { key: 'team', label: 'Team', tooltip: 'Only services owned by this team' },
  { key: 'region', label: 'Region', tooltip: 'Only services running in this AWS region' },
];

export function QueryEditor({ query: saved, onChange, onRunQuery, datasource }: Props) {
  const { catalog, error } = useCatalog(datasource.client);
  const variables = useMemo(() => datasource.getVariableNames(), [datasource]);
  // The editor shows, and saves back, what the datasource runs.
  const query = migrateQuery(saved);
  const queryType = query.queryType;

  const update = (patch: Partial<OpsdeckQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };

  const onQueryTypeChange = (option: ComboboxOption<QueryType>) => {
    update({ queryType: option.value, ...QUERY_TYPE_INFO[option.value].defaults?.(query) });
  };

  return (
    <div data-testid={testIds.queryEditor.container}>
      {error && (
        <Alert
          severity="warning"
          title="Could not load the service catalog"
          data-testid={testIds.queryEditor.catalogError}
        >
          {error} You can still type service, team and region names.
        </Alert>
      )}
      <InlineFieldRow>
        <InlineField label="Query" labelWidth={LABEL_WIDTH} htmlFor="opsdeck-query-type">
          <Combobox<QueryType>
            id="opsdeck-query-type"
            data-testid={testIds.queryEditor.queryType}
            width={24}
            options={QUERY_TYPE_OPTIONS}
            value={queryType}
            onChange={onQueryTypeChange}
          />
        </InlineField>
        {queryType === 'service_metric' && (
          <InlineField label="Metric" labelWidth={LABEL_WIDTH} htmlFor="opsdeck-query-metric">
            <Combobox<ServiceMetric>
              id="opsdeck-query-metric"
              data-testid={testIds.queryEditor.metric}
              width={28}
              options={METRIC_OPTIONS}
              value={query.metric ?? null}
              placeholder="Choose a metric"
              onChange={(option) => update({ metric: option.value })}
            />
          </InlineField>
        )}
        {queryType === 'events' && (
          <InlineField label="Events" labelWidth={LABEL_WIDTH} htmlFor="opsdeck-query-event-kinds">
            <MultiCombobox<EventKind>
              id="opsdeck-query-event-kinds"
              data-testid={testIds.queryEditor.eventKinds}
              width="auto"
              minWidth={24}
              options={EVENT_KIND_OPTIONS}
              value={query.eventKinds ?? [...EVENT_KINDS]}
              onChange={(options) => update({ eventKinds: options.map((o) => o.value) })}
            />
          </InlineField>
        )}
        {queryType === 'alert_fatigue' && (
          <InlineField label="View" labelWidth={LABEL_WIDTH} htmlFor="opsdeck-query-fatigue-view">
            <Combobox<FatigueView>
              id="opsdeck-query-fatigue-view"
              data-testid={testIds.queryEditor.fatigueView}
              width={24}
              options={FATIGUE_VIEW_OPTIONS}
              // Saved queries without a view are the rules view they always were.
              value={query.fatigueView ?? 'rules'}
              onChange={(option) => update({ fatigueView: option.value })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <AwsQueryFields query={query} labelWidth={LABEL_WIDTH} update={update} />
      <AlertQueryFields query={query} labelWidth={LABEL_WIDTH} update={update} />
      <DeploymentQueryFields query={query} labelWidth={LABEL_WIDTH} update={update} />
      <SloQueryFields query={query} labelWidth={LABEL_WIDTH} update={update} />
      <InlineFieldRow>
        {SCOPES.map(({ key, label, tooltip }) => (
          <InlineField
            key={key}
            label={label}
            labelWidth={LABEL_WIDTH}
            tooltip={tooltip}
            htmlFor={`opsdeck-query-${key}`}
          >
            <Combobox<string>
              id={`opsdeck-query-${key}`}
              data-testid={testIds.queryEditor[key]}
              width={24}
              // Free text lets users enter variables or names the catalog does not list yet.
              createCustomValue
              options={scopeOptions(key, catalog, variables)}
              value={query[key] || '*'}
              onChange={(option) => update({ [key]: option.value === '*' ? undefined : option.value })}
            />
          </InlineField>
        ))}
      </InlineFieldRow>
    </div>
  );
}
