import { QUERY_TYPES } from '@opsdeck/contract';
import { QUERY_TYPE_OPTIONS } from './queryOptions';

describe('query type picker', () => {
  it('offers every query type of the contract exactly once, so no saved panel has a type the editor cannot show', () => {
    const offered = QUERY_TYPE_OPTIONS.map((option) => option.value);
    expect([...offered].sort()).toEqual([...QUERY_TYPES].sort());
    expect(new Set(offered).size).toBe(offered.length);
  });
});
