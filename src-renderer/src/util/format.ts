/** 2022-10-31 → 2022年10月31日, the way Chinese office documents write dates. */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Whole days from today (China time) to the end of a deadline day; negative once it has passed. */
export function daysUntil(deadlineEndsAt: string, now = Date.now()): number {
  return Math.ceil((Date.parse(deadlineEndsAt) - now) / 86_400_000);
}

/** True when a key press belongs to a field or an open dialog, so page shortcuts must leave it alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target instanceof HTMLElement ? target : null;
  if (!el) return false;
  if (
    el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    el.closest('.ant-select, .ant-picker')
  )
    return true;
  // A closed antd dialog stays in the DOM (hidden) and may keep focus; only an open one counts.
  const wrap = el.closest<HTMLElement>('.ant-modal-wrap');
  return !!wrap && getComputedStyle(wrap).display !== 'none';
}

/** 2022-10-31 → 10月31日, for chart axes and short notes. */
export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
