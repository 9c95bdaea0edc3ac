/**
 * The one table of data-testid values. Components set them, unit tests and browser tests find elements by them, so
 * a wording change in the UI never breaks a test. Keep values stable: browser tests and screenshots depend on them.
 * Values that depend on data (a service name, a team) are functions.
 */
export const testIds = {
  overview: {
    page: 'data-testid opsdeck overview page',
    loading: 'data-testid opsdeck overview loading',
    error: 'data-testid opsdeck overview error',
    errorAction: 'data-testid opsdeck overview error action',
    demoBadge: 'data-testid opsdeck overview demo badge',
    notices: 'data-testid opsdeck overview notices',
    lastUpdated: 'data-testid opsdeck overview last updated',
    refresh: 'data-testid opsdeck overview refresh',
    summary: 'data-testid opsdeck overview summary',
    summaryStat: (stat: 'ok' | 'degraded' | 'down' | 'incidents' | 'services') =>
      `data-testid opsdeck overview summary ${stat}`,
    teamFilter: 'data-testid opsdeck overview team filter',
    fleet: 'data-testid opsdeck overview fleet',
    empty: 'data-testid opsdeck overview empty',
    teamGroup: (team: string) => `data-testid opsdeck overview team ${team}`,
    serviceRow: (service: string) => `data-testid opsdeck overview service ${service}`,
    serviceStatus: (service: string) => `data-testid opsdeck overview service ${service} status`,
    serviceMetric: (service: string, metric: string) => `data-testid opsdeck overview service ${service} ${metric}`,
  },
  appConfig: {
    container: 'data-testid opsdeck app config',
    datasource: 'data-testid opsdeck app config datasource',
    noDatasource: 'data-testid opsdeck app config no datasource',
    health: 'data-testid opsdeck app config health',
    submit: 'data-testid opsdeck app config submit',
    saveError: 'data-testid opsdeck app config save error',
  },
  configEditor: {
    container: 'data-testid opsdeck config editor',
    gatewayUrl: 'data-testid opsdeck config editor gateway url',
    apiToken: 'data-testid opsdeck config editor api token',
    help: 'data-testid opsdeck config editor help',
  },
  queryEditor: {
    container: 'data-testid opsdeck query editor',
    queryType: 'data-testid opsdeck query editor query type',
    service: 'data-testid opsdeck query editor service',
    team: 'data-testid opsdeck query editor team',
    region: 'data-testid opsdeck query editor region',
    metric: 'data-testid opsdeck query editor metric',
    eventKinds: 'data-testid opsdeck query editor event kinds',
    catalogError: 'data-testid opsdeck query editor catalog error',
  },
  variableEditor: {
    container: 'data-testid opsdeck variable editor',
    kind: 'data-testid opsdeck variable editor kind',
    team: 'data-testid opsdeck variable editor team',
  },
} as const;
