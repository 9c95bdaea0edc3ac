/** The one HTML page the host serves for every /a/<app id>/... URL, as Grafana's index.html does. */
import type { OrgRole } from './roles';
import type { HostBootData, HostPageConfig } from './pageConfig';

export interface PageUser {
  login: string;
  role: OrgRole;
  theme: 'dark' | 'light';
}

// JSON inside <script> must not be able to close the tag.
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function bootDataFor(user: PageUser): HostBootData {
  return {
    settings: { appSubUrl: '', appUrl: '/', buildInfo: { version: '13.1.0', edition: 'Open Source', env: 'production' }, featureToggles: {} },
    user: {
      id: 1,
      login: user.login,
      name: user.login,
      email: `${user.login}@example.invalid`,
      orgId: 1,
      orgName: 'Main Org.',
      orgRole: user.role,
      isSignedIn: true,
      isGrafanaAdmin: false,
      theme: user.theme,
      timezone: 'utc',
      locale: 'en-US',
      language: 'en-US',
      permissions: {},
    },
    navTree: [],
    assets: { dark: '', light: '' },
  };
}

export function renderPage(user: PageUser, host: HostPageConfig, hasCss: boolean): string {
  // <base href="/">: webpack's publicPath "public/plugins/<id>/" is relative, and Grafana's index.html sets the
  // same base so lazy chunks load from /public/plugins/<id>/ whatever the page URL.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<base href="/">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Opsdeck · Grafana test host</title>
<link rel="icon" href="data:,">
<style>/* Grafana's own stylesheet starts from a normalize that zeroes this; @grafana/ui's GlobalStyles assumes it. */ body { margin: 0; }</style>
${hasCss ? '<link rel="stylesheet" href="/host/client.css">' : ''}
<script>window.grafanaBootData = ${scriptJson(bootDataFor(user))}; window.__opsdeckHost = ${scriptJson(host)};</script>
<script type="module" src="/host/client.js"></script>
</head>
<body class="theme-${user.theme}">
<div id="reactRoot"></div>
</body>
</html>
`;
}
