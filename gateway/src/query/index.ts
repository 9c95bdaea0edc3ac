export { parseQueryRequest, runQueries, QueryBodyError, type QueryRunnerDeps } from './runQueries';
export { selectServices, parseFilter } from './filters';
export { DEMO_NOTICE } from './frames';
