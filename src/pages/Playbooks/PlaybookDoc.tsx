import { css } from '@emotion/css';
import { type GrafanaTheme2, locationUtil } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { type MouseEvent, useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { testIds } from '@/components/testIds';
import { PLUGIN_BASE_URL } from '@/constants';
import { type BundledDoc } from './bundledDocs';
import { TABLE_SCROLL_CLASS } from './renderDoc';

const getStyles = (theme: GrafanaTheme2) => {
  const focus = { '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 } };
  return {
    // `markdown-html` takes Grafana's own Markdown styles (GlobalStyles), as the text panel does; these add reading
    // width, spacing between sections and a phone layout that never scrolls the page sideways.
    doc: css({
      maxWidth: theme.breakpoints.values.lg,
      minWidth: 0,
      overflowWrap: 'break-word',
      'h2, h3, h4': { marginTop: theme.spacing(3) },
      // Grafana's Markdown styles tell links apart by colour alone; in running text they are underlined, as
      // @grafana/ui's inline TextLink is (WCAG 1.4.1).
      '&.markdown-html a': { textDecoration: 'underline', '&:hover': { textDecoration: 'none' } },
      // Below Grafana's top bar when a fragment scrolls a heading into view.
      'h1, h2, h3, h4, h5, h6': { scrollMarginTop: theme.spacing(10) },
      // Long paths wrap inside a line or a cell instead of widening the page (Grafana's inline code does not wrap).
      '& :not(pre) > code': { whiteSpace: 'normal', overflowWrap: 'anywhere' },
      pre: { overflowX: 'auto', maxWidth: '100%', ...focus },
      [`.${TABLE_SCROLL_CLASS}`]: {
        overflowX: 'auto',
        maxWidth: '100%',
        marginBottom: theme.spacing(2),
        ...focus,
        table: { marginBottom: 0 },
      },
    }),
  };
};

interface Props {
  doc: BundledDoc;
  /** The doc rendered by renderDoc: sanitised HTML. */
  html: string;
}

/** The fragment of a location hash (`#checkout-api` → checkout-api). */
function fragment(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return '';
  }
}

/**
 * One rendered doc. Links to the app's own pages move within the app (Grafana's router, no reload), and a fragment
 * scrolls its heading into view, on the first visit as after a click; links to other Grafana pages are left to
 * Grafana, which handles its own links.
 */
export function PlaybookDoc({ doc, html }: Props) {
  const styles = useStyles2(getStyles);
  const navigate = useNavigate();
  const location = useLocation();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const id = fragment(location.hash);
    if (id) {
      [...root.querySelectorAll('[id]')].find((el) => el.id === id)?.scrollIntoView?.({ block: 'start' });
    } else if (root.getBoundingClientRect().top < 0) {
      // Another doc, opened from a link far down this one: start at its top.
      root.scrollIntoView?.({ block: 'start' });
    }
  }, [location.key, location.hash, html]);

  // Enter on a focused link is a click too, so this serves the keyboard as well.
  const onClick = (event: MouseEvent<HTMLElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    const href = link?.getAttribute('href');
    if (!link || !href || link.hasAttribute('target')) return;
    const path = locationUtil.stripBaseFromUrl(href);
    if (!path.startsWith(`${PLUGIN_BASE_URL}/`)) return;
    event.preventDefault();
    navigate(path);
  };

  return (
    <article
      ref={ref}
      className={`markdown-html ${styles.doc}`}
      data-testid={testIds.playbooks.doc}
      data-doc={doc.page}
      onClick={onClick}
      // renderDoc's output: Grafana's renderer, sanitised by Grafana's text-panel sanitiser.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
