import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, LinkButton, Stack, TextLink, useStyles2 } from '@grafana/ui';
import { useMemo } from 'react';
import { Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import { docsUrl, playbooksAppUrl } from '@opsdeck/contract';
import { usePlaybookOptions } from '@/components/PlaybookLink';
import { testIds } from '@/components/testIds';
import { prefixRoute, ROUTES } from '@/constants';
import { type BundledDoc, bundledDoc } from './bundledDocs';
import { PlaybookDoc } from './PlaybookDoc';
import { renderDoc } from './renderDoc';

/** A catalog service name (the catalog's own rule); anything else in `?service=` is ignored. */
const SERVICE_NAME = /^[a-z0-9][a-z0-9-]*$/;

const getStyles = (theme: GrafanaTheme2) => ({
  service: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(2) }),
});

const renderTitle = (title: string) => <h1 data-testid={testIds.playbooks.title}>{title}</h1>;
const INDEX_NAV = { text: 'Playbooks', url: prefixRoute(ROUTES.Playbooks) };

function DocView({ doc, service, docsBaseUrl }: { doc: BundledDoc; service?: string; docsBaseUrl?: string }) {
  const styles = useStyles2(getStyles);
  const { title, html } = useMemo(() => renderDoc(doc, { service, docsBaseUrl }), [doc, service, docsBaseUrl]);
  const isIndex = doc.page === '';
  const actions = (
    <Stack wrap="wrap" gap={1}>
      {!isIndex && (
        <LinkButton
          href={playbooksAppUrl(undefined, { service })}
          icon="list-ul"
          variant="secondary"
          size="sm"
          data-testid={testIds.playbooks.indexLink}
        >
          All playbooks
        </LinkButton>
      )}
      {docsBaseUrl && (
        <LinkButton
          href={docsUrl(doc.path, docsBaseUrl)}
          target="_blank"
          rel="noopener noreferrer"
          icon="external-link-alt"
          variant="secondary"
          size="sm"
          data-testid={testIds.playbooks.sourceLink}
        >
          Your copy
        </LinkButton>
      )}
    </Stack>
  );
  return (
    <PluginPage
      pageNav={isIndex ? undefined : { text: title, parentItem: INDEX_NAV }}
      renderTitle={renderTitle}
      subTitle={`${doc.path}, as bundled with this version of Opsdeck`}
      actions={actions}
    >
      <div data-testid={testIds.playbooks.page}>
        {service && (
          <p className={styles.service} data-testid={testIds.playbooks.service}>
            Grafana paths below open the pages of <strong>{service}</strong>.{' '}
            <TextLink href={playbooksAppUrl(doc.page)} inline>
              Show them for any service
            </TextLink>
          </p>
        )}
        <PlaybookDoc doc={doc} html={html} />
      </div>
    </PluginPage>
  );
}

/** An old link or a typo: say so plainly and lead to the index, never an empty page. */
function UnknownDoc({ page }: { page: string }) {
  return (
    <PluginPage pageNav={{ text: 'No such playbook', parentItem: INDEX_NAV }} renderTitle={renderTitle}>
      <div data-testid={testIds.playbooks.page}>
        <Alert
          severity="warning"
          title={`No playbook "${page}" in this version of Opsdeck`}
          data-testid={testIds.playbooks.unknown}
        >
          <p>
            The link may come from another version of Opsdeck, or the playbook was renamed. The index lists every
            playbook this version has, by situation and by service.
          </p>
          <LinkButton
            href={prefixRoute(ROUTES.Playbooks)}
            icon="list-ul"
            variant="secondary"
            data-testid={testIds.playbooks.indexLink}
          >
            All playbooks
          </LinkButton>
        </Alert>
      </div>
    </PluginPage>
  );
}

function DocPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const { baseUrl } = usePlaybookOptions();
  const page = params.page ?? params['*'] ?? '';
  const doc = bundledDoc(page);
  const service = search.get('service') ?? '';
  if (!doc) return <UnknownDoc page={page} />;
  return <DocView doc={doc} service={SERVICE_NAME.test(service) ? service : undefined} docsBaseUrl={baseUrl} />;
}

/**
 * The playbooks bundled into the plugin: the index at /playbooks, one playbook (or the SRE runbook, the escalation
 * doc) at /playbooks/<page>; `?service=<name>` fills the Grafana paths in for one service.
 */
function PlaybooksRoutes() {
  return (
    <Routes>
      <Route index element={<DocPage />} />
      <Route path=":page" element={<DocPage />} />
      <Route path="*" element={<DocPage />} />
    </Routes>
  );
}

export default PlaybooksRoutes;
