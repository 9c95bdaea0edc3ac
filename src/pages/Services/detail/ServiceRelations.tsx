import { Badge, TextLink, useStyles2 } from '@grafana/ui';
import { type CatalogService, type MaintenanceWindow } from '@opsdeck/contract';
import { formatDateTime } from '@/components/Timeline/formatTime';
import { testIds } from '@/components/testIds';
import { prefixRoute, ROUTES, servicePageUrl } from '@/constants';
import { describeTimeLeft } from '@/pages/Maintenance/maintenanceText';
import { sectionStyles } from './sectionStyles';

interface Props {
  catalog: CatalogService;
  catalogNames: ReadonlySet<string>;
  dependents: readonly string[];
  maintenance: MaintenanceWindow[];
  now: number;
}

interface LinksProps {
  id: string;
  title: string;
  empty: string;
  names: readonly string[];
  catalogNames: ReadonlySet<string>;
  testId: string;
  itemTestId: (name: string) => string;
}

/** A titled list of services, each a link to its page when the catalog knows it. */
function ServiceLinks({ id, title, empty, names, catalogNames, testId, itemTestId }: LinksProps) {
  const styles = useStyles2(sectionStyles);
  return (
    <section aria-labelledby={id} className={styles.section} data-testid={testId}>
      <h2 id={id} className={styles.heading}>
        {title}
      </h2>
      {names.length === 0 ? (
        <p className={styles.secondary}>{empty}</p>
      ) : (
        <ul className={styles.list}>
          {names.map((name) => (
            <li key={name} data-testid={itemTestId(name)}>
              {catalogNames.has(name) ? (
                <TextLink href={servicePageUrl(name)} inline={false}>
                  {name}
                </TextLink>
              ) : (
                <span>{name} (not in the catalog)</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * What the service calls and what calls it (each a link to its own page: where an outage comes from and where it
 * spreads to), and the maintenance windows that cover it.
 */
export function ServiceRelations({ catalog, catalogNames, dependents, maintenance, now }: Props) {
  const styles = useStyles2(sectionStyles);
  const dependencies = catalog.dependsOn ?? [];
  return (
    <>
      <ServiceLinks
        id="opsdeck-service-dependencies"
        title="Depends on"
        empty="The catalog lists no dependency."
        names={dependencies}
        catalogNames={catalogNames}
        testId={testIds.service.dependencies}
        itemTestId={testIds.service.dependency}
      />
      <ServiceLinks
        id="opsdeck-service-dependents"
        title="Used by"
        empty="No catalog service lists it as a dependency."
        names={dependents}
        catalogNames={catalogNames}
        testId={testIds.service.dependents}
        itemTestId={testIds.service.dependent}
      />
      <section
        aria-labelledby="opsdeck-service-maintenance"
        className={styles.section}
        data-testid={testIds.service.maintenance}
      >
        <div className={styles.line}>
          <h2 id="opsdeck-service-maintenance" className={styles.heading}>
            Maintenance
          </h2>
          <TextLink href={prefixRoute(ROUTES.Maintenance)} inline={false}>
            Plan a window
          </TextLink>
        </div>
        {maintenance.length === 0 ? (
          <p className={styles.secondary}>No window is active or scheduled for this service or its team.</p>
        ) : (
          <ul className={styles.list}>
            {maintenance.map((w) => (
              <li key={w.id} className={styles.line} data-testid={testIds.service.maintenanceWindow(w.id)}>
                <Badge color={w.state === 'active' ? 'purple' : 'blue'} text={w.state} />
                <span>{w.reason}</span>
                <span className={styles.secondary}>
                  {formatDateTime(w.startsAt)} → {formatDateTime(w.endsAt)}, {describeTimeLeft(w, now).text}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
