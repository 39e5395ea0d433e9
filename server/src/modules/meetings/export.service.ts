import ExcelJS from 'exceljs';
import { wallClock } from '../../platform/calendar/zone.ts';
import type { AuthedCtx } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { placeOf } from './ics.ts';
import { getMinutes } from './minutes.service.ts';
import { timesOf } from './rules.ts';
import { type MaterialRow, type MeetingAggregate, type MeetingsEnv, visibleMeeting } from './store.ts';

/** SPEC templates 会议通知表 and 会议纪要表 as two-column forms, as the office fills them in Excel. */

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number) => NUMERALS[n - 1] ?? String(n);

function hhmm(at: Date, timeZone: string) {
  const min = Math.floor(wallClock(at, timeZone).ms / 60_000);
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

function form(title: string, rows: [string, string][]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(title);
  sheet.columns = [{ width: 18 }, { width: 72 }];
  sheet.mergeCells('A1:B1');
  const head = sheet.getCell('A1');
  head.value = title;
  head.font = { bold: true, size: 16 };
  head.alignment = { horizontal: 'center' };
  for (const [label, value] of rows) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.alignment = { vertical: 'top', wrapText: true };
    row.height = Math.max(20, 16 * (value.split('\n').length + 0.5));
    row.eachCell((cell) => (cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }));
  }
  return workbook;
}

/** What the 会议通知表 reads of a meeting: a whole aggregate, or the pieces a list export loads for a page. */
export type NoticeFacts = Pick<MeetingAggregate, 'row' | 'room' | 'people' | 'agenda' | 'names'> & { materials: Pick<MaterialRow, 'title' | 'ownerId'>[] };

const participantNames = (m: Pick<MeetingAggregate, 'people' | 'names'>) =>
  m.people
    .filter((p) => p.role === 'participant')
    .map((p) => m.names.get(p.personId)?.name ?? '')
    .join('、');

function when(m: Pick<MeetingAggregate, 'row'>, timeZone: string) {
  const t = timesOf(m.row);
  return `${wallClock(t.startsAt, timeZone).date} ${hhmm(t.startsAt, timeZone)}-${hhmm(t.endsAt, timeZone)}`;
}

/** The 会议通知表's labels: the rows of one meeting's form, the columns of the list export. */
export const NOTICE_LABELS = ['会议主题', '时间', '地点/会议号', '参会人员', '主持人', '记录人', '会议议程', '需准备材料', '联系人及联系方式'] as const;

/** The 会议通知表's values for a meeting, in NOTICE_LABELS' order. */
export function noticeValues(m: NoticeFacts, timeZone: string): string[] {
  const contact = m.names.get(m.row.contactId)?.name ?? '';
  return [
    m.row.topic,
    when(m, timeZone),
    placeOf(m),
    participantNames(m),
    m.names.get(m.row.hostId)?.name ?? '',
    m.names.get(m.row.minuteTakerId)?.name ?? '',
    m.agenda.map((a, i) => `${i + 1}. ${a.title}（${a.durationMinutes}分钟）${a.goal ? `：${a.goal}` : ''}`).join('\n'),
    m.materials.map((x) => `${x.title}（${m.names.get(x.ownerId)?.name ?? ''}）`).join('\n'),
    [contact, m.row.contactPhone].filter(Boolean).join('/'),
  ];
}

/** `GET /api/meetings/:id/notice.xlsx`: 会议通知表. */
export async function noticeWorkbook(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<{ buffer: Buffer; filename: string }> {
  const m = await visibleMeeting(ctx, id);
  const values = noticeValues(m, env.timeZone);
  const workbook = form('会议通知表', NOTICE_LABELS.map((label, i) => [label, values[i]!]));
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `会议通知表-${m.row.topic}-${wallClock(timesOf(m.row).startsAt, env.timeZone).date.replace(/-/g, '')}.xlsx` };
}

/** `GET /api/meetings/:id/minutes.xlsx`: 会议纪要表, once minutes exist. */
export async function minutesWorkbook(ctx: AuthedCtx, env: MeetingsEnv, id: number): Promise<{ buffer: Buffer; filename: string }> {
  const m = await visibleMeeting(ctx, id);
  if (m.row.minutesStatus === 'none') throw new AppError('MEETING_STATE', undefined, { state: 'none' });
  const minutes = await getMinutes(ctx, env, id);
  const count = m.people.filter((p) => p.role === 'participant').length;
  const absent = minutes.absent.map((a) => `${a.person.name}${a.onLeave ? '（请假）' : ''}`).join('、');
  const rows: [string, string][] = [
    ['会议名称', `${m.row.topic}纪要`],
    ['日期', wallClock(timesOf(m.row).startsAt, env.timeZone).date],
    ['参会人员', `${participantNames(m)}（共${count}人）`],
    ['缺席人员', absent || '-'],
  ];
  for (const [i, item] of minutes.items.entries()) {
    const parts = [
      item.keyPoints ? `讨论内容：${item.keyPoints}` : null,
      item.disputes ? `争议：${item.disputes}` : null,
      item.decision ? `决策：${item.decision}${item.decisionConfirmed ? '' : '（待主持人确认）'}` : null,
      item.carryOver ? `下次会议继续讨论（${item.nextDate}）` : null,
    ].filter((p): p is string => p !== null);
    rows.push([`议题${numeral(i + 1)}：${item.title}`, parts.join('\n') || '-']);
  }
  if (minutes.discussion) rows.push(['其他讨论', minutes.discussion]);
  rows.push([
    '决议事项',
    minutes.resolutions.map((r, i) => `${i + 1}. ${r.departmentName ? `${r.departmentName}：` : ''}${r.content}（负责人：${r.owner.name}，${r.dueDate}前完成；交付：${r.deliverable}${r.task ? `；任务 ${r.task.number}` : ''}）`).join('\n') || '-',
  ]);
  rows.push(['待跟进事项', minutes.followUps.map((f, i) => `${i + 1}. ${f.text}${f.owner ? `（${f.owner.name}${f.dueDate ? `，${f.dueDate}前` : ''}）` : ''}`).join('\n') || '-']);
  const workbook = form('会议纪要表', rows);
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `会议纪要表-${m.row.topic}-${rows[1]![1].replace(/-/g, '')}.xlsx` };
}
