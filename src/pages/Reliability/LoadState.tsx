import { Alert, LoadingPlaceholder } from '@grafana/ui';

/**
 * What a tab shows about its request: the error of the last load (saying that older figures stay on screen when
 * there are some) or, before the first answer, a placeholder.
 */
export function LoadState({
  what,
  error,
  hasData,
  testIds,
}: {
  /** What is loading, in the reader's words: "cost efficiency". */
  what: string;
  error?: string;
  hasData: boolean;
  testIds: { error: string; loading: string };
}) {
  if (error) {
    return (
      <Alert
        severity="error"
        title={hasData ? 'The last refresh failed; showing the figures before it' : `Could not load ${what}`}
        data-testid={testIds.error}
      >
        {error}
      </Alert>
    );
  }
  return hasData ? null : <LoadingPlaceholder text={`Loading ${what}…`} data-testid={testIds.loading} />;
}
