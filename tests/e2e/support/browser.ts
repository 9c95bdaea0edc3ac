/** Chromium for the browser tests: the system browser, started headless with no network chatter of its own. */
import { chromium, type Browser, type Page, type Response } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Upper bound for any single wait in the browser tests. */
export const WAIT_MS = 30_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    timeout: WAIT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Every response body the page received, so a test can prove a secret never reached the browser. */
export interface ResponseLog {
  bodies(): Promise<Array<{ url: string; body: string }>>;
}

export function recordResponses(page: Page): ResponseLog {
  const pending: Array<Promise<{ url: string; body: string }>> = [];
  page.on('response', (response: Response) => {
    pending.push(
      response
        .body()
        .then((b) => ({ url: response.url(), body: b.toString('utf8') }))
        // Redirects and aborted requests have no body; record them as empty rather than failing the log.
        .catch(() => ({ url: response.url(), body: '' }))
    );
  });
  return { bodies: () => Promise.all(pending) };
}

// Files Grafana serves from its own build that no npm package ships, so the host answers 404 (docs/TEST-HOST.md):
// the Inter web fonts @grafana/ui's GlobalStyles asks for (the browser falls back to its sans-serif) and the
// spinner icon (Grafana inlines it from its core icon bundle).
const KNOWN_MISSING = /\/public\/fonts\/|\/public\/build\/img\/icons\/unicons\/spinner\.svg$/;

/** Collects page errors and console errors so a failing test can say what the page said. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !KNOWN_MISSING.test(msg.location().url)) {
      errors.push(`console.error: ${msg.text()} (${msg.location().url})`);
    }
  });
  return errors;
}
