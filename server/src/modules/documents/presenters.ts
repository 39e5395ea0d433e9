import {
  type TDocumentCategory,
  type TDocumentGrant,
  type TDocumentSummary,
  type TLoan,
  type TRole,
  isPreviewable,
} from '@opsdesk/contract';
import { toIso } from '../../platform/calendar/zone.ts';
import type { Actor } from '../../platform/http/context.ts';
import { archivePathOf, categoryPath, documentPermissions, isOpenLoan, loanPermissions } from './rules.ts';
import type { documentCategories } from './schema.ts';
import type { DocumentRow, MyLoan } from './store.ts';

type CategoryRow = typeof documentCategories.$inferSelect;

export function presentCategory(row: CategoryRow, parent: CategoryRow | null): TDocumentCategory {
  const path = categoryPath(parent ? [parent.name, row.name] : [row.name]);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parentId,
    level: parent ? 2 : 1,
    path,
    archivePath: archivePathOf(path),
    defaultImportant: row.defaultImportant,
    sortOrder: row.sortOrder,
  };
}

const iso = (v: string | null) => (v === null ? null : toIso(v));

/** What leaves the server about a document: never the storage key, the extracted text or the tokens. */
export function presentDocument(r: DocumentRow, category: TDocumentCategory, myLoans: MyLoan[], ctx: { actor: Actor; now: Date; timeZone: string }): TDocumentSummary {
  const file = r.fileId && r.fileName !== null && r.fileMime !== null ? { mimeType: r.fileMime, fileName: r.fileName } : null;
  const open = [...myLoans].reverse().find((l) => isOpenLoan(l.status)) ?? null;
  return {
    id: r.id,
    number: r.number,
    name: r.name,
    category: { id: category.id, code: category.code, path: category.path },
    version: r.version,
    secrecy: r.secrecy,
    important: r.important,
    creator: { id: r.creatorId, name: r.creatorName },
    owner: { id: r.ownerId, name: r.ownerName },
    createdOn: r.createdOn,
    createdAt: toIso(r.createdAt),
    file: file && r.fileId ? { id: r.fileId, fileName: file.fileName, size: Number(r.fileSize ?? 0), mimeType: file.mimeType, previewable: isPreviewable(file.mimeType) } : null,
    archivePath: file ? category.archivePath : r.serverPath ? category.archivePath : null,
    paperLocation: r.paperLocation,
    serverPath: r.serverPath,
    archiveStatus: r.archiveStatus,
    archivedOn: r.archivedOn,
    void: r.void,
    voidedAt: iso(r.voidedAt),
    supersededBy: r.supersededById ? { id: r.supersededById, number: r.supersededNumber, version: r.supersededVersion ?? 0 } : null,
    seriesId: r.seriesId ?? r.id,
    myLoan: open ? { id: open.id, status: open.status, dueAt: iso(open.dueAt) } : null,
    permissions: documentPermissions(
      { actor: ctx.actor, ownerId: r.ownerId, secrecy: r.secrecy, void: r.void, file, paperLocation: r.paperLocation, myLoans },
      ctx.now,
      ctx.timeZone,
    ),
  };
}

export interface GrantRow {
  id: number;
  kind: TDocumentGrant['kind'];
  personId: number | null;
  personName: string | null;
  role: TRole | null;
  departmentId: number | null;
  departmentName: string | null;
  grantedBy: number;
  grantedByName: string;
  createdAt: string;
}

export function presentGrant(g: GrantRow): TDocumentGrant {
  return {
    id: g.id,
    kind: g.kind,
    person: g.personId !== null ? { id: g.personId, name: g.personName ?? '' } : null,
    role: g.role,
    department: g.departmentId !== null ? { id: g.departmentId, name: g.departmentName ?? '' } : null,
    grantedBy: { id: g.grantedBy, name: g.grantedByName },
    createdAt: toIso(g.createdAt),
  };
}

export interface LoanRow {
  id: number;
  documentId: number;
  documentNumber: string | null;
  documentName: string;
  documentVersion: number;
  documentSecrecy: TLoan['document']['secrecy'];
  documentImportant: boolean;
  borrowerId: number;
  borrowerName: string;
  borrowerDepartment: string | null;
  purpose: string;
  fromDate: string;
  toDate: string;
  medium: TLoan['medium'];
  allowDownload: boolean;
  status: TLoan['status'];
  approvalId: number | null;
  registeredBy: number | null;
  registeredByName: string | null;
  registeredAt: string | null;
  dueDate: string | null;
  dueAt: string | null;
  returnedAt: string | null;
  returnedTo: number | null;
  returnedToName: string | null;
  note: string | null;
  createdAt: string;
  /** As the database's JSON gives it. */
  decisions: { key: string; status: 'approved' | 'rejected' | 'returned'; opinion: string | null; byId: number | null; byName: string | null; at: string }[];
}

export function presentLoan(r: LoanRow, actor: Actor, now: Date): TLoan {
  return {
    id: r.id,
    document: { id: r.documentId, number: r.documentNumber, name: r.documentName, version: r.documentVersion, secrecy: r.documentSecrecy, important: r.documentImportant },
    borrower: { id: r.borrowerId, name: r.borrowerName, departmentName: r.borrowerDepartment },
    purpose: r.purpose,
    from: r.fromDate,
    to: r.toDate,
    medium: r.medium,
    allowDownload: r.allowDownload,
    status: r.status,
    approvalId: r.approvalId,
    decisions: r.decisions.map((d) => ({
      key: d.key,
      status: d.status,
      opinion: d.opinion,
      by: d.byId !== null ? { id: d.byId, name: d.byName ?? '' } : null,
      at: toIso(d.at),
    })),
    registeredBy: r.registeredBy !== null ? { id: r.registeredBy, name: r.registeredByName ?? '' } : null,
    registeredAt: iso(r.registeredAt),
    dueAt: iso(r.dueAt),
    dueDate: r.dueDate,
    returnedAt: iso(r.returnedAt),
    returnedTo: r.returnedTo !== null ? { id: r.returnedTo, name: r.returnedToName ?? '' } : null,
    note: r.note,
    overdue: r.status === 'lent' && r.dueAt !== null && now >= new Date(r.dueAt),
    createdAt: toIso(r.createdAt),
    permissions: loanPermissions(r, actor),
  };
}
