import { expect, test } from './fixtures';

test('browser mode: loopback only, token required, Host and Origin checked, events over SSE', async ({ app, openApp }) => {
  expect(new URL(app.url).hostname).toBe('127.0.0.1');
  const noToken = await fetch(`${app.url}/`);
  expect(noToken.status).toBe(401);
  expect(await noToken.text()).toContain('访问令牌');
  const apiNoToken = await fetch(`${app.url}/api/units.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(apiNoToken.status).toBe(401);
  const wrongToken = await fetch(`${app.url}/api/units.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': 'x'.repeat(app.token.length) }, body: '{}' });
  expect(wrongToken.status).toBe(401);
  const foreignOrigin = await fetch(`${app.url}/api/units.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': app.token, origin: 'http://evil.example' }, body: '{}' });
  expect(foreignOrigin.status).toBe(403);
  const form = await fetch(`${app.url}/api/units.remove`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-desk-token': app.token }, body: 'ids=1' });
  expect(form.status).toBe(415);
  const traversal = await fetch(`${app.url}/..%2f..%2fpackage.json`, { headers: { 'x-desk-token': app.token } });
  expect(await traversal.text()).not.toContain('"name": "committee-desk"');

  const invalid = await fetch(`${app.url}/api/units.create`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': app.token }, body: JSON.stringify({ name: '' }) });
  expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('请填写集体名称') } });

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
    http.get({ host: '127.0.0.1', port, path: '/', headers: { host: `attacker.example:${port}`, 'x-desk-token': app.token } }, (res) => resolve(res.statusCode ?? 0));
  });
  expect(status).toBe(403);
});
