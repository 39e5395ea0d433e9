import type { TLocale } from './common.ts';

/** Field names as people read them, for error messages and form labels alike. */
export const FIELD_LABELS: Record<string, Record<TLocale, string>> = {
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  currentPassword: { 'zh-CN': '当前密码', 'en-US': 'Current password' },
  newPassword: { 'zh-CN': '新密码', 'en-US': 'New password' },
  initialPassword: { 'zh-CN': '初始密码', 'en-US': 'Initial password' },
  name: { 'zh-CN': '名称', 'en-US': 'Name' },
  code: { 'zh-CN': '编码', 'en-US': 'Code' },
  parentId: { 'zh-CN': '上级部门', 'en-US': 'Parent department' },
  headId: { 'zh-CN': '部门负责人', 'en-US': 'Department head' },
  divisionLeaderId: { 'zh-CN': '分管领导', 'en-US': 'Division leader' },
  sortOrder: { 'zh-CN': '排序', 'en-US': 'Order' },
  employeeNo: { 'zh-CN': '工号', 'en-US': 'Employee no.' },
  phone: { 'zh-CN': '手机号', 'en-US': 'Phone' },
  email: { 'zh-CN': '邮箱', 'en-US': 'E-mail' },
  departmentId: { 'zh-CN': '所属部门', 'en-US': 'Department' },
  title: { 'zh-CN': '职务', 'en-US': 'Title' },
  roles: { 'zh-CN': '角色', 'en-US': 'Roles' },
  active: { 'zh-CN': '启用状态', 'en-US': 'Active' },
  locale: { 'zh-CN': '语言', 'en-US': 'Language' },
  page: { 'zh-CN': '页码', 'en-US': 'Page' },
  pageSize: { 'zh-CN': '每页条数', 'en-US': 'Page size' },
  from: { 'zh-CN': '开始日期', 'en-US': 'From' },
  to: { 'zh-CN': '结束日期', 'en-US': 'To' },
  date: { 'zh-CN': '日期', 'en-US': 'Date' },
  month: { 'zh-CN': '月份', 'en-US': 'Month' },
  year: { 'zh-CN': '年份', 'en-US': 'Year' },
  working: { 'zh-CN': '是否上班', 'en-US': 'Working day' },
  days: { 'zh-CN': '节假日安排', 'en-US': 'Schedule days' },
  isOffDay: { 'zh-CN': '是否放假', 'en-US': 'Day off' },
  file: { 'zh-CN': '文件', 'en-US': 'File' },
  fileId: { 'zh-CN': '附件', 'en-US': 'Attachment' },
  secret: { 'zh-CN': '密级', 'en-US': 'Classification' },
  inline: { 'zh-CN': '在线预览', 'en-US': 'Preview' },
  out: { 'zh-CN': '备份位置', 'en-US': 'Backup location' },
};

export const fieldLabel = (field: string, locale: TLocale): string => {
  const key = field.split('.')[0] ?? field;
  return FIELD_LABELS[key]?.[locale] ?? field;
};
