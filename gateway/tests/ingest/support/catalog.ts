/** The project's real service catalog, read directly so these tests do not depend on the gateway's loader. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { CatalogService } from '@opsdeck/contract';
import { repoRoot } from './fixtures';

export function loadCatalog(): CatalogService[] {
  const text = readFileSync(path.join(repoRoot, 'provisioning/opsdeck/services.yaml'), 'utf8');
  return (parse(text) as { services: CatalogService[] }).services;
}

export function serviceNamed(catalog: CatalogService[], name: string): CatalogService {
  const service = catalog.find((s) => s.name === name);
  if (!service) {
    throw new Error(`catalog has no service ${name}`);
  }
  return service;
}
