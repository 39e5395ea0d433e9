import { and, asc, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import { addDays } from '../../platform/calendar/dates.ts';
import { dateInZone, startOfDay, toIso } from '../../platform/calendar/zone.ts';
import type { WorkbenchSection } from '../../platform/workbench/registry.ts';
import { involvedWhere } from './list.service.ts';
import { meetings } from './schema.ts';

/**
 * ALL-3 我的会议: what the caller has to do about meetings — minutes to write or hand out (red
 * when the 24 h are over), then their meetings of the coming 7 days, soonest first.
 */
export function meetingsSection(timeZone: string): WorkbenchSection {
  return {
    key: 'meetings',
    order: 30,
    load: async (ctx, limit) => {
      const me = ctx.actor.id;
      const todo = await ctx.db
        .select()
        .from(meetings)
        .where(
          and(
            ne(meetings.status, 'cancelled'),
            eq(meetings.minuteTakerId, me),
            lt(meetings.endsAt, ctx.now.toISOString()),
            inArray(meetings.minutesStatus, ['none', 'draft', 'returned', 'approved']),
          ),
        )
        .orderBy(asc(meetings.endsAt));
      const today = dateInZone(ctx.now, timeZone);
      const upcoming = await ctx.db
        .select()
        .from(meetings)
        .where(and(involvedWhere(me), ne(meetings.status, 'cancelled'), gte(meetings.endsAt, ctx.now.toISOString()), lt(meetings.startsAt, startOfDay(addDays(today, 7), timeZone).toISOString())))
        .orderBy(asc(meetings.startsAt));
      const items = [
        ...todo.map((m) => {
          const due = new Date(new Date(toIso(m.endsAt)).getTime() + 24 * 3_600_000);
          const distribute = m.minutesStatus === 'approved';
          return {
            id: `minutes-${m.id}`,
            title: `${distribute ? '分发纪要' : '整理纪要'}：${m.topic}`,
            subtitle: distribute ? '主持人已审核，请在1个工作日内分发' : '会后24小时内完成会议纪要',
            link: `/meetings/${m.id}/minutes`,
            at: distribute ? toIso(m.updatedAt) : due.toISOString(),
            overdue: !distribute && ctx.now > due,
          };
        }),
        ...upcoming.map((m) => ({
          id: String(m.id),
          title: m.topic,
          subtitle: m.status === 'draft' ? '筹备中，通知未发出' : null,
          link: `/meetings/${m.id}`,
          at: toIso(m.startsAt),
          overdue: false,
        })),
      ];
      return { count: items.length, items: items.slice(0, limit) };
    },
  };
}
