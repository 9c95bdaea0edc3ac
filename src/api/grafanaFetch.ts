import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { type GatewayFetch } from './GatewayClient';

/** GatewayFetch backed by Grafana's own fetch: it carries the session cookie the data proxy needs. */
export const grafanaFetch: GatewayFetch = (request) => lastValueFrom(getBackendSrv().fetch(request));
