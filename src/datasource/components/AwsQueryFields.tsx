import { Combobox, InlineField, InlineFieldRow, Input } from '@grafana/ui';
import {
  type CostGroupBy,
  type CostView,
  type InfraMetric,
  type InfraResource,
  INFRA_METRICS,
  type OpsdeckQuery,
} from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import {
  COST_GROUP_BY_OPTIONS,
  COST_VIEW_OPTIONS,
  formatDimensions,
  infraMetricOptions,
  parseDimensions,
  RESOURCE_OPTIONS,
  STATISTIC_OPTIONS,
} from './awsQueryOptions';

interface Props {
  query: OpsdeckQuery;
  labelWidth: number;
  /** Applies the patch and runs the query. */
  update: (patch: Partial<OpsdeckQuery>) => void;
}

const ids = testIds.queryEditor;

/** The fields of the infrastructure, cost and raw_metric query types; nothing for the other types. */
export function AwsQueryFields({ query, labelWidth, update }: Props) {
  if (query.queryType === 'infrastructure') {
    const resource = query.resource ?? 'ec2';
    return (
      <InlineFieldRow>
        <InlineField label="Resource" labelWidth={labelWidth} htmlFor="opsdeck-query-resource">
          <Combobox<InfraResource>
            id="opsdeck-query-resource"
            data-testid={ids.resource}
            width={24}
            options={RESOURCE_OPTIONS}
            value={resource}
            onChange={(option) => update({ resource: option.value, infraMetric: INFRA_METRICS[option.value][0] })}
          />
        </InlineField>
        <InlineField label="Metric" labelWidth={labelWidth} htmlFor="opsdeck-query-infra-metric">
          <Combobox<InfraMetric>
            id="opsdeck-query-infra-metric"
            data-testid={ids.infraMetric}
            width={28}
            options={infraMetricOptions(resource)}
            value={query.infraMetric ?? null}
            placeholder="Choose a metric"
            onChange={(option) => update({ infraMetric: option.value })}
          />
        </InlineField>
      </InlineFieldRow>
    );
  }
  if (query.queryType === 'cost') {
    return (
      <InlineFieldRow>
        <InlineField label="View" labelWidth={labelWidth} htmlFor="opsdeck-query-cost-view">
          <Combobox<CostView>
            id="opsdeck-query-cost-view"
            data-testid={ids.costView}
            width={32}
            options={COST_VIEW_OPTIONS}
            value={query.costView ?? 'by_service'}
            onChange={(option) => update({ costView: option.value })}
          />
        </InlineField>
        <InlineField label="Group by" labelWidth={labelWidth} htmlFor="opsdeck-query-cost-group-by">
          <Combobox<CostGroupBy>
            id="opsdeck-query-cost-group-by"
            data-testid={ids.costGroupBy}
            width={30}
            options={COST_GROUP_BY_OPTIONS}
            value={query.costGroupBy ?? 'tag'}
            onChange={(option) => update({ costGroupBy: option.value })}
          />
        </InlineField>
        <InlineField label="Top N" labelWidth={labelWidth} tooltip="The rest is summed into “other”">
          <Input
            data-testid={ids.topN}
            type="number"
            width={8}
            min={1}
            max={50}
            defaultValue={query.topN ?? 8}
            onBlur={(e) => update({ topN: Number(e.currentTarget.value) || undefined })}
          />
        </InlineField>
      </InlineFieldRow>
    );
  }
  if (query.queryType === 'raw_metric') {
    const text = (field: 'namespace' | 'metricName' | 'account') => (e: React.FocusEvent<HTMLInputElement>) =>
      update({ [field]: e.currentTarget.value.trim() || undefined });
    return (
      <InlineFieldRow>
        <InlineField label="Namespace" labelWidth={labelWidth}>
          <Input
            data-testid={ids.namespace}
            width={20}
            placeholder="AWS/SQS"
            defaultValue={query.namespace}
            onBlur={text('namespace')}
          />
        </InlineField>
        <InlineField label="Metric name" labelWidth={labelWidth}>
          <Input data-testid={ids.metricName} width={28} defaultValue={query.metricName} onBlur={text('metricName')} />
        </InlineField>
        <InlineField label="Dimensions" labelWidth={labelWidth} tooltip="Name=value, separated by commas">
          <Input
            data-testid={ids.dimensions}
            width={32}
            placeholder="QueueName=orders"
            defaultValue={formatDimensions(query.dimensions)}
            onBlur={(e) => update({ dimensions: parseDimensions(e.currentTarget.value) })}
          />
        </InlineField>
        <InlineField label="Statistic" labelWidth={labelWidth} htmlFor="opsdeck-query-statistic">
          <Combobox<string>
            id="opsdeck-query-statistic"
            data-testid={ids.statistic}
            width={16}
            createCustomValue
            options={STATISTIC_OPTIONS}
            value={query.statistic ?? 'Average'}
            onChange={(option) => update({ statistic: option.value })}
          />
        </InlineField>
        <InlineField
          label="Period (s)"
          labelWidth={labelWidth}
          tooltip="A multiple of 60; raised when retention requires it"
        >
          <Input
            data-testid={ids.period}
            type="number"
            width={10}
            step={60}
            defaultValue={query.period}
            onBlur={(e) => update({ period: Number(e.currentTarget.value) || undefined })}
          />
        </InlineField>
        <InlineField
          label="Account"
          labelWidth={labelWidth}
          tooltip="12-digit AWS account id; empty = the first configured"
        >
          <Input data-testid={ids.account} width={16} defaultValue={query.account} onBlur={text('account')} />
        </InlineField>
      </InlineFieldRow>
    );
  }
  return null;
}
