export { GatewayClient, proxyUrlForDatasource, type GatewayFetch, type GatewayRequest, type GatewayResponse } from './GatewayClient';
export { GatewayError, toGatewayError } from './GatewayError';
export { toDataFrame, opsdeckMeta, isDemoFrame } from './frames';
