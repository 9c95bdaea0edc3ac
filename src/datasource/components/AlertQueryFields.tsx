import { Combobox, InlineField, InlineFieldRow } from '@grafana/ui';
import { type AlertGroupBy, type AlertView, type OpsdeckQuery } from '@opsdeck/contract';
import {
  ALERT_GROUP_BY_OPTIONS,
  ALERT_SOURCE_OPTIONS,
  ALERT_STATUS_OPTIONS,
  ALERT_VIEW_OPTIONS,
  SEVERITY_OPTIONS,
} from './alertQueryOptions';
import { showsFields } from '../queryTypes';

interface Props {
  query: OpsdeckQuery;
  labelWidth: number;
  /** Applies the patch and runs the query. */
  update: (patch: Partial<OpsdeckQuery>) => void;
}

const allToUndefined = (value: string) => (value === '*' ? undefined : value);

/** The fields of the open_alerts, alert_rate, mtta and incident_stats query types; nothing for the other types. */
export function AlertQueryFields({ query, labelWidth, update }: Props) {
  if (!showsFields(query, 'alerts')) {
    return null;
  }
  return (
    <InlineFieldRow>
      <InlineField label="Severity" labelWidth={labelWidth} htmlFor="opsdeck-query-severity">
        <Combobox<string>
          id="opsdeck-query-severity"
          width={16}
          options={SEVERITY_OPTIONS}
          value={query.severity || '*'}
          onChange={(option) => update({ severity: allToUndefined(option.value) })}
        />
      </InlineField>
      {query.queryType !== 'incident_stats' && (
        <InlineField label="Source" labelWidth={labelWidth} htmlFor="opsdeck-query-alert-source">
          <Combobox<string>
            id="opsdeck-query-alert-source"
            width={18}
            options={ALERT_SOURCE_OPTIONS}
            value={query.alertSource || '*'}
            onChange={(option) => update({ alertSource: allToUndefined(option.value) })}
          />
        </InlineField>
      )}
      {query.queryType === 'open_alerts' && (
        <>
          <InlineField label="Status" labelWidth={labelWidth} htmlFor="opsdeck-query-alert-status">
            <Combobox<string>
              id="opsdeck-query-alert-status"
              width={16}
              options={ALERT_STATUS_OPTIONS}
              value={query.alertStatus || 'open'}
              onChange={(option) => update({ alertStatus: option.value === 'open' ? undefined : option.value })}
            />
          </InlineField>
          <InlineField label="View" labelWidth={labelWidth} htmlFor="opsdeck-query-alert-view">
            <Combobox<AlertView>
              id="opsdeck-query-alert-view"
              width={32}
              options={ALERT_VIEW_OPTIONS}
              value={query.alertView ?? 'table'}
              onChange={(option) => update({ alertView: option.value })}
            />
          </InlineField>
        </>
      )}
      {query.queryType !== 'open_alerts' && (
        <InlineField label="Group by" labelWidth={labelWidth} htmlFor="opsdeck-query-alert-group-by">
          <Combobox<AlertGroupBy>
            id="opsdeck-query-alert-group-by"
            width={16}
            options={
              query.queryType === 'incident_stats'
                ? ALERT_GROUP_BY_OPTIONS.filter((o) => o.value !== 'source')
                : ALERT_GROUP_BY_OPTIONS
            }
            value={query.alertGroupBy ?? (query.queryType === 'alert_rate' ? 'severity' : 'none')}
            onChange={(option) => update({ alertGroupBy: option.value })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
