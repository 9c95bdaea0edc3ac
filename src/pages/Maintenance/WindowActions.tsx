import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Button, Input, useStyles2 } from '@grafana/ui';
import { type FormEvent, useState } from 'react';
import { type GatewayClient } from '@/api';
import { testIds } from '@/components/testIds';
import { type MaintenanceWindow } from '@opsdeck/contract';
import { EXTEND_PRESETS, parseLocalDateTime, toLocalDateTime } from './maintenanceDraft';
import { formatDuration } from '@/components/format';
import { describeWriteError } from './writeErrors';

interface Props {
  client: GatewayClient;
  window: MaintenanceWindow;
  /** Extend is offered only where it makes sense (not in the stale list, where the point is to end). */
  canExtend?: boolean;
  onChanged: (window: MaintenanceWindow, what: string) => void;
}

/** Extend by a preset or to a picked time, and end now (after a second tap, so a stray touch on a phone cannot). */
export function WindowActions({ client, window, canExtend = true, onChanged }: Props) {
  const styles = useStyles2(getStyles);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [picking, setPicking] = useState(false);
  const [pickedEnd, setPickedEnd] = useState('');
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const id = window.id;

  const run = async (kind: 'extend' | 'end', what: string, work: () => Promise<MaintenanceWindow>) => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await work(), what);
      setPicking(false);
      setConfirmingEnd(false);
    } catch (err) {
      setError(describeWriteError(err, kind === 'end' ? 'Ending the window' : 'Extending the window'));
    } finally {
      setBusy(false);
    }
  };

  const extendBy = (minutes: number) =>
    run('extend', `Extended by ${formatDuration(minutes * 60_000, 'minute')}`, () =>
      client.extendMaintenance(id, window.endsAt + minutes * 60_000)
    );

  const extendTo = (event: FormEvent) => {
    event.preventDefault();
    const endsAt = parseLocalDateTime(pickedEnd);
    if (endsAt === undefined || endsAt <= window.endsAt) {
      setError('Pick a new end later than the current one.');
      return;
    }
    void run('extend', 'Extended', () => client.extendMaintenance(id, endsAt));
  };

  return (
    <div className={styles.actions}>
      <div className={styles.row}>
        {canExtend &&
          EXTEND_PRESETS.map((minutes) => (
            <Button
              key={minutes}
              size="sm"
              variant="secondary"
              icon="plus"
              disabled={busy}
              onClick={() => extendBy(minutes)}
              data-testid={testIds.maintenance.extend(id, minutes)}
            >
              {formatDuration(minutes * 60_000, 'minute')}
            </Button>
          ))}
        {canExtend && (
          <Button
            size="sm"
            variant="secondary"
            icon="calendar-alt"
            disabled={busy}
            aria-expanded={picking}
            onClick={() => {
              setPickedEnd(toLocalDateTime(window.endsAt + 3_600_000));
              setPicking(!picking);
            }}
            data-testid={testIds.maintenance.extendPick(id)}
          >
            Extend to…
          </Button>
        )}
        {confirmingEnd ? (
          <>
            <Button
              size="sm"
              variant="destructive"
              icon="check"
              disabled={busy}
              onClick={() => run('end', 'Ended', () => client.endMaintenance(id))}
              data-testid={testIds.maintenance.endConfirm(id)}
            >
              End it now
            </Button>
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => setConfirmingEnd(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button
            size="sm"
            variant="destructive"
            fill="outline"
            icon="times"
            disabled={busy}
            onClick={() => setConfirmingEnd(true)}
            data-testid={testIds.maintenance.end(id)}
          >
            End now
          </Button>
        )}
      </div>
      {picking && (
        <form className={styles.row} onSubmit={extendTo} aria-label="Extend to a picked time">
          <Input
            type="datetime-local"
            aria-label="New end (your browser's time zone)"
            value={pickedEnd}
            onChange={(e) => setPickedEnd(e.currentTarget.value)}
            className={styles.picker}
            data-testid={testIds.maintenance.extendAt(id)}
          />
          <Button type="submit" size="sm" disabled={busy} data-testid={testIds.maintenance.extendSubmit(id)}>
            Extend
          </Button>
        </form>
      )}
      {error && <Notice severity="error" title={error} data-testid={testIds.maintenance.windowError(id)} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  actions: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), marginTop: theme.spacing(1) }),
  row: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) }),
  picker: css({ maxWidth: 260 }),
});
