import { useEffect, useLayoutEffect, useRef } from 'react';
import { sanitizeSummary } from './sanitizeSummary';
import { clearPassage, showPassage } from './showPassage';

const STYLE = `:host{display:block;overflow:auto;background:#fff;border:1px solid #eee}
.doc{font-family:"Noto Serif CJK SC","SimSun",serif;line-height:1.8;padding:8px 16px;font-size:15px;color:#000}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px}
::highlight(desk-passage){background-color:#fde68a}`;

/**
 * A work summary drawn in the page itself, inside its own shadow root (the app's styles stay
 * out, the document's cannot get in). Drawing it in place, rather than loading a new frame per
 * submission, is what keeps J fast: a frame's new document went through the browser process on
 * every move and was most of a slow move's time.
 */
export function SummaryHtml({
  html,
  label,
  shown,
}: {
  html: string;
  label: string;
  /** A passage the reviewer asked to see (评审助手), marked and scrolled to. */
  shown?: { text: string; at: number } | null;
}) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const doc = document.createElement('div');
    doc.className = 'doc';
    doc.append(sanitizeSummary(html));
    root.replaceChildren(style, doc);
    el.scrollTop = 0;
  }, [html]);
  useEffect(() => {
    const root = host.current?.shadowRoot;
    if (shown && root) showPassage(root, shown.text);
    else clearPassage();
  }, [shown, html]);
  return (
    <div
      ref={host}
      role="document"
      aria-label={label}
      data-testid="summary-html"
      tabIndex={0}
      style={{ flex: 1, minHeight: 320 }}
    />
  );
}
