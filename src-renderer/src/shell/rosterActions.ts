import { navigate } from './route';

/**
 * Menu commands (文件 → 导入名册 / 导出名册) may arrive while another page is open: the shell
 * switches to the roster and leaves the command here for the roster page to pick up.
 */
export type RosterAction = 'import-roster' | 'export-roster';

let pending: RosterAction | null = null;
const listeners = new Set<() => void>();

export function requestRosterAction(action: RosterAction): void {
  pending = action;
  navigate('roster');
  listeners.forEach((l) => l());
}

export function takeRosterAction(): RosterAction | null {
  const action = pending;
  pending = null;
  return action;
}

export function onRosterAction(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
