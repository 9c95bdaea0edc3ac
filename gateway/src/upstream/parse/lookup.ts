/**
 * A table's entry for a key that came from outside (a webhook field, an upstream's enum). Own entries only: indexing
 * a plain object with "constructor", "valueOf" or "__proto__" would otherwise find Object.prototype's members.
 */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string | undefined): V | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
