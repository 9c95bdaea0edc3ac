/** Keyboard shortcuts of the alert and incident lists (desktop); the help overlay lists exactly these. */
export type ShortcutCommand =
  | 'next'
  | 'previous'
  | 'open'
  | 'acknowledge'
  | 'resolve'
  | 'snooze'
  | 'note'
  | 'escalate'
  | 'select'
  | 'help'
  | 'close';

export const SHORTCUTS: ReadonlyArray<{ keys: string[]; command: ShortcutCommand; label: string }> = [
  { keys: ['j', 'ArrowDown'], command: 'next', label: 'Next alert' },
  { keys: ['k', 'ArrowUp'], command: 'previous', label: 'Previous alert' },
  { keys: ['Enter'], command: 'open', label: 'Open the alert' },
  { keys: ['a'], command: 'acknowledge', label: 'Acknowledge' },
  { keys: ['r'], command: 'resolve', label: 'Resolve' },
  { keys: ['s'], command: 'snooze', label: 'Snooze (choose how long)' },
  { keys: ['n'], command: 'note', label: 'Add a note' },
  { keys: ['e'], command: 'escalate', label: 'Escalate' },
  { keys: ['x'], command: 'select', label: 'Select or unselect' },
  { keys: ['?'], command: 'help', label: 'Show these shortcuts' },
  { keys: ['Escape'], command: 'close', label: 'Close the drawer or this help' },
];

const BY_KEY = new Map(SHORTCUTS.flatMap((s) => s.keys.map((key) => [key, s.command] as const)));

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

/** Typing in a field (a note, a filter, the snooze time) is never a shortcut. */
export function isTyping(target: EventTarget | null | undefined): boolean {
  const el = target as HTMLElement | null | undefined;
  if (!el || typeof el.tagName !== 'string') {
    return false;
  }
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * The command a key press means, or undefined: modified keys (Ctrl/Cmd/Alt, browser and screen reader shortcuts)
 * and keys typed into a field are left alone. Escape still closes from a field.
 */
export function shortcutFor(event: KeyLike): ShortcutCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) {
    return undefined;
  }
  if (isTyping(event.target) && event.key !== 'Escape') {
    return undefined;
  }
  return BY_KEY.get(event.key);
}
