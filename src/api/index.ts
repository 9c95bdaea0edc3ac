export {
  GatewayClient,
  proxyUrlForDatasource,
  type GatewayFetch,
  type GatewayRequest,
  type GatewayResponse,
  type ActionBodies,
  type ClientActionKind,
  type RollbackAccess,
} from './GatewayClient';
export { GatewayError, toGatewayError } from './GatewayError';
export { toDataFrame, opsdeckMeta, isDemoFrame } from './frames';
export { LiveEventStream, type EventSourceFactory, type EventSourceLike, type LiveEventListener } from './liveEvents';
export { useLiveEvents, type LiveEventsOptions } from './useLiveEvents';
export { systemClock, type Clock } from './clock';
export { useGatewayMode } from './useGatewayMode';
export { useGatewayQuery, type GatewayQuery, type GatewayQueryOptions } from './useGatewayQuery';
export { newIdempotencyKey } from './idempotencyKey';
