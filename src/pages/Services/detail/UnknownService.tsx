import { Alert, LinkButton } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { prefixRoute, ROUTES } from '@/constants';

/** An old link or a typo: say so plainly and lead back to the list, never an empty page. */
export function UnknownService({ service, catalogNames }: { service: string; catalogNames: string[] }) {
  return (
    <Alert
      severity="warning"
      title={`No service named "${service}" in the catalog`}
      data-testid={testIds.service.unknown}
    >
      <p>
        The service catalog (services.yaml) has {catalogNames.length} service{catalogNames.length === 1 ? '' : 's'}
        {catalogNames.length > 0 ? `: ${catalogNames.join(', ')}` : ''}. The service may have been renamed or removed.
      </p>
      <LinkButton href={prefixRoute(ROUTES.Services)} icon="arrow-left" variant="secondary">
        Back to all services
      </LinkButton>
    </Alert>
  );
}
