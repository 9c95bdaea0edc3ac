/**
 * What a scheduled job asks before each timer-driven run. The lease keeper (leaseKeeper.ts) answers for a cluster
 * of replicas; `everyRun` is for code built without one (unit tests).
 */
export type JobName = 'incident-polls' | 'maintenance' | 'burn-alerts' | 'kpis' | 'deployment-sync';

export interface JobRunner {
  /**
   * Runs `work` for the tick of `intervalMs` that now falls in, when this replica leads `job` and that tick has not
   * run yet; resolves true when it ran. Errors of `work` reject.
   */
  run(job: JobName, intervalMs: number, work: () => Promise<unknown>): Promise<boolean>;
}

export const everyRun: JobRunner = {
  run: async (_job, _intervalMs, work) => {
    await work();
    return true;
  },
};
