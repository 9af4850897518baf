import DOMPurify from 'dompurify';

/**
 * What a summary converted from .docx may contain: text and its structure, nothing else. No
 * links, images, forms, scripts, styles or classes survive, so a stranger's document cannot act,
 * fetch, restyle the app or pass for part of it; and the page's CSP runs no inline script anyway.
 */
const ALLOWED = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'td',
    'th',
    'blockquote',
    'pre',
  ],
  ALLOWED_ATTR: ['colspan', 'rowspan'],
  ALLOW_DATA_ATTR: false,
  KEEP_CONTENT: true,
};

/** The summary's HTML (mammoth's output) as an inert fragment of allowed elements. */
export function sanitizeSummary(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, { ...ALLOWED, RETURN_DOM_FRAGMENT: true });
}
