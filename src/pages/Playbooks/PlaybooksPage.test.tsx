import { type AppPluginMeta, PluginContextProvider, PluginType } from '@grafana/data';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { type createElement as createElementType, type ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { type AppSettings } from '@/components/App/appSettings';
import { testIds } from '@/components/testIds';
import { PLUGIN_ID, prefixRoute, ROUTES } from '@/constants';
import { PLAYBOOKS, PLAYBOOKS_APP_PATH } from '@opsdeck/contract';
import PlaybooksRoutes from './PlaybooksPage';

// Grafana's PluginPage draws the page title (the pageNav's text, else the nav entry's name) through renderTitle; the
// runtime's stand-in draws only the children.
jest.mock('@grafana/runtime', () => {
  const { createElement } = jest.requireActual<{ createElement: typeof createElementType }>('react');
  return {
    ...jest.requireActual('@grafana/runtime'),
    PluginPage: ({
      pageNav,
      renderTitle,
      actions,
      children,
    }: {
      pageNav?: { text: string };
      renderTitle?: (title: string) => ReactNode;
      actions?: ReactNode;
      children: ReactNode;
    }) => createElement('main', null, renderTitle?.(pageNav?.text ?? 'Playbooks'), actions, children),
  };
});

function Location() {
  const { pathname, search, hash } = useLocation();
  return <output data-testid="location">{`${pathname}${search}${hash}`}</output>;
}

function renderAt(path: string, jsonData: AppSettings = {}) {
  const meta = {
    id: PLUGIN_ID,
    name: 'Opsdeck SRE',
    type: PluginType.app,
    jsonData,
    info: {},
  } as unknown as AppPluginMeta;
  return render(
    <PluginContextProvider meta={meta}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={`${prefixRoute(ROUTES.Playbooks)}/*`} element={<PlaybooksRoutes />} />
        </Routes>
        <Location />
      </MemoryRouter>
    </PluginContextProvider>
  );
}

const docOf = () => screen.getByTestId(testIds.playbooks.doc);

describe('Playbooks page', () => {
  let scrolled: string[];
  beforeEach(() => {
    scrolled = [];
    // jsdom lays nothing out and has no scrollIntoView: record which element the page scrolls to.
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this.id || this.tagName.toLowerCase());
    };
  });
  afterEach(() => {
    Reflect.deleteProperty(Element.prototype, 'scrollIntoView');
  });

  it('renders a playbook by its id, with its title, its sections as anchors and the way back to the index', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/slo-fast-burn`);
    expect(screen.getByTestId(testIds.playbooks.title)).toHaveTextContent(PLAYBOOKS['slo-fast-burn']);
    expect(docOf()).toHaveAttribute('data-doc', 'slo-fast-burn');
    for (const section of ['symptoms', 'triage', 'mitigation', 'escalation', 'verify-recovery']) {
      expect(docOf().querySelector(`h2#${section}`)).not.toBeNull();
    }
    // The title is the page's one h1, not repeated by the doc.
    expect(docOf().querySelector('h1')).toBeNull();
    expect(screen.getByTestId(testIds.playbooks.indexLink)).toHaveAttribute('href', PLAYBOOKS_APP_PATH);
    expect(screen.queryByTestId(testIds.playbooks.service)).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.playbooks.sourceLink)).not.toBeInTheDocument();
  });

  it('links to other playbooks and docs inside the app, and Grafana paths to their pages', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/slo-fast-burn`);
    const doc = docOf();
    expect(within(doc).getAllByRole('link', { name: '5xx spike after a deploy' })[0]).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}/http-5xx-spike`
    );
    expect(within(doc).getAllByRole('link', { name: 'escalation' })[0]).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}/escalation`
    );
    expect(within(doc).getByRole('link', { name: 'SRE runbook' })).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}/runbook#the-first-15-minutes`
    );
    expect(within(doc).getByRole('link', { name: 'index' })).toHaveAttribute('href', PLAYBOOKS_APP_PATH);
    expect(within(doc).getByRole('link', { name: '/a/opsdeck-sre-app/overview' })).toHaveAttribute(
      'href',
      '/a/opsdeck-sre-app/overview'
    );
    // A doc that is not bundled (docs/slo.md) is named, not linked to a page that is not there.
    expect(within(doc).queryByRole('link', { name: 'thresholds per window' })).toBeNull();
    expect(doc).toHaveTextContent('thresholds per window (docs/slo.md)');
  });

  it('fills the Grafana paths in for the service the alert is on, and keeps it from playbook to playbook', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/slo-fast-burn?service=checkout-api`);
    expect(screen.getByTestId(testIds.playbooks.service)).toHaveTextContent('checkout-api');
    const doc = docOf();
    expect(within(doc).getAllByRole('link', { name: '/a/opsdeck-sre-app/services/<service>' })[0]).toHaveAttribute(
      'href',
      '/a/opsdeck-sre-app/services/checkout-api'
    );
    expect(within(doc).getAllByRole('link', { name: '5xx spike after a deploy' })[0]).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}/http-5xx-spike?service=checkout-api`
    );
    expect(screen.getByTestId(testIds.playbooks.indexLink)).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}?service=checkout-api`
    );
    expect(
      within(screen.getByTestId(testIds.playbooks.service)).getByRole('link', { name: 'Show them for any service' })
    ).toHaveAttribute('href', `${PLAYBOOKS_APP_PATH}/slo-fast-burn`);
  });

  it('ignores a service parameter that is no catalog name', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/slo-fast-burn?service=%3Cimg%20src%3Dx%3E`);
    expect(screen.queryByTestId(testIds.playbooks.service)).not.toBeInTheDocument();
    expect(within(docOf()).getAllByRole('link', { name: '/a/opsdeck-sre-app/services/<service>' })[0]).toHaveAttribute(
      'href',
      '/a/opsdeck-sre-app/services'
    );
  });

  it('moves to a linked playbook inside the app, and to a heading of it', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/slo-fast-burn`);
    fireEvent.click(within(docOf()).getAllByRole('link', { name: '5xx spike after a deploy' })[0]);
    expect(screen.getByTestId('location')).toHaveTextContent(`${PLAYBOOKS_APP_PATH}/http-5xx-spike`);
    expect(screen.getByTestId(testIds.playbooks.title)).toHaveTextContent(PLAYBOOKS['http-5xx-spike']);
    fireEvent.click(within(docOf()).getByRole('link', { name: 'first 15 minutes' }));
    expect(screen.getByTestId('location')).toHaveTextContent(`${PLAYBOOKS_APP_PATH}/runbook#the-first-15-minutes`);
    expect(scrolled).toContain('the-first-15-minutes');
    expect(screen.getByTestId(testIds.playbooks.title)).toHaveTextContent('SRE runbook');
    fireEvent.click(within(docOf()).getAllByRole('link', { name: 'escalation' })[0]);
    expect(screen.getByTestId(testIds.playbooks.title)).toHaveTextContent('Escalation');
    expect(docOf()).toHaveAttribute('data-doc', 'escalation');
  });

  it('leaves clicks that open a new tab to the browser', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/slo-fast-burn`);
    fireEvent.click(within(docOf()).getAllByRole('link', { name: '5xx spike after a deploy' })[0], { ctrlKey: true });
    expect(screen.getByTestId('location')).toHaveTextContent(`${PLAYBOOKS_APP_PATH}/slo-fast-burn`);
  });

  it('renders the index with a section per service, and scrolls to the one the runbook link names', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}#checkout-api`);
    expect(screen.getByTestId(testIds.playbooks.title)).toHaveTextContent('Playbooks');
    expect(docOf()).toHaveAttribute('data-doc', '');
    expect(docOf().querySelector('h3#checkout-api')).not.toBeNull();
    expect(scrolled).toEqual(['checkout-api']);
    expect(within(docOf()).getByRole('link', { name: PLAYBOOKS['rds-replica-lag'] })).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}/rds-replica-lag`
    );
    expect(screen.queryByTestId(testIds.playbooks.indexLink)).not.toBeInTheDocument();
  });

  it('says plainly that there is no such playbook, and links to the index', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/no-such-playbook`);
    const unknown = screen.getByTestId(testIds.playbooks.unknown);
    expect(unknown).toHaveTextContent('No playbook "no-such-playbook" in this version of Opsdeck');
    expect(screen.getByTestId(testIds.playbooks.title)).toHaveTextContent('No such playbook');
    expect(within(unknown).getByTestId(testIds.playbooks.indexLink)).toHaveAttribute('href', PLAYBOOKS_APP_PATH);
    expect(screen.queryByTestId(testIds.playbooks.doc)).not.toBeInTheDocument();
  });

  it('says so for a deeper path too, and for an id that is an object property', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/constructor`);
    expect(screen.getByTestId(testIds.playbooks.unknown)).toHaveTextContent('No playbook "constructor"');
  });

  it('links the team’s own copy of the doc when the app has a docsBaseUrl, and the docs it does not bundle there', () => {
    renderAt(`${PLAYBOOKS_APP_PATH}/slo-fast-burn`, {
      docsBaseUrl: 'https://git.example.internal/sre/opsdeck/-/blob/main/',
    });
    expect(screen.getByTestId(testIds.playbooks.sourceLink)).toHaveAttribute(
      'href',
      'https://git.example.internal/sre/opsdeck/-/blob/main/docs/playbooks/slo-fast-burn.md'
    );
    expect(within(docOf()).getByRole('link', { name: 'thresholds per window' })).toHaveAttribute(
      'href',
      'https://git.example.internal/sre/opsdeck/-/blob/main/docs/slo.md#burn-rate-alerts'
    );
    // Bundled docs stay in the app.
    expect(within(docOf()).getByRole('link', { name: 'SRE runbook' })).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}/runbook#the-first-15-minutes`
    );
  });
});
