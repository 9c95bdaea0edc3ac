import { usePluginContext } from '@grafana/data';
import { TextLink } from '@grafana/ui';
import { type ReactNode } from 'react';
import {
  docsUrl,
  PLAYBOOKS_INDEX,
  playbooksAppUrl,
  type PlaybookLink as Playbook,
  type PlaybookOptions,
} from '@opsdeck/contract';
import { type AppSettings } from './App/appSettings';

/**
 * Where playbook links point: the app's own Playbooks page, or the copy under the app's `docsBaseUrl` (jsonData)
 * when a team hosts its docs elsewhere.
 */
export function usePlaybookOptions(): PlaybookOptions {
  // As in useGatewayClient: Grafana 12.0's usePluginContext has no type parameter for jsonData.
  const jsonData = usePluginContext()?.meta.jsonData as AppSettings | undefined;
  const baseUrl = jsonData?.docsBaseUrl?.trim();
  return baseUrl ? { baseUrl } : {};
}

/** Whether a link is a path of this Grafana (`/a/…`, `/d/…`), opened in place, rather than another site. */
export function isGrafanaPath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

/** The playbook index's section of a catalog service, its Grafana paths filled in for that service. */
export function playbooksByServiceUrl(service: string, options: PlaybookOptions): string {
  return options.baseUrl
    ? docsUrl(PLAYBOOKS_INDEX, options.baseUrl, service)
    : playbooksAppUrl(undefined, { service, anchor: service });
}

/**
 * The "Playbook: <title>" link shown next to a runbook link (contract/src/playbooks.ts chooses the playbook): the
 * app's Playbooks page in place, or the team's own copy in a new tab.
 */
export function PlaybookLink({ playbook, testId, inline }: { playbook: Playbook; testId: string; inline?: boolean }) {
  return (
    <TextLink href={playbook.url} external={!playbook.inApp} icon="book-open" inline={inline} data-testid={testId}>
      {`Playbook: ${playbook.title}`}
    </TextLink>
  );
}

/** A runbook link (the catalog's or the alert's runbookUrl): a Grafana path opens in place, any other URL in a new tab. */
export function RunbookLink({ url, testId, children }: { url: string; testId?: string; children: ReactNode }) {
  return (
    <TextLink href={url} external={!isGrafanaPath(url)} icon="book" data-testid={testId}>
      {children}
    </TextLink>
  );
}
