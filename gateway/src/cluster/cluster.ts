/**
 * What makes replicas safe to run side by side, chosen by the store's driver: on Postgres, job leases, the shared
 * rollback lock and advisory-locked maintenance; on SQLite (one process owns the file), the same job leases on the
 * same table, in-process locks as before. docs/HA.md tells the operator's side.
 */
import { SharedServiceLock } from '../deployments/rollback/sharedServiceLock';
import { InProcessServiceLock, type ServiceLock } from '../deployments/rollback/serviceLock';
import { type Store } from '../store';
import { LeaseKeeper, type LeaseKeeperOptions } from './leaseKeeper';
import { Leases } from './leases';
import { AdvisoryMutex, InProcessMutex, type Mutex } from './mutex';

/** The replica's name, lease timing (tests shorten it) and what to tell the log. */
export type ClusterOptions = Omit<LeaseKeeperOptions, 'leases' | 'now'>;

export interface Cluster {
  replica: string;
  jobs: LeaseKeeper;
  rollbackLock: ServiceLock;
  maintenanceMutex: Mutex;
}

export function clusterFor(store: Store, options: ClusterOptions): Cluster {
  const leases = new Leases(store.db);
  const shared = store.driver === 'postgres';
  return {
    replica: options.replica,
    jobs: new LeaseKeeper({ leases, ...options }),
    rollbackLock: shared ? new SharedServiceLock(leases, options.replica) : new InProcessServiceLock(),
    maintenanceMutex: shared ? new AdvisoryMutex(store.db, 'opsdeck:maintenance') : new InProcessMutex(),
  };
}
