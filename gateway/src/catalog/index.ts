export { loadCatalog, parseCatalog } from './loadCatalog';
export { createCatalog, type Catalog } from './Catalog';
export { CatalogError } from './CatalogError';
export { displayPath, readYamlFile } from './yamlFile';
