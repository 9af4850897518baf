/**
 * The renderer's Content-Security-Policy, sent by both shells. antd writes its styles at run time,
 * hence 'unsafe-inline' for styles only; scripts come from the app's own files and nothing else.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
