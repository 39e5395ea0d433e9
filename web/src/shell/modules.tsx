import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudServerOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  NotificationOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SwapOutlined,
  TagsOutlined,
  TeamOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { TMe } from '@opsdesk/contract';
import type { ParseKeys } from 'i18next';

/**
 * The left menu, in the order of UX.md: 工作台 · 任务 · 会议 · 文档 · 资源 · 客户 · 管理.
 * A module appears here when it lands: one entry per module, nothing shown before it works.
 */
export interface ModuleEntry {
  key: string;
  label: ParseKeys;
  icon: ReactNode;
  path?: string;
  visible?: (user: TMe) => boolean;
  children?: ModuleEntry[];
}

const isAdmin = (user: TMe) => user.roles.includes('admin');
const isAuditor = (user: TMe) => user.roles.includes('auditor');
const isArchivist = (user: TMe) => user.roles.includes('archivist');

export const MODULES: ModuleEntry[] = [
  { key: 'workbench', label: 'menu.workbench', icon: <HomeOutlined />, path: '/' },
  // ALL-4 审批: everyone has a waiting box, whatever module the request came from.
  { key: 'approvals', label: 'approvals.menu', icon: <FileDoneOutlined />, path: '/approvals' },
  // TSK 任务跟踪: list, Kanban, Gantt, due-date calendar and weekly report.
  { key: 'tasks', label: 'tasks.menu', icon: <CheckSquareOutlined />, path: '/tasks' },
  // MTG 会议: my meetings calendar, rooms, minutes and resolution tracking.
  { key: 'meetings', label: 'meetings.menu', icon: <VideoCameraOutlined />, path: '/meetings' },
  // DOC 文档归档: the archive and loans; the archivist's categories and checks.
  {
    key: 'documents',
    label: 'documents.menu',
    icon: <FolderOpenOutlined />,
    children: [
      { key: 'documents-list', label: 'documents.menuList', icon: <FileTextOutlined />, path: '/documents' },
      { key: 'documents-loans', label: 'documents.menuLoans', icon: <SwapOutlined />, path: '/documents/loans' },
      { key: 'documents-categories', label: 'documents.menuCategories', icon: <TagsOutlined />, path: '/documents/categories', visible: (u) => isArchivist(u) || isAdmin(u) },
      { key: 'documents-archive', label: 'documents.menuArchive', icon: <SafetyCertificateOutlined />, path: '/documents/archive', visible: isArchivist },
    ],
  },
  // resources · customers go here as they are built.
  {
    key: 'admin',
    label: 'menu.admin',
    icon: <SettingOutlined />,
    visible: isAdmin,
    children: [
      { key: 'departments', label: 'menu.departments', icon: <ApartmentOutlined />, path: '/admin/departments' },
      { key: 'people', label: 'menu.people', icon: <TeamOutlined />, path: '/admin/people' },
      { key: 'calendar', label: 'menu.calendar', icon: <CalendarOutlined />, path: '/admin/calendar' },
      { key: 'delivery', label: 'delivery.menu', icon: <NotificationOutlined />, path: '/admin/delivery' },
      { key: 'backups', label: 'menu.backups', icon: <CloudServerOutlined />, path: '/admin/backups' },
    ],
  },
  // ALL-7: the audit log belongs to the auditor, not the administrator (三员分立).
  { key: 'audit', label: 'menu.audit', icon: <AuditOutlined />, path: '/audit', visible: isAuditor },
];

export function visibleModules(user: TMe, entries: ModuleEntry[] = MODULES): ModuleEntry[] {
  return entries
    .filter((entry) => !entry.visible || entry.visible(user))
    .map((entry) => (entry.children ? { ...entry, children: visibleModules(user, entry.children) } : entry));
}

/** The menu key of the deepest entry whose path starts the current location. */
export function activeKey(pathname: string, entries: ModuleEntry[]): { selected?: string; open?: string } {
  let best: { selected?: string; open?: string; length: number } = { length: -1 };
  const visit = (list: ModuleEntry[], parent?: string) => {
    for (const entry of list) {
      const path = entry.path;
      const matches = path && (path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`));
      if (matches && path.length > best.length) best = { selected: entry.key, open: parent, length: path.length };
      if (entry.children) visit(entry.children, entry.key);
    }
  };
  visit(entries);
  return { selected: best.selected, open: best.open };
}
