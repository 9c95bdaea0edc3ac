import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { BURN_WINDOWS, type OpsdeckQuery } from '@opsdeck/contract';
import { showsFields } from '../queryTypes';

interface Props {
  query: OpsdeckQuery;
  labelWidth: number;
  /** Applies the patch and runs the query. */
  update: (patch: Partial<OpsdeckQuery>) => void;
}

/** The objective (slo, burn_rate, error_budget) and the burn windows (burn_rate); nothing for the other types. */
export function SloQueryFields({ query, labelWidth, update }: Props) {
  if (!showsFields(query, 'slo')) {
    return null;
  }
  return (
    <InlineFieldRow>
      <InlineField
        label="Objective"
        labelWidth={labelWidth}
        htmlFor="opsdeck-query-slo-id"
        tooltip="An objective id from the catalog (e.g. availability); empty or * for every objective"
      >
        <Input
          id="opsdeck-query-slo-id"
          width={20}
          value={query.sloId ?? ''}
          placeholder="*"
          onChange={(event) => update({ sloId: event.currentTarget.value || undefined })}
        />
      </InlineField>
      {query.queryType === 'burn_rate' && (
        <InlineField
          label="Windows"
          labelWidth={labelWidth}
          htmlFor="opsdeck-query-burn-windows"
          tooltip={`A comma list of ${BURN_WINDOWS.join(', ')}; empty for all`}
        >
          <Input
            id="opsdeck-query-burn-windows"
            width={24}
            value={query.burnWindows ?? ''}
            placeholder="1h,6h"
            onChange={(event) => update({ burnWindows: event.currentTarget.value || undefined })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
