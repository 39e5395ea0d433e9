import type { FastifyInstance } from 'fastify';
import type { TImportJob } from '@opsdesk/contract';
import { importRunner } from '../src/platform/import/runner.ts';
import type { Client } from './harness.ts';
import { formData } from './multipart.ts';

/** The people template's headers, in order. */
export const PEOPLE_HEADERS = ['工号', '姓名', '用户名', '部门', '职务', '手机号', '邮箱', '角色', '状态'];

/** A CSV as Excel saves it ("CSV UTF-8"): BOM, CRLF; fields quoted where needed. */
export function csvOf(rows: (string | number)[][]): string {
  const field = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

export const uploadSheet = (client: Client, fileName: string, data: Buffer | string, kind = 'people') => {
  const form = formData([{ name: 'file', filename: fileName, data }]);
  return client.post(`/api/imports/${kind}`, form.payload, form.headers);
};

/** Uploads, waits for the background read (no sleeping: the runner says when it is idle), returns the job. */
export async function importSheet(app: FastifyInstance, client: Client, fileName: string, data: Buffer | string): Promise<TImportJob> {
  const res = await uploadSheet(client, fileName, data);
  if (res.statusCode !== 202) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  await importRunner(app).idle();
  const job = await client.get(`/api/imports/${res.json<TImportJob>().id}`);
  return job.json<TImportJob>();
}
