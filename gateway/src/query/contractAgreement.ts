/**
 * Compile-time proof that what POST /api/query accepts is what the contract's OpsdeckQuery describes: a query type
 * or field added on one side only fails `tsc -p gateway`, before a panel can save a query the gateway refuses.
 * Nothing here runs.
 */
import { type OpsdeckQuery, type QueryType } from '@opsdeck/contract';
import { type ValidQuery } from './schema';

/** True only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;

export type QueryTypesAgree = Holds<Same<ValidQuery['queryType'], QueryType>>;
export type QueryFieldsAgree = Holds<Same<keyof ValidQuery, keyof OpsdeckQuery>>;
