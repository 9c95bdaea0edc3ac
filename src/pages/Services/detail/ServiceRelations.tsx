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

/**
 * What the service calls and what calls it (each a link to its own page: where an outage comes from and where it
 * spreads to), and the maintenance windows that cover it.
 */
export function ServiceRelations({ catalog, catalogNames, dependents, maintenance, now }: Props) {
  const styles = useStyles2(sectionStyles);
  const dependencies = catalog.dependsOn ?? [];
  return (
    <>
      <section
        aria-labelledby="opsdeck-service-dependencies"
        className={styles.section}
        data-testid={testIds.service.dependencies}
      >
        <h2 id="opsdeck-service-dependencies" className={styles.heading}>
          Depends on
        </h2>
        {dependencies.length === 0 ? (
          <p className={styles.secondary}>The catalog lists no dependency.</p>
        ) : (
          <ul className={styles.list}>
            {dependencies.map((name) => (
              <li key={name} data-testid={testIds.service.dependency(name)}>
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
      <section
        aria-labelledby="opsdeck-service-dependents"
        className={styles.section}
        data-testid={testIds.service.dependents}
      >
        <h2 id="opsdeck-service-dependents" className={styles.heading}>
          Used by
        </h2>
        {dependents.length === 0 ? (
          <p className={styles.secondary}>No catalog service lists it as a dependency.</p>
        ) : (
          <ul className={styles.list}>
            {dependents.map((name) => (
              <li key={name} data-testid={testIds.service.dependent(name)}>
                <TextLink href={servicePageUrl(name)} inline={false}>
                  {name}
                </TextLink>
              </li>
            ))}
          </ul>
        )}
      </section>
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
