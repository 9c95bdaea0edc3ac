import { type QueryEditorProps } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import { type OpsdeckQuery, type OpsdeckVariableQuery, VARIABLE_KINDS, type VariableKind } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { type DataSource } from '../datasource';
import { type OpsdeckOptions } from '../types';

type Props = QueryEditorProps<DataSource, OpsdeckQuery, OpsdeckOptions, OpsdeckVariableQuery>;

const KIND_LABELS: Record<VariableKind, string> = { service: 'Services', team: 'Teams', region: 'Regions' };
const KIND_OPTIONS = VARIABLE_KINDS.map((kind) => ({ label: KIND_LABELS[kind], value: kind }));

/** Picks what a dashboard variable lists; services can be narrowed to a team (typically "$team"). */
export function VariableQueryEditor({ query, onChange }: Props) {
  const kind: VariableKind = query?.kind ?? 'service';
  const refId = query?.refId ?? 'variable';

  return (
    <div data-testid={testIds.variableEditor.container}>
      <InlineFieldRow>
        <InlineField label="Values" labelWidth={14} tooltip="What this variable lists, from the gateway's service catalog">
          <RadioButtonGroup<VariableKind>
            aria-label="Variable values"
            data-testid={testIds.variableEditor.kind}
            options={KIND_OPTIONS}
            value={kind}
            onChange={(value) => onChange({ ...query, refId, kind: value })}
          />
        </InlineField>
      </InlineFieldRow>
      {kind === 'service' && (
        <InlineFieldRow>
          <InlineField label="Team" labelWidth={14} htmlFor="opsdeck-variable-team" tooltip="Only services of this team; may be a variable such as $team. Empty means all teams.">
            <Input
              id="opsdeck-variable-team"
              data-testid={testIds.variableEditor.team}
              width={30}
              defaultValue={query?.team ?? ''}
              placeholder="all teams"
              // Commit on blur: every change re-runs the variable query.
              onBlur={(event) => onChange({ ...query, refId, kind, team: event.currentTarget.value.trim() })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </div>
  );
}
