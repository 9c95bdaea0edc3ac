// A bundled doc as the Playbooks page shows it: Grafana's own Markdown renderer and its text-panel sanitiser
// (renderMarkdown of @grafana/data), with the links made to work inside Grafana.
//
// The order matters. The sanitiser drops every href that is not absolute, `/…`, `./…`, `../…` or `#…`, so a link to
// `slo-fast-burn.md` would lose its target: links are rewritten first, in the renderer's unsanitised output parsed
// into an inert document (DOMParser: no scripts run, nothing loads), and the result is sanitised after. The sanitiser
// also drops `id`s, so the heading anchors are added to its output, as values we make from the heading's text.
import { locationUtil, renderMarkdown, textUtil } from '@grafana/data';
import { docsUrl, playbooksAppUrl } from '@opsdeck/contract';
import { PLUGIN_BASE_URL } from '@/constants';
import { type BundledDoc, bundledDocAt } from './bundledDocs';
import { slugCounter } from './slug';

export interface RenderOptions {
  /** The catalog service the reader came for (from an alert): fills `<service>` in the Grafana paths the doc gives. */
  service?: string;
  /** The app's docsBaseUrl: where links to docs that are not bundled go. Without one they become plain text. */
  docsBaseUrl?: string;
}

export interface RenderedDoc {
  /** The doc's `# title`, which the page shows as its own title. */
  title: string;
  /** The rest of the doc as sanitised HTML, headings with their GitHub anchors. */
  html: string;
}

/** The class of the frame a table scrolls sideways in on a narrow screen (styled by the page). */
export const TABLE_SCROLL_CLASS = 'opsdeck-doc-table';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const EXTERNAL_SCHEMES = new Set(['http', 'https', 'mailto']);
/** Grafana paths the docs give as inline code: app pages and dashboards. */
const GRAFANA_PATH = new RegExp(`^(${PLUGIN_BASE_URL}/|/d/)`);

/** The doc's first line as its title when it is a `# heading`, and the Markdown after it. */
function splitTitle(doc: BundledDoc): { title: string; body: string } {
  const [first = '', ...rest] = doc.source.split('\n');
  const heading = /^#\s+(.*?)\s*#*\s*$/.exec(first)?.[1];
  if (heading === undefined) return { title: doc.page || 'Playbooks', body: doc.source };
  return { title: heading.replace(/`/g, ''), body: rest.join('\n') };
}

/** A relative link target resolved against the repository path of the doc it is in; undefined when it leaves the repository. */
function resolvePath(from: string, target: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURI(target);
  } catch {
    return undefined;
  }
  const segments = from.split('/').slice(0, -1);
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else {
      segments.push(part);
    }
  }
  return segments.join('/');
}

/**
 * A Grafana path from the docs as a link: `<service>` filled with the service the reader came for; whatever stays a
 * placeholder (`<id>`, `<dependency>`, `<service>` with none known) is left out, so the link goes to the nearest page
 * that needs none (`/a/opsdeck-sre-app/services/<service>` → the Services list, `?var-service=<service>` → the
 * dashboard as it opens).
 */
export function grafanaPathHref(path: string, service?: string): string {
  const filled = service ? path.split('<service>').join(encodeURIComponent(service)) : path;
  if (!filled.includes('<')) return filled;
  const queryAt = filled.indexOf('?');
  const pathname = queryAt < 0 ? filled : filled.slice(0, queryAt);
  const query = queryAt < 0 ? '' : filled.slice(queryAt + 1);
  const segments = pathname.split('/');
  const cut = segments.findIndex((s) => s.includes('<'));
  const base = cut < 0 ? pathname : segments.slice(0, cut).join('/');
  const kept = query.split('&').filter((pair) => pair !== '' && !pair.includes('<'));
  return kept.length > 0 ? `${base}?${kept.join('&')}` : base;
}

type LinkTarget =
  { kind: 'internal'; href: string } | { kind: 'external'; href: string } | { kind: 'text'; path?: string };

/** Where one link of the doc goes in the app. */
function linkTarget(doc: BundledDoc, target: string, options: RenderOptions): LinkTarget {
  const inApp = (page: string, anchor?: string) => ({
    kind: 'internal' as const,
    href: locationUtil.assureBaseUrl(playbooksAppUrl(page, { service: options.service, anchor })),
  });
  const scheme = SCHEME.exec(target)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    return EXTERNAL_SCHEMES.has(scheme) ? { kind: 'external', href: target } : { kind: 'text' };
  }
  if (target.startsWith('//')) return { kind: 'text' };
  if (target.startsWith('/')) return { kind: 'internal', href: locationUtil.assureBaseUrl(target) };
  const hashAt = target.indexOf('#');
  const rawPath = hashAt < 0 ? target : target.slice(0, hashAt);
  const anchor = hashAt < 0 ? undefined : target.slice(hashAt + 1) || undefined;
  if (rawPath === '') return inApp(doc.page, anchor);
  const path = resolvePath(doc.path, rawPath);
  if (path === undefined) return { kind: 'text' };
  const bundled = bundledDocAt(path);
  if (bundled) return inApp(bundled.page, anchor);
  if (options.docsBaseUrl) return { kind: 'external', href: docsUrl(path, options.docsBaseUrl, anchor) };
  return { kind: 'text', path };
}

/** The elements Markdown itself makes (marked, GitHub-flavoured): any other element came from `<…>` in the text. */
const MARKDOWN_TAGS = new Set(
  'p h1 h2 h3 h4 h5 h6 ul ol li a em strong del code pre blockquote table thead tbody tr th td hr br img input'.split(
    ' '
  )
);

/**
 * A placeholder in running text (`*Suspect deploys for <service>*`, `fetched <time>`) reaches the renderer as an
 * HTML tag. The docs hold no HTML of their own, so every element Markdown does not make is put back as the text it
 * was written as, its content after it: the reader sees `<service>`, as the author wrote it.
 */
function literalTags(body: HTMLElement): void {
  for (const element of [...body.querySelectorAll('*')]) {
    const name = element.tagName.toLowerCase();
    if (MARKDOWN_TAGS.has(name)) continue;
    const attributes = [...element.attributes].map((a) => (a.value ? ` ${a.name}="${a.value}"` : ` ${a.name}`));
    element.replaceWith(`<${name}${attributes.join('')}>`, ...element.childNodes);
  }
}

/** Replaces a link by its text, followed by the repository path it named (where the reader finds that file). */
function unwrap(link: HTMLAnchorElement, path: string | undefined): void {
  const owner = link.ownerDocument;
  const nodes: Array<Node | string> = [...link.childNodes];
  if (path) {
    const code = owner.createElement('code');
    code.textContent = path;
    nodes.push(' (', code, ')');
  }
  link.replaceWith(...nodes);
}

function rewriteLinks(body: HTMLElement, doc: BundledDoc, options: RenderOptions): void {
  for (const link of [...body.querySelectorAll('a')]) {
    const target = link.getAttribute('href');
    if (target === null) continue;
    const to = linkTarget(doc, target.trim(), options);
    if (to.kind === 'text') {
      unwrap(link, to.path);
      continue;
    }
    link.setAttribute('href', to.href);
    if (to.kind === 'external') link.setAttribute('target', '_blank');
  }
  // Grafana paths given as inline code become links to those pages.
  for (const code of [...body.querySelectorAll('code')]) {
    const text = code.textContent ?? '';
    if (code.closest('pre, a') || !GRAFANA_PATH.test(text)) continue;
    const link = code.ownerDocument.createElement('a');
    link.setAttribute('href', locationUtil.assureBaseUrl(grafanaPathHref(text, options.service)));
    code.replaceWith(link);
    link.append(code);
  }
}

/** What the sanitiser does not keep: heading anchors, noopener on new tabs, scrollable frames reachable by keyboard. */
function finish(body: HTMLElement, title: string): void {
  const slug = slugCounter();
  // The title is the doc's first heading on GitHub: the headings after it are numbered as there.
  slug(title);
  for (const heading of [...body.querySelectorAll('h1, h2, h3, h4, h5, h6')]) {
    heading.setAttribute('id', slug(heading.textContent ?? ''));
  }
  for (const link of [...body.querySelectorAll('a[target="_blank"]')]) {
    link.setAttribute('rel', 'noopener noreferrer');
  }
  for (const pre of [...body.querySelectorAll('pre')]) pre.setAttribute('tabindex', '0');
  for (const table of [...body.querySelectorAll('table')]) {
    const frame = body.ownerDocument.createElement('div');
    frame.setAttribute('class', TABLE_SCROLL_CLASS);
    frame.setAttribute('tabindex', '0');
    table.replaceWith(frame);
    frame.append(table);
  }
}

function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html').body;
}

export function renderDoc(doc: BundledDoc, options: RenderOptions = {}): RenderedDoc {
  const { title, body } = splitTitle(doc);
  const raw = parse(renderMarkdown(body, { noSanitize: true }));
  literalTags(raw);
  rewriteLinks(raw, doc, options);
  const clean = parse(textUtil.sanitizeTextPanelContent(raw.innerHTML));
  finish(clean, title);
  return { title, html: clean.innerHTML };
}
