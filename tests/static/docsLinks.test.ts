/**
 * @jest-environment node
 */
// Every relative link in README.md, docs/*.md and docs/playbooks/*.md points at a file that exists (and at a
// heading that exists when it names one); every Grafana path the docs give as code (`/a/opsdeck-sre-app/<page>`,
// `/d/<dashboard uid>?var-<variable>=`) names a page of the app or a dashboard of dashboards/ and its variables.
import fs from 'node:fs';
import path from 'node:path';
import { PLUGIN_BASE_URL, ROUTES } from '@/constants';
import { docsFiles, readMarkdown, ROOT } from './markdown';

const files = docsFiles();
const parsed = new Map(files.map((file) => [file, readMarkdown(file)]));

const dashboards = new Map(
  fs
    .readdirSync(path.join(ROOT, 'dashboards'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const json = JSON.parse(fs.readFileSync(path.join(ROOT, 'dashboards', name), 'utf8')) as {
        uid: string;
        templating?: { list?: Array<{ name: string }> };
      };
      return [json.uid, new Set((json.templating?.list ?? []).map((v) => v.name))] as const;
    })
);

function anchorsOf(file: string): Set<string> {
  const known = parsed.get(file) ?? readMarkdown(file);
  parsed.set(file, known);
  return known.anchors;
}

/** What is wrong with one link of `from`, or undefined. */
function brokenLink(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: …
  if (target.startsWith('/')) return 'an absolute path breaks on GitHub: write Grafana paths as `code`';
  const [rawPath, anchor] = target.split('#', 2);
  const file =
    rawPath === '' ? from : path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURI(rawPath)));
  if (file.startsWith('..')) return 'leaves the repository';
  if (!fs.existsSync(path.join(ROOT, file))) return `${file} does not exist`;
  if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) return `${file} has no heading #${anchor}`;
  return undefined;
}

/** What is wrong with a Grafana path given as inline code, or undefined when it is not one. */
function brokenGrafanaPath(code: string): string | undefined {
  const url = new URL(code.replace(/<[^>]+>/g, 'x'), 'http://grafana.invalid');
  if (code.startsWith(`${PLUGIN_BASE_URL}/`)) {
    const page = url.pathname.slice(PLUGIN_BASE_URL.length + 1).split('/')[0];
    // `/a/opsdeck-sre-app/*` and `…/<page>` speak of every page.
    if (page === '*' || page === '' || page === 'x') return undefined;
    return (Object.values(ROUTES) as string[]).includes(page) ? undefined : `no app page "${page}"`;
  }
  const dashboard = /^\/d\/([^/?#]+)/.exec(code)?.[1];
  if (dashboard === undefined) return undefined;
  const variables = dashboards.get(dashboard);
  if (!variables) return `no dashboard with uid ${dashboard} in dashboards/`;
  const unknown = [...url.searchParams.keys()]
    .filter((key) => key.startsWith('var-'))
    .map((key) => key.slice(4))
    .filter((name) => !variables.has(name));
  return unknown.length > 0 ? `dashboard ${dashboard} has no variable ${unknown.join(', ')}` : undefined;
}

describe('the docs', () => {
  it('are found: the README, docs/ and the playbooks', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/SRE_RUNBOOK.md');
    expect(files.filter((f) => f.startsWith('docs/playbooks/')).length).toBeGreaterThan(20);
  });

  it.each(files)('%s links only to files and headings that exist', (file) => {
    const broken = parsed
      .get(file)!
      .links.map((link) => ({ link, problem: brokenLink(file, link.target) }))
      .filter((b) => b.problem !== undefined)
      .map(({ link, problem }) => `${file}:${link.line} [${link.text}](${link.target}): ${problem}`);
    expect(broken).toEqual([]);
  });

  it.each(files)('%s names only app pages and dashboards that exist', (file) => {
    const broken = parsed
      .get(file)!
      .code.map((code) => ({ code, problem: brokenGrafanaPath(code.text) }))
      .filter((b) => b.problem !== undefined)
      .map(({ code, problem }) => `${file}:${code.line} \`${code.text}\`: ${problem}`);
    expect(broken).toEqual([]);
  });

  it('are all reachable from the README', () => {
    const linked = new Set<string>();
    const visit = (file: string) => {
      for (const { target } of parsed.get(file)?.links ?? []) {
        const [rawPath] = target.split('#');
        if (!rawPath || /^[a-z][a-z0-9+.-]*:/i.test(rawPath) || rawPath.startsWith('/')) continue;
        const next = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(rawPath)));
        if (next.endsWith('.md') && parsed.has(next) && !linked.has(next)) {
          linked.add(next);
          visit(next);
        }
      }
    };
    visit('README.md');
    expect(files.filter((f) => f !== 'README.md' && !linked.has(f))).toEqual([]);
  });

  it('slugs headings the way GitHub does, so anchors can be checked', () => {
    const readme = anchorsOf('README.md');
    expect(readme).toContain('add-opsdeck-to-an-existing-grafana');
    expect(readme).toContain('gateway-api');
  });
});
