import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Modal, useStyles2 } from '@grafana/ui';
import { testIds } from '@/components/testIds';
import { SHORTCUTS } from './shortcuts';

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑' };

/** The overlay `?` opens: every shortcut of the list, as the keyboard map defines them. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const styles = useStyles2(getStyles);
  return (
    <Modal title="Keyboard shortcuts" isOpen onDismiss={onClose} closeOnEscape>
      <dl className={styles.list} data-testid={testIds.actions.shortcutHelp}>
        {SHORTCUTS.map((s) => (
          <div key={s.command} className={styles.pair}>
            <dt>
              {s.keys.map((k) => (
                <kbd key={k} className={styles.key}>
                  {KEY_NAMES[k] ?? k}
                </kbd>
              ))}
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: theme.spacing(1, 2), margin: 0 }),
  pair: css({ display: 'contents', dd: { margin: 0 } }),
  key: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    padding: theme.spacing(0, 0.75),
    marginRight: theme.spacing(0.5),
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
  }),
});
