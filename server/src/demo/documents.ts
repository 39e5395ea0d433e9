import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { TArchiveStatus, TSecrecy } from '@opsdesk/contract';
import type { Db, Tx } from '../db/client.ts';
import { documentNumber } from '../modules/documents/rules.ts';
import { documentCategories, documentGrants, documentLoans, documents } from '../modules/documents/schema.ts';
import { people } from '../modules/org/schema.ts';
import { addDays } from '../platform/calendar/dates.ts';
import { atWallClock, dateInZone, startOfDay } from '../platform/calendar/zone.ts';
import { files } from '../platform/files/schema.ts';
import type { FileVault } from '../platform/files/vault.ts';
import { searchTokens } from '../platform/search/tokens.ts';

/** A one-page PDF showing `text` (ASCII): enough for the preview and for pdf.js to extract. */
export function demoPdf(text: string): Buffer {
  const stream = `BT /F1 20 Tf 40 120 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface DemoFile {
  name: string;
  mime: string;
  data: Buffer;
  /** Searchable text of an internal file (what extraction would find). */
  text?: string;
}

interface DemoDocument {
  key: string;
  number?: string;
  name: string;
  category: string;
  version?: number;
  secrecy: TSecrecy;
  creator: string;
  owner?: string;
  /** Days before today, or a fixed date (the SPEC's rows). */
  created: number | string;
  file?: DemoFile;
  paperLocation?: string;
  serverPath?: string;
  archived?: boolean;
  /** Key of the version this one supersedes (made void). */
  supersedes?: string;
  grants?: string[];
  note?: string;
}

const PROJECT_TEXT = '2026年研发项目立项报告\n项目目标：完成客户管理系统二期开发。\n项目预算：人民币80万元，合同签订后分三期支付。\n风险与应对：关键人员变动，预留两名后备开发人员。';

/** The SPEC's two register rows (numbers kept although they predate the naming rule) and a realistic handful. */
const DEMO_DOCUMENTS: DemoDocument[] = [
  { key: 'attendanceSeed', number: 'ZD-HR-20231001', name: '员工考勤管理制度', category: 'ZD-HR', secrecy: 'internal', creator: 'zhaoliu', created: '2023-10-05', serverPath: '//服务器/文档归档/制度类/人力资源', archived: true },
  { key: 'salesContract', number: 'HT-SX-20230920', name: 'A公司产品销售合同', category: 'HT-SX', secrecy: 'secret', creator: 'qianqi', created: '2023-09-20', paperLocation: '档案柜-03-05', archived: true, grants: ['zhangsan'] },
  {
    key: 'attendanceV1',
    name: '员工考勤制度',
    category: 'ZD-HR',
    secrecy: 'internal',
    creator: 'zhaoliu',
    created: 40,
    file: { name: '员工考勤制度-V1.pdf', mime: 'application/pdf', data: demoPdf('Attendance policy V1 (2026)') },
    archived: true,
  },
  {
    key: 'attendanceV2',
    name: '员工考勤制度',
    category: 'ZD-HR',
    version: 2,
    secrecy: 'internal',
    creator: 'zhaoliu',
    created: 3,
    file: { name: '员工考勤制度-V2.pdf', mime: 'application/pdf', data: demoPdf('Attendance policy V2: flexible hours') },
    paperLocation: '档案柜-01-02',
    supersedes: 'attendanceV1',
    note: '第二版：增加弹性工作时间条款。',
  },
  {
    key: 'secretContract',
    name: 'B公司框架采购合同',
    category: 'HT-SX',
    secrecy: 'secret',
    creator: 'qianqi',
    created: 10,
    file: { name: 'B公司框架采购合同.pdf', mime: 'application/pdf', data: demoPdf('Framework purchase agreement - Company B') },
    paperLocation: '档案柜-03-06',
    grants: ['xiaowang'],
  },
  {
    key: 'projectReport',
    name: '2026年研发项目立项报告',
    category: 'XM',
    secrecy: 'internal',
    creator: 'zhangsan',
    created: 5,
    file: { name: '2026年研发项目立项报告.txt', mime: 'text/plain', data: Buffer.from(PROJECT_TEXT, 'utf8'), text: PROJECT_TEXT },
  },
  { key: 'meetingMinutes', name: '经营例会会议纪要', category: 'HY', secrecy: 'internal', creator: 'wangwu', created: 7, paperLocation: '档案柜-02-01', archived: true },
  { key: 'unfiled', name: '办公用品领用规定', category: 'ZD', secrecy: 'internal', creator: 'lisi', created: 1, note: '待补充电子文件和存放位置。' },
];

export type DemoDocumentIds = Record<string, number>;

async function storeFile(tx: Tx, vault: FileVault, file: DemoFile, secret: boolean, uploadedBy: number, documentId: number, now: Date): Promise<string> {
  const id = randomUUID();
  const blob = await vault.store(Readable.from([file.data]), { fileId: id, secret, accept: () => undefined });
  await tx.insert(files).values({
    id,
    sha256: blob.sha256,
    size: blob.size,
    mimeType: file.mime,
    fileName: file.name,
    secret,
    storageKey: blob.storageKey,
    wrappedKey: blob.keys?.wrappedKey ?? null,
    iv: blob.keys?.iv ?? null,
    authTag: blob.keys?.authTag ?? null,
    ownerType: 'document',
    ownerId: String(documentId),
    uploadedBy,
    createdAt: now.toISOString(),
  });
  return id;
}

/**
 * DOC demo data: categories as the migration seeds them, the SPEC's two rows of 文档归档登记表
 * (with 张三's returned loan of the secret contract), a document in two versions (V1 作废), a secret
 * contract visible to 小王 by a grant, a project report whose text search finds, paper-only
 * minutes and one document the month-end tidy check flags. Running it twice changes nothing.
 * Shared by `npm run demo`, the HTTP tests and the browser journeys.
 */
export async function seedDemoDocuments(db: Db, opts: { now: Date; timeZone: string; vault: FileVault }): Promise<DemoDocumentIds> {
  const { now, timeZone, vault } = opts;
  const today = dateInZone(now, timeZone);
  const ids: DemoDocumentIds = {};
  await db.transaction(async (tx) => {
    const done = await tx.select({ id: documents.id }).from(documents).where(eq(documents.number, 'ZD-HR-20231001'));
    const staff = await tx.select({ id: people.id, username: people.username }).from(people);
    const person = (username: string) => {
      const found = staff.find((p) => p.username.toLowerCase() === username);
      if (!found) throw new Error(`seedDemoDocuments: run seedDemoOrg first (no ${username})`);
      return found.id;
    };
    const cats = await tx.select().from(documentCategories);
    const category = (code: string) => cats.find((c) => c.code === code)!;
    const stamp = now.toISOString();
    for (const d of DEMO_DOCUMENTS) {
      const createdOn = typeof d.created === 'string' ? d.created : addDays(today, -d.created);
      const version = d.version ?? 1;
      const cat = category(d.category);
      const number = d.number ?? documentNumber({ categoryCode: cat.code, createdOn, name: d.name, version });
      if (done.length) {
        // Seeded on an earlier day: the generated numbers differ, name and version do not.
        const [row] = await tx
          .select({ id: documents.id })
          .from(documents)
          .where(and(eq(documents.name, d.name), eq(documents.version, version), eq(documents.categoryId, cat.id)));
        if (row) ids[d.key] = row.id;
        continue;
      }
      const creatorId = person(d.creator);
      const [row] = await tx
        .insert(documents)
        .values({
          number,
          name: d.name,
          categoryId: cat.id,
          version,
          secrecy: d.secrecy,
          important: cat.defaultImportant,
          creatorId,
          ownerId: person(d.owner ?? d.creator),
          createdOn,
          paperLocation: d.paperLocation ?? null,
          serverPath: d.serverPath ?? null,
          archiveStatus: (d.archived ? 'archived' : 'pending') as TArchiveStatus,
          archivedOn: d.archived ? createdOn : null,
          note: d.note ?? null,
          contentText: d.secrecy === 'internal' ? (d.file?.text ?? null) : null,
          searchTokens: searchTokens(number, d.name, d.secrecy === 'internal' ? d.file?.text : null),
          createdAt: startOfDay(createdOn, timeZone).toISOString(),
          updatedAt: stamp,
        })
        .returning({ id: documents.id });
      const id = row!.id;
      ids[d.key] = id;
      const previous = d.supersedes ? ids[d.supersedes]! : null;
      const fileId = d.file ? await storeFile(tx, vault, d.file, d.secrecy === 'secret', creatorId, id, now) : null;
      await tx.update(documents).set({ fileId, seriesId: previous ?? id }).where(eq(documents.id, id));
      if (previous) await tx.update(documents).set({ void: true, voidedAt: stamp, supersededById: id }).where(eq(documents.id, previous));
      for (const username of d.grants ?? [])
        await tx.insert(documentGrants).values({ documentId: id, kind: 'person', personId: person(username), grantedBy: person(d.owner ?? d.creator), createdAt: stamp });
    }
    if (done.length) return;
    // The SPEC's loan: 张三 borrowed the sales contract 2023-09-25 and returned it 2023-09-28.
    await tx.insert(documentLoans).values({
      documentId: ids.salesContract!,
      borrowerId: person('zhangsan'),
      purpose: '核对合同付款条款',
      fromDate: '2023-09-25',
      toDate: '2023-09-28',
      medium: 'paper',
      status: 'returned',
      registeredBy: person('zhaoliu'),
      registeredAt: startOfDay('2023-09-25', timeZone).toISOString(),
      dueDate: '2023-09-28',
      dueAt: atWallClock('2023-09-28', 18 * 3_600_000, timeZone).toISOString(),
      returnedAt: atWallClock('2023-09-28', 10 * 3_600_000, timeZone).toISOString(),
      returnedTo: person('zhaoliu'),
      createdAt: startOfDay('2023-09-22', timeZone).toISOString(),
      updatedAt: stamp,
    });
  });
  const missing = DEMO_DOCUMENTS.filter((d) => ids[d.key] === undefined).map((d) => d.key);
  if (missing.length) throw new Error(`seedDemoDocuments: missing ${missing.join(', ')}`);
  return ids;
}
