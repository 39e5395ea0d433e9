import type { FastifyInstance } from 'fastify';

export interface BenchRequest {
  key: string;
  title: string;
  url: string;
  user: string;
}

/** Logs in through the app (no listening socket) and returns the session cookie. */
export async function injectLogin(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
