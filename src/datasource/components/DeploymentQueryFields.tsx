import { Combobox, InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { type OpsdeckQuery } from '@opsdeck/contract';
import { showsFields } from '../queryTypes';
import { DORA_GROUP_BY_OPTIONS, SUSPECT_METRIC_OPTIONS } from './deploymentQueryOptions';

interface Props {
  query: OpsdeckQuery;
  labelWidth: number;
  /** Applies the patch and runs the query. */
  update: (patch: Partial<OpsdeckQuery>) => void;
}

/** The fields of the deployments, dora and suspect_deploys query types; nothing for the other types. */
export function DeploymentQueryFields({ query, labelWidth, update }: Props) {
  if (!showsFields(query, 'deployments')) {
    return null;
  }
  return (
    <InlineFieldRow>
      <InlineField
        label="Environment"
        labelWidth={labelWidth}
        htmlFor="opsdeck-query-environment"
        tooltip="Empty or * for every environment; a dashboard variable works too"
      >
        <Input
          id="opsdeck-query-environment"
          width={20}
          value={query.environment ?? ''}
          placeholder="*"
          onChange={(event) => update({ environment: event.currentTarget.value || undefined })}
        />
      </InlineField>
      {query.queryType === 'dora' && (
        <InlineField label="Group by" labelWidth={labelWidth} htmlFor="opsdeck-query-dora-group-by">
          <Combobox<'service' | 'team'>
            id="opsdeck-query-dora-group-by"
            width={16}
            options={DORA_GROUP_BY_OPTIONS}
            value={query.doraGroupBy ?? 'service'}
            onChange={(option) => update({ doraGroupBy: option.value })}
          />
        </InlineField>
      )}
      {query.queryType === 'suspect_deploys' && (
        <InlineField label="Jump in" labelWidth={labelWidth} htmlFor="opsdeck-query-suspect-metric">
          <Combobox
            id="opsdeck-query-suspect-metric"
            width={18}
            options={SUSPECT_METRIC_OPTIONS}
            value={query.suspectMetric ?? 'error_rate'}
            onChange={(option) => update({ suspectMetric: option.value })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
