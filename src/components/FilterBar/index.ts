export { FilterBar } from './FilterBar';
export { filterOptions, type FilterChoice, type FilterDescriptor } from './filterOptions';
