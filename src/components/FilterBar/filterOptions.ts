import { type ComboboxOption } from '@grafana/ui';

export interface FilterChoice {
  value: string;
  label?: string;
}

/** One picker of a filter bar. The empty value always means "no filter". */
export interface FilterDescriptor<K extends string = string> {
  key: K;
  label: string;
  /** What the empty value is called: "All teams"; for alert status "Open", the API's default. */
  noFilterLabel: string;
  /** The values offered after it, in this order. */
  choices: ReadonlyArray<string | FilterChoice>;
  /** From testIds.ts, so unit and browser tests find the picker. */
  testId: string;
  /** Characters, as Grafana's Combobox counts width; absent: the picker shares the row with the others. */
  width?: number;
}

/**
 * The picker's options: "no filter", the choices, and the chosen value even when the data no longer holds it (a
 * service that stopped deploying, a team in an old link), so it can be seen and cleared.
 */
export function filterOptions(
  filter: Pick<FilterDescriptor, 'noFilterLabel' | 'choices'>,
  selected: string | undefined
) {
  const choices = filter.choices.map((choice) => (typeof choice === 'string' ? { value: choice } : choice));
  if (selected && !choices.some((choice) => choice.value === selected)) {
    choices.push({ value: selected });
  }
  const options: Array<ComboboxOption<string>> = [{ value: '', label: filter.noFilterLabel }];
  for (const { value, label } of choices) {
    options.push({ value, label: label ?? value });
  }
  return options;
}
