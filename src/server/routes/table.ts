import type { AppServices } from '../app-services';
import type { TestControls } from '../test-controls/controls';
import { metricsRoute } from './metrics';
import { registrationAdminRoutes } from './registration-admin';
import { registrationRoutes } from './registration';
import { testControlRoutes } from '../test-controls/routes';
import { debitRoute } from './debit';
import { healthRoutes } from './health';
import { keyIdRoutes, keyRoutes } from './keys';
import { modelRoutes } from './models';
import type { Route } from './route';
import { invitationRoutes } from './invitations';
import { organizationKeyRoutes } from './organization-keys';
import { organizationMemberRoutes } from './organization-members';
import { organizationRoutes } from './organizations';
import { siweRoutes, tokenRoutes } from './siwe';
import { usageRoutes } from './usage';
import { validateRoute } from './validate';

/**
 * Every route of the server, in matching order: the single place that knows routes. Specific
 * paths come before parameterised ones (`/keys/validate` before `/keys/:key_id`). The
 * registration and metrics routes are in the table when the app's services are given, the
 * test-control routes when their controls are.
 *
 * @example
 * routeTable().map((route) => `${route.method} ${route.path}`);
 */
export function routeTable(controls?: TestControls, services?: Pick<AppServices, 'registrations' | 'metrics'>): Route[] {
  return [
    ...healthRoutes,
    validateRoute,
    ...keyRoutes,
    ...keyIdRoutes,
    ...usageRoutes,
    debitRoute,
    ...modelRoutes,
    ...siweRoutes,
    ...tokenRoutes,
    ...organizationRoutes,
    ...organizationMemberRoutes,
    ...invitationRoutes,
    ...organizationKeyRoutes,
    ...(services ? [...registrationRoutes(services.registrations), ...registrationAdminRoutes(services.registrations), metricsRoute(services.metrics, services.registrations)] : []),
    ...(controls ? testControlRoutes(controls) : []),
  ];
}

/**
 * The routes of a table grouped by path, in the order the paths first appear.
 *
 * @example
 * routesByPath(routeTable()).get('/api/v1/keys/:key_id')?.map((route) => route.method); // ['GET', 'DELETE']
 */
export function routesByPath(routes: readonly Route[]): Map<string, Route[]> {
  const byPath = new Map<string, Route[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
  return byPath;
}
