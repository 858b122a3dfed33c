import { useEffect, useRef } from 'preact/hooks';

/**
 * A short-lived notice with one action (撤销 after a delete). It calls onExpire once its time is
 * up, unless the action was taken first; a new `id` restarts the clock (a second delete while the
 * first toast shows).
 */
export interface UndoToastProps {
  /** Changes for each new notice, restarting the timer. */
  id: string | number;
  message: string;
  /** Without an action the toast is a plain notice (e.g. "restored") that goes away by itself. */
  actionLabel?: string;
  onAction?: () => void;
  onExpire: () => void;
  durationMs?: number;
}

export const UNDO_MS = 8000;

export default function UndoToast({ id, message, actionLabel, onAction, onExpire, durationMs = UNDO_MS }: UndoToastProps) {
  // The latest callbacks without restarting the timer on every render of the page.
  const expire = useRef(onExpire);
  expire.current = onExpire;
  useEffect(() => {
    const timer = setTimeout(() => expire.current(), durationMs);
    return () => clearTimeout(timer);
  }, [id, durationMs]);
  return (
    <div class="toast" role="status" aria-live="polite" data-testid="toast">
      <span>{message}</span>
      {actionLabel && onAction ? <button type="button" data-testid="undo" onClick={onAction}>{actionLabel}</button> : null}
    </div>
  );
}
