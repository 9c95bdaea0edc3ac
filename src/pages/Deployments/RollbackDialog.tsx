import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, Input, LoadingPlaceholder, Modal, TextArea, useStyles2 } from '@grafana/ui';
import { type FormEvent, useState } from 'react';
import { type EventSourceFactory, type GatewayClient } from '@/api';
import { type Deployment, type RollbackAttempt, type RollbackPreview } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { type OrgRole } from './rollbackAccess';
import { RollbackFollow } from './RollbackFollow';
import { RollbackPreviewView } from './RollbackPreviewView';
import { previewAllowsRollback, useRollback } from './useRollback';

export interface RollbackDialogProps {
  client: GatewayClient;
  /** The service's current deployment. */
  deployment: Deployment;
  role: OrgRole;
  onDismiss: () => void;
  /** Called when a rollback started here has its outcome in the audit log. */
  onSettled?: (attempt: RollbackAttempt) => void;
  eventSource?: EventSourceFactory;
}

/** Preview → typed confirmation and reason → start → progress → audit entry, for one service. */
export function RollbackDialog({ client, deployment, role, onDismiss, onSettled, eventSource }: RollbackDialogProps) {
  const styles = useStyles2(getStyles);
  const { state, start, follow } = useRollback(client, deployment, role);
  const finished = state.step === 'following' || state.step === 'unavailable';

  return (
    <Modal title={`Roll back ${deployment.service}`} isOpen onDismiss={onDismiss} className={styles.modal}>
      <div data-testid={testIds.rollbackDialog.container} className={styles.body}>
        {state.step === 'loading' && (
          <LoadingPlaceholder
            text="Working out what a rollback would change…"
            data-testid={testIds.rollbackDialog.loading}
          />
        )}
        {state.step === 'unavailable' && (
          <Alert severity="error" title="Rollback not available" data-testid={testIds.rollbackDialog.notAllowed}>
            {state.message}
          </Alert>
        )}
        {state.step === 'running-elsewhere' && (
          <Alert
            severity="info"
            title="A rollback of this service is already running"
            data-testid={testIds.rollbackDialog.running}
          >
            <p>
              Started by {state.attempt.user}: {state.attempt.reason}. Only one rollback per service runs at a time.
            </p>
            <Button variant="secondary" onClick={() => follow(state.attempt)}>
              Follow it
            </Button>
          </Alert>
        )}
        {state.step === 'review' && (
          <>
            <RollbackPreviewView preview={state.preview} />
            {previewAllowsRollback(state.preview) && (
              <ConfirmForm
                service={deployment.service}
                preview={state.preview}
                starting={state.starting}
                error={state.startError}
                onStart={start}
                onCancel={onDismiss}
              />
            )}
          </>
        )}
        {state.step === 'following' && (
          <RollbackFollow client={client} attempt={state.attempt} eventSource={eventSource} onSettled={onSettled} />
        )}
      </div>
      {(finished ||
        (state.step === 'review' && !previewAllowsRollback(state.preview)) ||
        state.step === 'running-elsewhere') && (
        <Modal.ButtonRow>
          <Button variant="secondary" onClick={onDismiss} data-testid={testIds.rollbackDialog.cancel}>
            Close
          </Button>
        </Modal.ButtonRow>
      )}
    </Modal>
  );
}

interface ConfirmFormProps {
  service: string;
  preview: RollbackPreview;
  starting: boolean;
  error?: string;
  onStart: (confirm: string, reason: string) => void;
  onCancel: () => void;
}

function ConfirmForm({ service, preview, starting, error, onStart, onCancel }: ConfirmFormProps) {
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  const ready = confirm === service && reason.trim() !== '' && !starting;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) {
      onStart(confirm, reason.trim());
    }
  };
  return (
    <form onSubmit={submit} aria-label={`Confirm the rollback of ${service}`}>
      <Field
        label={`Type ${service} to confirm`}
        description={`Rolls ${service} back from ${preview.from?.version ?? 'its current version'} to ${preview.to?.version}.`}
        required
      >
        <Input
          id="opsdeck-rollback-confirm"
          value={confirm}
          autoComplete="off"
          onChange={(e) => setConfirm(e.currentTarget.value)}
          data-testid={testIds.rollbackDialog.confirmInput}
        />
      </Field>
      <Field label="Reason" description="Recorded in the audit log with your Grafana user." required>
        <TextArea
          id="opsdeck-rollback-reason"
          value={reason}
          rows={3}
          maxLength={1000}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid={testIds.rollbackDialog.reasonInput}
        />
      </Field>
      {error && (
        <Alert severity="error" title="The rollback did not start" data-testid={testIds.rollbackDialog.error}>
          {error}
        </Alert>
      )}
      <Modal.ButtonRow>
        <Button variant="secondary" type="button" onClick={onCancel} data-testid={testIds.rollbackDialog.cancel}>
          Cancel
        </Button>
        <Button
          variant="destructive"
          type="submit"
          icon={starting ? 'spinner' : 'history-alt'}
          disabled={!ready}
          data-testid={testIds.rollbackDialog.start}
        >
          {starting ? 'Starting…' : 'Roll back'}
        </Button>
      </Modal.ButtonRow>
    </form>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  modal: css({ width: 'min(750px, 100%)' }),
  body: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), minWidth: 0 }),
});
