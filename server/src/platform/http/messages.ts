import { type TErrorCode, type TLocale, interpolate } from '@opsdesk/contract';

const MESSAGES: Record<TErrorCode, Record<TLocale, string>> = {
  VALIDATION: { 'zh-CN': '输入有误，请检查后重试', 'en-US': 'Please check your input' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'en-US': 'Please sign in' },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  CSRF: { 'zh-CN': '请求校验失败，请刷新页面后重试', 'en-US': 'Security check failed; reload the page and try again' },
  NOT_FOUND: { 'zh-CN': '未找到该记录，它可能已被删除', 'en-US': 'Not found: it may have been deleted' },
  INVALID_REFERENCE: { 'zh-CN': '{field}不存在或已停用', 'en-US': '{field} does not exist or is inactive' },
  CONFLICT: { 'zh-CN': '数据已被他人修改，请刷新后重试', 'en-US': 'Someone else changed this; reload and try again' },
  DUPLICATE: { 'zh-CN': '{field}“{value}”已存在', 'en-US': '{field} "{value}" already exists' },
  BAD_CREDENTIALS: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    'zh-CN': '密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试',
    'en-US': 'Too many failed attempts: this account is locked; try again in {minutes} min',
  },
  IP_LOCKED: {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    'en-US': 'Too many failed sign-ins from this address; try again in {minutes} min',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '该账号已停用，请联系管理员', 'en-US': 'This account is disabled; contact your administrator' },
  PASSWORD_CHANGE_REQUIRED: { 'zh-CN': '首次登录请先修改密码', 'en-US': 'Please change your password first' },
  WRONG_PASSWORD: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  WEAK_PASSWORD: {
    'zh-CN': '新密码至少 8 位，需同时包含字母和数字，且不能与旧密码相同',
    'en-US': 'The new password needs 8+ characters with letters and digits, and must differ from the old one',
  },
  DEPARTMENT_CYCLE: { 'zh-CN': '上级部门不能是本部门或其下级部门', 'en-US': 'A department cannot sit under itself or its sub-departments' },
  DEPARTMENT_NOT_EMPTY: {
    'zh-CN': '该部门下还有 {count} 名人员或下级部门，不能删除',
    'en-US': 'This department still has {count} people or sub-departments',
  },
  LAST_ADMIN: { 'zh-CN': '至少要保留一名启用的系统管理员', 'en-US': 'At least one active system administrator must remain' },
  FILE_TOO_LARGE: { 'zh-CN': '{field}过大：单个文件不能超过 {limit}', 'en-US': '{field} is too large: each file may be at most {limit}' },
  FILE_DAMAGED: {
    'zh-CN': '文件已损坏或被篡改，无法读取，请联系管理员',
    'en-US': 'The file is damaged or has been tampered with and cannot be read; contact your administrator',
  },
  CALENDAR_OUT_OF_RANGE: { 'zh-CN': '{field}超出工作日历的范围（{from}–{to} 年）', 'en-US': '{field} is outside the working-day calendar ({from}–{to})' },
  CALENDAR_YEAR_MISMATCH: {
    'zh-CN': '{field}中的 {value} 不属于 {year} 年：一次只能导入同一年的安排',
    'en-US': '{field}: {value} is not in {year}; import one year at a time',
  },
  CALENDAR_DATE_REPEATED: { 'zh-CN': '{field}中的 {value} 重复出现', 'en-US': '{field}: {value} appears more than once' },
  BACKUP_RUNNING: { 'zh-CN': '已有备份正在进行，请稍后再试', 'en-US': 'A backup is already running; try again later' },
  BACKUP_FAILED: { 'zh-CN': '备份失败：{reason}', 'en-US': 'The backup failed: {reason}' },
  IMPORT_FILE_TYPE: { 'zh-CN': '{field}只能是 Excel（.xlsx）或 CSV（.csv）格式', 'en-US': '{field} must be an Excel (.xlsx) or CSV (.csv) file' },
  IMPORT_NOT_READY: {
    'zh-CN': '该导入还在读取中、读取失败或已经导入，不能提交',
    'en-US': 'This import is still being read, has failed or was already committed',
  },
  IMPORT_HAS_ERRORS: {
    'zh-CN': '文件中有 {count} 处错误，未写入任何数据；请修改后重新上传',
    'en-US': 'The file has {count} error(s); nothing was written. Fix them and upload again',
  },
  APPROVAL_SELF: {
    'zh-CN': '{field}不能是申请人本人：任何人不能审批自己的申请',
    'en-US': '{field} cannot be the requester: nobody approves their own request',
  },
  APPROVAL_OPEN: {
    'zh-CN': '该事项已有一个审批在进行中，请等待其结束或在原审批上重新提交',
    'en-US': 'An approval for this item is already under way; wait for it or resubmit that one',
  },
  DELIVERY_NOT_RETRYABLE: {
    'zh-CN': '该消息已发送或正在发送，不能重试',
    'en-US': 'This message has been sent or is being sent; it cannot be retried',
  },
  ROOM_TAKEN: {
    'zh-CN': '{room}在 {from}–{to} 已被“{title}”占用，请换一个时间或会议室',
    'en-US': '{room} is taken by "{title}" from {from} to {to}; pick another time or room',
  },
  REASON_REQUIRED: { 'zh-CN': '{warning}（{field}）', 'en-US': '{warning} ({field})' },
  VAGUE_OWNER: {
    'zh-CN': '{field}须写明具体负责人，不能用“{value}”这样的模糊表述',
    'en-US': '{field} must name a responsible person, not a vague "{value}"',
  },
  SIGN_IN_CLOSED: {
    'zh-CN': '现在不在签到时间内：签到从 {opensAt} 开始，到 {closesAt} 结束',
    'en-US': 'Sign-in is not open now: it runs from {opensAt} to {closesAt}',
  },
  SIGN_IN_CODE: {
    'zh-CN': '签到码已失效，请重新扫描会议室屏幕上的二维码',
    'en-US': 'This sign-in code has expired; scan the QR code on the room screen again',
  },
  MEETING_STATE: { 'zh-CN': '会议当前状态（{state}）不能进行此操作', 'en-US': 'This cannot be done while the meeting is {state}' },
  TASK_STATE: { 'zh-CN': '任务当前状态为“{status}”，不能进行此操作', 'en-US': 'This cannot be done while the task is {status}' },
  TASK_DATES: { 'zh-CN': '{field}不能早于{limit}', 'en-US': '{field} cannot be before {limit}' },
  TASK_DELAY_REQUIRED: {
    'zh-CN': '任务已超过截止时间（{dueDate}）1天以上，请先填写延期原因和新的截止时间，再更新进度',
    'en-US': 'This task is more than 1 day past its due date ({dueDate}): record the delay reason and a new due date first',
  },
  TASK_RISK_PLAN_REQUIRED: {
    'zh-CN': '重大任务开始前须填写风险说明和应对方案（缺少{field}）',
    'en-US': 'A major task needs a risk note and a mitigation plan before it starts ({field} is missing)',
  },
  TASK_PREDECESSOR_OPEN: {
    'zh-CN': '前置任务 {tasks} 尚未完成；如需提前开始，请填写{field}',
    'en-US': 'Predecessor {tasks} is not done yet; to start anyway, fill in {field}',
  },
  TASK_DEPENDENCY_CYCLE: {
    'zh-CN': '{field}不能是本任务或依赖本任务的任务（会形成循环）',
    'en-US': '{field} cannot be this task or a task that depends on it (a cycle)',
  },
  TASK_DELIVERABLE_REQUIRED: { 'zh-CN': '请上传交付成果文件或填写{field}', 'en-US': 'Upload the deliverable file or give a {field}' },
  LOAN_TOO_LONG: {
    'zh-CN': '重要文档借阅不超过 {days} 个工作日：{field}最迟为 {latest}',
    'en-US': 'An important document is lent for at most {days} working days: {field} must be {latest} or earlier',
  },
  LOAN_DATES: { 'zh-CN': '{field}不能早于 {limit}', 'en-US': '{field} cannot be before {limit}' },
  LOAN_MEDIUM: {
    'zh-CN': '该文档没有{missing}，不能选择此{field}',
    'en-US': 'This document has no {missing}; choose another {field}',
  },
  LOAN_STATE: { 'zh-CN': '借阅当前状态为“{status}”，不能进行此操作', 'en-US': 'This cannot be done while the loan is {status}' },
  DOCUMENT_VOID: {
    'zh-CN': '该版本已作废，请在当前版本上操作',
    'en-US': 'This version is void (作废); work on the current version',
  },
  DOCUMENT_FILE_SECRECY: {
    'zh-CN': '秘密文档的文件须以“秘密”方式加密上传；内部文档请勿使用加密文件',
    'en-US': 'A secret document needs a file uploaded as secret (encrypted); an internal one a normal file',
  },
  CATEGORY_NOT_EMPTY: {
    'zh-CN': '该分类下还有子分类或文档，不能删除',
    'en-US': 'This category still holds sub-categories or documents; it cannot be deleted',
  },
  INTERNAL: { 'zh-CN': '服务器出错了，请稍后重试', 'en-US': 'Something went wrong on the server; try again later' },
};

export function message(code: TErrorCode, locale: TLocale, params: Record<string, string | number>): string {
  return interpolate(MESSAGES[code][locale], { field: '', ...params });
}

/** Picks zh-CN or en-US from an Accept-Language header; Chinese is the default. */
export function localeFromHeader(header: string | undefined): TLocale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}
