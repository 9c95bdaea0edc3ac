import { Badge } from '@grafana/ui';

/** Every figure from the generated demo fleet says so. */
export function DemoBadge({ testId }: { testId: string }) {
  return (
    <span data-testid={testId}>
      <Badge
        color="purple"
        icon="info-circle"
        text="Demo data"
        tooltip="The gateway has no upstream sources configured and serves a generated demo fleet."
      />
    </span>
  );
}
