/** Reading a YAML settings file (the catalog, the escalation file) so that every failure names the file. */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CatalogError } from './CatalogError';

/** The path as the operator would type it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The parsed document; throws CatalogError naming `shown` when the file is missing or not YAML. */
export function readYamlFile(file: string, shown: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogError(shown, '', `cannot read the ${what} (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw new CatalogError(shown, '', `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}
