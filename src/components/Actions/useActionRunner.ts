import { useCallback, useEffect, useRef, useState } from 'react';
import { type GatewayClient } from '@/api';
import { type ActionResult } from '@opsdeck/contract';
import { type ActionAttempt, type ActionOutcome, describeError, describeResult, isRetryable } from './actionLogic';

export interface ActionRunner {
  /** The attempt waiting for its answer. */
  running?: ActionAttempt;
  outcome?: ActionOutcome;
  /** The last attempt, when it got no answer: retrying it resends its Idempotency-Key. */
  retryable?: ActionAttempt;
  run: (attempt: ActionAttempt) => Promise<ActionResult | undefined>;
  retry: () => void;
  clear: () => void;
}

/** Sends one action at a time and keeps its answer in words; `onDone` hears of every success. */
export function useActionRunner(client: GatewayClient, onDone?: (result: ActionResult) => void): ActionRunner {
  const [running, setRunning] = useState<ActionAttempt>();
  const [outcome, setOutcome] = useState<ActionOutcome>();
  const [retryable, setRetryable] = useState<ActionAttempt>();
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  const done = useRef(onDone);
  done.current = onDone;

  const run = useCallback(
    async (attempt: ActionAttempt) => {
      setRunning(attempt);
      setOutcome(undefined);
      setRetryable(undefined);
      try {
        const { target, action, body, idempotencyKey } = attempt;
        const result = await client.act(target.kind, target.id, action, body, idempotencyKey);
        if (mounted.current) {
          setOutcome(describeResult(result));
        }
        if (result.outcome === 'done') {
          done.current?.(result);
        }
        return result;
      } catch (err) {
        if (mounted.current) {
          setOutcome(describeError(attempt.action, err));
          setRetryable(isRetryable(err) ? attempt : undefined);
        }
        return undefined;
      } finally {
        if (mounted.current) {
          setRunning(undefined);
        }
      }
    },
    [client]
  );

  const retry = useCallback(() => {
    if (retryable) {
      void run(retryable);
    }
  }, [retryable, run]);
  const clear = useCallback(() => {
    setOutcome(undefined);
    setRetryable(undefined);
  }, []);
  return { running, outcome, retryable, run, retry, clear };
}
