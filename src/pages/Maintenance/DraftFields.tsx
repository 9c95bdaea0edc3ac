import { Field, Input, RadioButtonGroup, TextArea } from '@grafana/ui';
import { type DraftField, type MaintenanceDraft } from './maintenanceDraft';

/** The create form's draft, how to change it, and the problem (if any) to show at a field. */
export interface DraftForm {
  draft: MaintenanceDraft;
  set: (change: Partial<MaintenanceDraft>) => void;
  errorFor: (field: DraftField) => string | undefined;
}

interface TextProps {
  form: DraftForm;
  field: 'reason' | 'startAt' | 'endAt' | 'occurrenceStart';
  /** An input of this type, or (without one) a two-line text area. */
  type?: 'datetime-local' | 'time';
  label: string;
  description?: string;
  required?: boolean;
  testId: string;
}

/** A text-valued draft field, labelled, with its problem shown in place. */
export function DraftTextField({ form, field, type, label, description, required, testId }: TextProps) {
  const error = form.errorFor(field);
  const input = {
    id: `opsdeck-maintenance-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    value: form.draft[field],
    onChange: (e: { currentTarget: { value: string } }) => form.set({ [field]: e.currentTarget.value }),
    'data-testid': testId,
  };
  return (
    <Field label={label} description={description} invalid={Boolean(error)} error={error} required={required}>
      {type ? <Input {...input} type={type} /> : <TextArea {...input} rows={2} maxLength={2000} />}
    </Field>
  );
}

type ChoiceKey = 'startMode' | 'endMode' | 'durationMinutes';

interface ChoiceProps<K extends ChoiceKey> {
  form: DraftForm;
  field: K;
  options: Array<{ label: string; value: MaintenanceDraft[K] }>;
  label: string;
  size?: 'sm';
  testId: string;
}

/** A draft field picked from a few options, shown as a row of buttons. */
export function DraftChoiceField<K extends ChoiceKey>({ form, field, options, label, size, testId }: ChoiceProps<K>) {
  return (
    <Field label={label}>
      <RadioButtonGroup
        size={size}
        options={options}
        value={form.draft[field]}
        onChange={(value) => form.set({ [field]: value })}
        data-testid={testId}
      />
    </Field>
  );
}
