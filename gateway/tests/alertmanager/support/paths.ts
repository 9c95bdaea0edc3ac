import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const alertmanagerConfigPath = path.join(repoRoot, 'provisioning/alertmanager/alertmanager.yml');
export const AMTOOL = '/usr/bin/amtool';
export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

const binariesPresent = existsSync(AMTOOL) && existsSync(ALERTMANAGER);
if (!binariesPresent && process.env.CI) {
  throw new Error('CI must install Debian prometheus-alertmanager (amtool and /usr/bin/prometheus-alertmanager)');
}

/** `describe` when Alertmanager is installed, otherwise a skipped block whose name says why. */
export function describeWithAlertmanager(name: string, body: () => void): void {
  if (binariesPresent) {
    describe(name, body);
  } else {
    describe.skip(`${name} [skipped: apt-get install prometheus-alertmanager]`, body);
  }
}
