/**
 * The dashboards as files: `<dashboard name>.json` holding the DashboardBody, for teams that import them by hand
 * (console: Dashboards → Create → Actions → View/edit source; or `aws cloudwatch put-dashboard --dashboard-name
 * <name> --dashboard-body file://<name>.json`). Deterministic: the same catalog and settings give the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CloudWatchDashboard } from './body';
import { dashboardBodyProblems } from './structure';

export function dashboardFiles(dashboards: readonly CloudWatchDashboard[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const { name, body } of dashboards) {
    const problems = dashboardBodyProblems(body);
    if (problems.length) throw new Error(`dashboard ${name}: ${problems.join('; ')}`);
    files.set(`${name}.json`, `${JSON.stringify(body, null, 2)}\n`);
  }
  return files;
}

/** Writes the files and removes other `opsdeck-*.json` left from an earlier export (a service since removed). */
export function writeDashboardFiles(dir: string, files: ReadonlyMap<string, string>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  for (const stale of fs.readdirSync(dir)) {
    if (/^opsdeck-.*\.json$/.test(stale) && !files.has(stale)) fs.rmSync(path.join(dir, stale));
  }
  for (const [file, text] of files) fs.writeFileSync(path.join(dir, file), text);
  return [...files.keys()];
}
