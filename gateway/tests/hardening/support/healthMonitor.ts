/** Polls GET /api/health on its own connections while other requests run: the worst latency says whether anything froze. */
import { rawRequest } from './rawHttp';

export interface HealthMonitor {
  /** Stops polling and resolves with what was seen. */
  stop(): Promise<{ polls: number; worstMs: number; failures: string[] }>;
}

export function monitorHealth(baseUrl: string, everyMs = 100, timeoutMs = 5_000): HealthMonitor {
  let polls = 0;
  let worstMs = 0;
  const failures: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await rawRequest(baseUrl, { method: 'GET', path: '/api/health', timeoutMs });
        if (response.status !== 200) failures.push(`health answered ${response.status}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
      const elapsed = performance.now() - started;
      polls++;
      worstMs = Math.max(worstMs, elapsed);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - elapsed)));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { polls, worstMs: Math.round(worstMs), failures };
    },
  };
}
