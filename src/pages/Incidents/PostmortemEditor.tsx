import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert as Notice, Button, Stack, Text, TextArea, useStyles2 } from '@grafana/ui';
import { useEffect, useState } from 'react';
import { type GatewayClient, toGatewayError } from '@/api';
import { downloadText } from '@/components/download';
import { formatDateTime } from '@/components/Timeline/formatTime';
import { testIds } from '@/components/testIds';
import { type IncidentDetailResponse, type Postmortem } from '@opsdeck/contract';
import { postmortemDraft } from './postmortemDraft';

interface Props {
  client: GatewayClient;
  detail: IncidentDetailResponse;
  canEdit: boolean;
}

type Status = { kind: 'info' | 'error'; text: string };

/** The incident's post-mortem: started from the template, edited here, saved to the gateway, exported as Markdown. */
export function PostmortemEditor({ client, detail, canEdit }: Props) {
  const styles = useStyles2(getStyles);
  const incidentId = detail.incident.id;
  const [stored, setStored] = useState<Postmortem | null>();
  const [text, setText] = useState<string>();
  const [status, setStatus] = useState<Status>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    setStored(undefined);
    setText(undefined);
    client.postmortem(incidentId).then(
      ({ postmortem }) => {
        if (current) {
          setStored(postmortem);
          setText(postmortem?.markdown);
        }
      },
      (err) => current && setStatus({ kind: 'error', text: toGatewayError(err).message })
    );
    return () => {
      current = false;
    };
  }, [client, incidentId]);

  const save = async () => {
    if (text === undefined) {
      return;
    }
    setSaving(true);
    try {
      const { postmortem } = await client.savePostmortem(incidentId, text);
      setStored(postmortem);
      setStatus(undefined);
    } catch (err) {
      const error = toGatewayError(err);
      setStatus({
        kind: 'error',
        text:
          error.status === 403
            ? 'Saving needs the Editor role in Grafana: the request was refused (403).'
            : error.message,
      });
    } finally {
      setSaving(false);
    }
  };

  const dirty = text !== undefined && text !== stored?.markdown;
  return (
    <section aria-labelledby="opsdeck-postmortem" className={styles.section}>
      <h3 id="opsdeck-postmortem" className={styles.heading}>
        Post-mortem
      </h3>
      {status && <Notice severity={status.kind === 'error' ? 'error' : 'info'} title={status.text} />}
      <p data-testid={testIds.incidents.postmortemStatus} aria-live="polite" className={styles.status}>
        {stored === undefined
          ? 'Loading…'
          : stored
            ? `Saved by ${stored.updatedBy}, ${formatDateTime(stored.updatedAt)}${dirty ? ' (unsaved changes)' : ''}`
            : text === undefined
              ? 'No post-mortem yet.'
              : 'Draft, not saved yet.'}
      </p>
      {text === undefined && stored === null && canEdit && (
        <Button
          icon="file-alt"
          onClick={() => setText(postmortemDraft(detail.incident, detail.alerts))}
          data-testid={testIds.incidents.postmortemStart}
        >
          Start post-mortem from the template
        </Button>
      )}
      {text !== undefined && (
        <>
          <label htmlFor="opsdeck-postmortem-text" className={styles.label}>
            Markdown
          </label>
          <TextArea
            id="opsdeck-postmortem-text"
            rows={18}
            value={text}
            readOnly={!canEdit}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid={testIds.incidents.postmortemEditor}
            className={styles.editor}
          />
          <Stack direction="row" wrap="wrap" gap={1}>
            {canEdit && (
              <Button
                icon="save"
                onClick={save}
                disabled={saving || !dirty}
                data-testid={testIds.incidents.postmortemSave}
              >
                Save
              </Button>
            )}
            <Button
              variant="secondary"
              icon="download-alt"
              onClick={() => downloadText(`postmortem-${incidentId}.md`, 'text/markdown', text)}
              data-testid={testIds.incidents.postmortemExport}
            >
              Export Markdown
            </Button>
          </Stack>
          {!canEdit && <Text color="secondary">Only Editors can change the post-mortem.</Text>}
        </>
      )}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minWidth: 0 }),
  heading: css({ fontSize: theme.typography.h5.fontSize, margin: 0 }),
  status: css({ margin: 0, color: theme.colors.text.secondary }),
  label: css({ margin: 0, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  editor: css({ fontFamily: theme.typography.fontFamilyMonospace, width: '100%' }),
});
