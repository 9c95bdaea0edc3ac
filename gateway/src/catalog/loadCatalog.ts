import { type z } from 'zod';
import { type CatalogService } from '@opsdeck/contract';
import { createCatalog, type Catalog, type TeamSettings } from './Catalog';
import { CatalogError } from './CatalogError';
import { resolveObjectives } from './objectives';
import { catalogFileSchema } from './schema';
import { displayPath, readYamlFile } from './yamlFile';

/** Reads and validates services.yaml. Throws CatalogError naming the file and the field path. */
export function loadCatalog(file: string): Catalog {
  const shown = displayPath(file);
  const document = readYamlFile(file, shown, 'service catalog');
  const { services, teams } = parseCatalogFile(document, shown);
  return createCatalog(services, file, teams);
}

/** Validates an already-parsed catalog document; `file` is only used in messages. */
export function parseCatalog(document: unknown, file: string): CatalogService[] {
  return parseCatalogFile(document, file).services;
}

function parseCatalogFile(document: unknown, file: string): { services: CatalogService[]; teams: TeamSettings[] } {
  const result = catalogFileSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CatalogError(file, fieldPath(issue), issueDetail(issue));
  }
  const services = result.data.services.map((service, index): CatalogService => {
    const resolved = resolveObjectives(service.slo);
    if (!resolved.ok) {
      throw new CatalogError(file, `services[${index}].slo.${resolved.field}`, resolved.detail);
    }
    return { ...service, slo: resolved.slo, objectives: resolved.objectives } as CatalogService;
  });
  checkReferences(services, file);
  const teams = result.data.teams ?? [];
  teams.forEach((team, index) => {
    if (!services.some((s) => s.team === team.name)) {
      throw new CatalogError(file, `teams[${index}].name`, `no service belongs to a team named "${team.name}"`);
    }
    if (teams.findIndex((t) => t.name === team.name) !== index) {
      throw new CatalogError(file, `teams[${index}].name`, `team "${team.name}" is listed twice`);
    }
  });
  return { services, teams };
}

function checkReferences(services: CatalogService[], file: string) {
  const firstIndex = new Map<string, number>();
  services.forEach((service, index) => {
    const earlier = firstIndex.get(service.name);
    if (earlier !== undefined) {
      throw new CatalogError(
        file,
        `services[${index}].name`,
        `duplicate name "${service.name}" (also services[${earlier}])`
      );
    }
    firstIndex.set(service.name, index);
  });
  services.forEach((service, index) => {
    (service.dependsOn ?? []).forEach((dependency, position) => {
      const field = `services[${index}].dependsOn[${position}]`;
      if (!firstIndex.has(dependency)) {
        throw new CatalogError(file, field, `no service named "${dependency}" in the catalog`);
      }
      if (dependency === service.name) {
        throw new CatalogError(file, field, 'a service cannot depend on itself');
      }
    });
  });
}

function fieldPath(issue: z.core.$ZodIssue): string {
  const segments = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  return segments
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

function issueDetail(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return 'unknown field';
  }
  if (issue.path.length === 0) {
    return 'expected a mapping with a "services" list';
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return 'required';
  }
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return `expected ${issue.expected}`;
  }
  return issue.message;
}
