import { type TLocale, type TMeetingWarning, type TMeetingWarningCode, interpolate } from '@opsdesk/contract';
import { AppError } from '../../platform/http/errors.ts';
import type { RuleWarning } from './rules.ts';

/** UX: a warning says plainly what is wrong and what to do, in the user's language. */
const TEXT: Record<TMeetingWarningCode, Record<TLocale, string>> = {
  non_working_day: {
    'zh-CN': '会议日期 {date} 不是工作日（节假日或周末），请确认是否需要调整时间',
    'en-US': 'The meeting date {date} is not a working day (holiday or weekend); check whether to move it',
  },
  notice_late: {
    'zh-CN': '会议通知需至少提前{required}个工作日发出（最晚 {latestDate}），当前仅提前{workingDays}个工作日，请填写原因',
    'en-US': 'The notice must go out at least {required} working days before (by {latestDate}); it is only {workingDays} working day(s) ahead now. Give a reason',
  },
  agenda_items: {
    'zh-CN': '议程共 {count} 项，超过 {max} 项的上限，请精简议题或填写原因',
    'en-US': 'The agenda has {count} items, more than the {max} allowed; cut items or give a reason',
  },
  agenda_duration: {
    'zh-CN': '议程总时长 {minutes} 分钟，超过 {max} 分钟（2小时）的上限，请压缩时长或填写原因',
    'en-US': 'The agenda lasts {minutes} minutes, more than {max} (2 hours); shorten it or give a reason',
  },
  leave_late: {
    'zh-CN': '请假需至少提前1天（最晚 {latestDate}）提出，本次请假将标记为逾期请假',
    'en-US': 'Leave must be asked at least 1 day before (by {latestDate}); this request will be flagged as late',
  },
  room_capacity: {
    'zh-CN': '会议室只能容纳 {capacity} 人，参会人员有 {participants} 人，请换一间更大的会议室',
    'en-US': 'The room holds {capacity} people but {participants} are invited; consider a larger room',
  },
};

export function presentWarning(w: RuleWarning, locale: TLocale): TMeetingWarning {
  return { code: w.code, message: interpolate(TEXT[w.code][locale], w.params), params: w.params, reasonField: w.reasonField };
}

/**
 * A warning that needs a reason refuses the save until one is given (400 on the reason field,
 * naming the rule); the others pass and are returned for display.
 */
export function requireReasons(warnings: RuleWarning[], reasons: Record<string, string | null | undefined>, locale: TLocale): void {
  for (const w of warnings) {
    if (w.reasonField && !reasons[w.reasonField]?.trim()) {
      throw new AppError('REASON_REQUIRED', w.reasonField, { warning: presentWarning(w, locale).message });
    }
  }
}
