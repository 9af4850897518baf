import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { expect, test } from './fixtures';

test('browser mode: loopback only, token required, Host and Origin checked, events over SSE', async ({
  app,
  openApp,
}) => {
  expect(new URL(app.url).hostname).toBe('127.0.0.1');
  const noToken = await fetch(`${app.url}/`);
  expect(noToken.status).toBe(401);
  expect(await noToken.text()).toContain('访问令牌');
  const apiNoToken = await fetch(`${app.url}/api/units.list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(apiNoToken.status).toBe(401);
  const wrongToken = await fetch(`${app.url}/api/units.list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': 'x'.repeat(app.token.length) },
    body: '{}',
  });
  expect(wrongToken.status).toBe(401);
  const foreignOrigin = await fetch(`${app.url}/api/units.list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': app.token, origin: 'http://evil.example' },
    body: '{}',
  });
  expect(foreignOrigin.status).toBe(403);
  const form = await fetch(`${app.url}/api/units.remove`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-desk-token': app.token },
    body: 'ids=1',
  });
  expect(form.status).toBe(415);
  const traversal = await fetch(`${app.url}/..%2f..%2fpackage.json`, { headers: { 'x-desk-token': app.token } });
  expect(await traversal.text()).not.toContain('"name": "committee-desk"');

  const invalid = await fetch(`${app.url}/api/units.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': app.token },
    body: JSON.stringify({ name: '' }),
  });
  expect(await invalid.json()).toMatchObject({
    ok: false,
    error: { code: 'invalid-input', message: expect.stringContaining('请填写集体名称') },
  });

  const page = await openApp();
  // The token traded for a cookie: it is gone from the address bar.
  expect(page.url()).not.toContain('token=');
  const csp = (await page.request.get(`${app.url}/`)).headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");

  const event = page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const source = new EventSource('/api/events');
        source.onmessage = (m) => {
          resolve(JSON.parse(m.data as string));
          source.close();
        };
      }),
  );
  await page.waitForTimeout(300);
  await app.call('units.create', { name: '事件测试单位' });
  expect(await event).toEqual({ type: 'changed', topic: 'units' });
});

test('a wrong Host header (DNS rebinding) is refused', async ({ app }) => {
  const http = await import('node:http');
  const status = await new Promise<number>((resolve) => {
    const port = Number(new URL(app.url).port);
    http.get(
      { host: '127.0.0.1', port, path: '/', headers: { host: `attacker.example:${port}`, 'x-desk-token': app.token } },
      (res) => resolve(res.statusCode ?? 0),
    );
  });
  expect(status).toBe(403);
});

test('stored files are served by hash only: images and PDFs inline, anything else as a download, nothing run as a page', async ({
  app,
}) => {
  const auth = { 'x-desk-token': app.token };
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const zip = writeZip([
    { name: '总结.docx', data: makeDocx('柳州银行营业部') },
    { name: '总结.pdf', data: pdf },
    { name: '照片.png', data: makePng(900, 600) },
    // A page dressed as a photo: it must never be served as HTML.
    { name: '照片2.jpg', data: Buffer.from('<html><script>alert(1)</script></html>') },
  ]);
  await app.call('units.create', { name: '柳州银行营业部' });
  const upload = (await (
    await fetch(`${app.url}/api/upload`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(zip),
    })
  ).json()) as { value: { id: string } };
  const imported = await app.call<{ sources: Array<{ submission_id: number }> }>('intake.import', {
    files: [{ upload: upload.value.id, name: '柳州银行营业部.zip' }],
  });
  const submission = await app.call<{ files: Array<{ name: string; sha256: string }> }>('submissions.get', {
    id: imported.sources[0]!.submission_id,
  });
  const sha = (name: string) => submission.files.find((f) => f.name === name)!.sha256;
  const head = async (name: string, query = '') =>
    (await fetch(`${app.url}/files/${sha(name)}${query}`, { headers: auth })).headers;

  const png = await head('照片.png');
  expect(png.get('content-type')).toBe('image/png');
  expect(png.get('content-security-policy')).toContain('sandbox');
  expect(png.get('x-content-type-options')).toBe('nosniff');
  const thumb = await head('照片.png', '?thumb=1');
  expect(thumb.get('content-type')).toBe('image/jpeg');
  expect(thumb.get('content-disposition')).toContain('inline');
  const pdfHeaders = await head('总结.pdf');
  expect(pdfHeaders.get('content-type')).toBe('application/pdf');
  expect(pdfHeaders.get('content-security-policy')).toBe("default-src 'none'");
  expect((await head('总结.pdf', '?download=1')).get('content-disposition')).toMatch(
    /^attachment; filename\*=UTF-8''%E6%80%BB%E7%BB%93\.pdf$/,
  );
  const docx = await head('总结.docx', '?thumb=1');
  expect(docx.get('content-type')).toBe('application/octet-stream');
  expect(docx.get('content-disposition')).toContain('attachment');
  const disguised = await head('照片2.jpg');
  expect(disguised.get('content-type')).not.toContain('html');
  expect(disguised.get('content-security-policy')).toContain('sandbox');
  // Not a stored hash, or not a hash at all: nothing.
  expect((await fetch(`${app.url}/files/${'0'.repeat(64)}`, { headers: auth })).status).toBe(404);
  expect((await fetch(`${app.url}/files/..%2f..%2fdesk.sqlite`, { headers: auth })).status).toBe(404);
});
