/** Finding things in the app the way its own code does: test ids from the one table, routes from src/constants.ts. */
import { prefixRoute, type ROUTES } from '@/constants';

/** The selector of a `data-testid` (values from src/components/testIds.ts): tests never hunt for display text. */
export function byTestId(id: string): string {
  return `[data-testid="${id}"]`;
}

/** An app page's path, e.g. appUrl(ROUTES.Alerts, '?status=all') → /a/opsdeck-sre-app/alerts?status=all. */
export function appUrl(route: ROUTES, query = ''): string {
  return `${prefixRoute(route)}${query}`;
}
