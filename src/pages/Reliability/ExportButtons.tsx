import { Button, Stack } from '@grafana/ui';
import { type ExportFormat } from './exportReliability';

/** "Export CSV" and "Export JSON" of one section, as shown; disabled when there is nothing to export. */
export function ExportButtons({
  disabled,
  onExport,
  testId,
}: {
  disabled: boolean;
  onExport: (format: ExportFormat) => void;
  testId: (format: ExportFormat) => string;
}) {
  return (
    <Stack direction="row" wrap="wrap" gap={1}>
      {(['csv', 'json'] as const).map((format) => (
        <Button
          key={format}
          size="sm"
          variant="secondary"
          icon="download-alt"
          disabled={disabled}
          onClick={() => onExport(format)}
          data-testid={testId(format)}
        >
          Export {format.toUpperCase()}
        </Button>
      ))}
    </Stack>
  );
}
