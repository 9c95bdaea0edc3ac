import { filterOptions } from './filterOptions';

describe('filterOptions', () => {
  it('offers "no filter" first as the empty value, then the choices in order with their labels', () => {
    expect(
      filterOptions({ noFilterLabel: 'Open', choices: ['firing', { value: 'all', label: 'Any status' }] }, undefined)
    ).toEqual([
      { value: '', label: 'Open' },
      { value: 'firing', label: 'firing' },
      { value: 'all', label: 'Any status' },
    ]);
  });

  it('keeps offering a chosen value the data no longer holds, so it can be seen and cleared', () => {
    const options = filterOptions({ noFilterLabel: 'All services', choices: ['checkout-api'] }, 'retired-api');
    expect(options.map((o) => o.value)).toEqual(['', 'checkout-api', 'retired-api']);
    expect(filterOptions({ noFilterLabel: 'All services', choices: ['checkout-api'] }, 'checkout-api')).toHaveLength(2);
  });
});
