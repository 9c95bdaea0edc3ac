import { locationUtil } from '@grafana/data';
import { PLAYBOOK_IDS, PLAYBOOKS_APP_PATH } from '@opsdeck/contract';
import { PLUGIN_BASE_URL, ROUTES } from '@/constants';
import { readMarkdown } from '../../../tests/static/markdown';
import { BUNDLED_DOCS, type BundledDoc, bundledDoc } from './bundledDocs';
import { grafanaPathHref, renderDoc, TABLE_SCROLL_CLASS } from './renderDoc';

const fragmentOf = (html: string): HTMLElement => {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
};

const doc = (source: string, path = 'docs/playbooks/example.md'): BundledDoc => ({
  page: path.replace(/^.*\//, '').replace(/\.md$/, ''),
  path,
  source,
});
const hrefs = (root: HTMLElement) => [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));

describe('renderDoc', () => {
  it('takes the doc’s first heading as its title and renders the rest with GitHub’s anchors', () => {
    const rendered = renderDoc(
      doc('# Disk filling up\n\n## Symptoms\n\ntext\n\n## Verify `recovery`\n\n## Symptoms\n')
    );
    expect(rendered.title).toBe('Disk filling up');
    const root = fragmentOf(rendered.html);
    expect(root.querySelector('h1')).toBeNull();
    expect([...root.querySelectorAll('h2')].map((h) => h.id)).toEqual(['symptoms', 'verify-recovery', 'symptoms-1']);
  });

  it('sanitises what the Markdown holds: no script, no event handler, no javascript: link', () => {
    const html = renderDoc(
      doc(
        [
          '# Hostile',
          '',
          '<script>window.pwned = true</script>',
          '',
          '<img src="x" onerror="window.pwned = true">',
          '',
          '[click](javascript:window.pwned=true) <a href="https://example.com" onclick="window.pwned = true">x</a>',
          '',
          '<iframe src="javascript:alert(1)"></iframe>',
        ].join('\n')
      )
    ).html;
    const root = fragmentOf(html);
    expect(root.querySelector('script')).toBeNull();
    expect(html).not.toMatch(/<script/i);
    expect(root.querySelector('[onerror], [onclick], iframe')).toBeNull();
    const targets = [...root.querySelectorAll('[href], [src]')].map(
      (el) => el.getAttribute('href') ?? el.getAttribute('src')
    );
    expect(targets.filter((t) => /^\s*javascript:/i.test(t ?? ''))).toEqual([]);
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
    // The javascript: link is text now; the https one stays, in a new tab without the opener.
    expect(root.textContent).toContain('click');
    const external = root.querySelector('a[href="https://example.com"]');
    expect(external).toHaveAttribute('target', '_blank');
    expect(external).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('shows a placeholder in running text as written, not as an HTML tag', () => {
    const root = fragmentOf(renderDoc(doc('# T\n\n*Suspect deploys for <service>* ranks them, fetched <time>.')).html);
    expect(root.querySelector('em')).toHaveTextContent('Suspect deploys for <service>');
    expect(root.textContent).toContain('fetched <time>.');
    expect(root.querySelector('service, time')).toBeNull();
  });

  it('rewrites links to playbooks, the index, the runbook and escalation docs to the app’s pages', () => {
    const root = fragmentOf(
      renderDoc(
        doc(
          '# T\n\n[a](http-5xx-spike.md) [b](README.md#checkout-api) [c](../SRE_RUNBOOK.md#roles) [d](../escalation.md) [e](#mitigation)',
          'docs/playbooks/slo-fast-burn.md'
        ),
        { service: 'checkout-api' }
      ).html
    );
    expect(hrefs(root)).toEqual([
      `${PLAYBOOKS_APP_PATH}/http-5xx-spike?service=checkout-api`,
      `${PLAYBOOKS_APP_PATH}?service=checkout-api#checkout-api`,
      `${PLAYBOOKS_APP_PATH}/runbook?service=checkout-api#roles`,
      `${PLAYBOOKS_APP_PATH}/escalation?service=checkout-api`,
      `${PLAYBOOKS_APP_PATH}/slo-fast-burn?service=checkout-api#mitigation`,
    ]);
    expect(root.querySelector('a[target]')).toBeNull();
  });

  it('turns a link to a doc it does not bundle into its text and the file’s path, or a link to the team’s copy', () => {
    const source = doc('# T\n\nSee [thresholds per window](../slo.md#burn-rate-alerts).');
    const plain = fragmentOf(renderDoc(source).html);
    expect(plain.querySelector('a')).toBeNull();
    expect(plain.textContent).toContain('See thresholds per window (docs/slo.md).');
    const hosted = fragmentOf(
      renderDoc(source, { docsBaseUrl: 'https://git.example.internal/sre/opsdeck/-/blob/main' }).html
    );
    const link = hosted.querySelector('a');
    expect(link).toHaveAttribute(
      'href',
      'https://git.example.internal/sre/opsdeck/-/blob/main/docs/slo.md#burn-rate-alerts'
    );
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('links the Grafana paths given as code, filled in for the service the reader came for', () => {
    const source = doc(
      '# T\n\nOpen `/a/opsdeck-sre-app/alerts?service=<service>`, `/d/opsdeck-slo?var-service=<service>` and ' +
        '`/a/opsdeck-sre-app/incidents?incident=<id>`; run `npm test`.\n\n```sh\ncurl /a/opsdeck-sre-app/alerts\n```'
    );
    const forService = fragmentOf(renderDoc(source, { service: 'checkout-api' }).html);
    expect(hrefs(forService)).toEqual([
      '/a/opsdeck-sre-app/alerts?service=checkout-api',
      '/d/opsdeck-slo?var-service=checkout-api',
      '/a/opsdeck-sre-app/incidents',
    ]);
    // The code reads as the doc wrote it; code blocks and other code stay unlinked.
    expect(forService.querySelector('a code')).toHaveTextContent('/a/opsdeck-sre-app/alerts?service=<service>');
    expect(forService.querySelector('pre a')).toBeNull();
    expect(hrefs(fragmentOf(renderDoc(source).html))).toEqual([
      '/a/opsdeck-sre-app/alerts',
      '/d/opsdeck-slo',
      '/a/opsdeck-sre-app/incidents',
    ]);
  });

  it('puts Grafana’s sub path in front of every app link when Grafana is served under one', () => {
    const spy = jest
      .spyOn(locationUtil, 'assureBaseUrl')
      .mockImplementation((url) => (url.startsWith('/') ? `/grafana${url}` : url));
    try {
      const root = fragmentOf(renderDoc(doc('# T\n\n[a](disk-full.md) `/a/opsdeck-sre-app/overview`')).html);
      expect(hrefs(root)).toEqual([`/grafana${PLAYBOOKS_APP_PATH}/disk-full`, '/grafana/a/opsdeck-sre-app/overview']);
    } finally {
      spy.mockRestore();
    }
  });

  it('frames tables and code blocks so they scroll on their own on a phone, reachable by keyboard', () => {
    const root = fragmentOf(renderDoc(doc('# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nlong\n```')).html);
    expect(root.querySelector(`.${TABLE_SCROLL_CLASS} > table`)).not.toBeNull();
    expect(root.querySelector(`.${TABLE_SCROLL_CLASS}`)).toHaveAttribute('tabindex', '0');
    expect(root.querySelector('pre')).toHaveAttribute('tabindex', '0');
  });
});

describe('grafanaPathHref', () => {
  it.each([
    ['/a/opsdeck-sre-app/services/<service>', undefined, '/a/opsdeck-sre-app/services'],
    ['/a/opsdeck-sre-app/services/<service>', 'search-api', '/a/opsdeck-sre-app/services/search-api'],
    [
      '/a/opsdeck-sre-app/deployments?view=rollbacks&service=<service>',
      undefined,
      '/a/opsdeck-sre-app/deployments?view=rollbacks',
    ],
    ['/a/opsdeck-sre-app/deployments?service=<dependency>', 'checkout-api', '/a/opsdeck-sre-app/deployments'],
    ['/d/opsdeck-cost', 'checkout-api', '/d/opsdeck-cost'],
  ])('%s for %s → %s', (path, service, href) => {
    expect(grafanaPathHref(path, service)).toBe(href);
  });
});

describe('every bundled doc', () => {
  const rendered = new Map(
    BUNDLED_DOCS.map((d) => [d.page, fragmentOf(renderDoc(d, { service: 'checkout-api' }).html)])
  );
  const anchors = (page: string) => new Set([...rendered.get(page)!.querySelectorAll('[id]')].map((el) => el.id));

  it('is every playbook, the index and the two other docs', () => {
    expect(BUNDLED_DOCS.map((d) => d.page).sort()).toEqual(['', ...PLAYBOOK_IDS, 'escalation', 'runbook'].sort());
  });

  it.each(BUNDLED_DOCS.map((d) => [d.path, d] as const))('%s has the anchors GitHub gives it', (_path, d) => {
    const onGithub = readMarkdown(d.path).anchors;
    // The title is the page's own heading, outside the rendered doc.
    const expected = [...onGithub].filter((a) => a !== [...onGithub][0]).sort();
    expect([...anchors(d.page)].sort()).toEqual(expected);
  });

  it.each(BUNDLED_DOCS.map((d) => [d.path, d] as const))(
    '%s links only to app pages, docs and headings that exist',
    (_path, d) => {
      const broken: string[] = [];
      for (const link of [...rendered.get(d.page)!.querySelectorAll('a')]) {
        const href = link.getAttribute('href');
        // A Markdown link between docs keeps the reader's service; a Grafana path written as code is taken as written.
        const written = link.querySelector('code') !== null;
        if (href === null || href.includes('<') || href.includes('>')) {
          broken.push(`${href}: no target`);
          continue;
        }
        if (/^https?:/.test(href)) continue;
        const url = new URL(href, 'http://grafana.invalid');
        if (url.pathname === PLAYBOOKS_APP_PATH || url.pathname.startsWith(`${PLAYBOOKS_APP_PATH}/`)) {
          const page = decodeURIComponent(url.pathname.slice(PLAYBOOKS_APP_PATH.length + 1));
          if (!bundledDoc(page)) broken.push(`${href}: no bundled doc "${page}"`);
          else if (url.hash && !anchors(page).has(decodeURIComponent(url.hash.slice(1)))) {
            broken.push(`${href}: no heading ${url.hash}`);
          }
          if (!written && url.searchParams.get('service') !== 'checkout-api')
            broken.push(`${href}: the service is not kept`);
        } else if (url.pathname.startsWith(`${PLUGIN_BASE_URL}/`)) {
          const page = url.pathname.slice(PLUGIN_BASE_URL.length + 1).split('/')[0];
          if (!(Object.values(ROUTES) as string[]).includes(page)) broken.push(`${href}: no app page "${page}"`);
        } else if (!url.pathname.startsWith('/d/')) {
          broken.push(`${href}: neither an app page, a dashboard nor another site`);
        }
      }
      expect(broken).toEqual([]);
    }
  );
});
