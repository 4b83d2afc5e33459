// The one Content-Security-Policy, for the Electron window (response header) and serve mode (HTML
// header); the renderer's index.html carries the same text in a meta tag. Monaco needs blob: workers
// and inline styles; nothing may load from anywhere but our own origin.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ');
