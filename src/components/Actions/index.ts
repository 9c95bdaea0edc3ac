export { ActionBar } from './ActionBar';
export { ShortcutHelp } from './ShortcutHelp';
export { touchTargets, TOUCH_PX } from './touchTargets';
export { useActionRunner, type ActionRunner } from './useActionRunner';
export * from './actionLogic';
export * from './shortcuts';
export { ASSIGNEE_ID_LABELS, assigneeChoices, levelsOf, policiesFor, rosterAssigns } from './onCallChoices';
