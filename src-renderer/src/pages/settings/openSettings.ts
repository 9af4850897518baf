/** 设置's tabs are opened by links from other pages; this holds the link, apart from the page itself. */
export const TAB_KEY = 'desk.settingsTab';

/** Opens 设置 at one tab (from a link on another page). */
export function openSettings(tab: string): void {
  sessionStorage.setItem(TAB_KEY, tab);
  location.hash = '#/settings';
  // Already on 设置 (a link from one tab to another): the open page switches itself.
  window.dispatchEvent(new CustomEvent(TAB_EVENT, { detail: tab }));
}

export const TAB_EVENT = 'desk:settings-tab';
