import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('system endpoints', () => {
  it('GET /api/health answers 200 with the driver in use, without login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', driver: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('serves the OpenAPI document generated from the zod contracts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/people', '/api/departments', '/api/audit']));
  });

  it('answers unknown API paths with a JSON 404 in the caller’s language', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('未找到') });
    const en = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Not found') });
  });

  it('sets nosniff on every answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('web app serving', () => {
  it('answers client-side routes with index.html under a CSP, and a missing asset with 404', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildApp } = await import('./app.ts');
    const { loadConfig } = await import('./config.ts');
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>运营台</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-abc.js'), 'console.log(1)');
    const app = await buildApp({ config: loadConfig({}, { logLevel: 'silent', webDist: dist, now: t.clock.now }), database: t.database });
    try {
      const page = await app.inject({ method: 'GET', url: '/admin/people?page=2' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('运营台');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      const asset = await app.inject({ method: 'GET', url: '/assets/app-abc.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      const gone = await app.inject({ method: 'GET', url: '/assets/app-old.js' });
      expect(gone.statusCode).toBe(404);
      expect(gone.headers['content-type']).toContain('application/json');
    } finally {
      await app.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
