import { ZMeetingListQuery } from '@opsdesk/contract';
import type { SearchSource } from '../../platform/search/registry.ts';
import { listMeetings } from './list.service.ts';
import type { MeetingsEnv } from './store.ts';

const WORDS = {
  'zh-CN': { host: '主持人：', online: '线上会议', cancelled: '已取消' },
  'en-US': { host: 'Host: ', online: 'Online', cancelled: 'Cancelled' },
} as const;

/** The global search's meetings: the list's 全部 tab with the words (ALL-7 scope), the latest first. */
export function meetingsSearch(env: MeetingsEnv): SearchSource {
  return {
    key: 'meetings',
    order: 20,
    search: async (ctx, q, limit) => {
      const page = await listMeetings(ctx, env, ZMeetingListQuery.parse({ scope: 'all', q, pageSize: limit }));
      const words = WORDS[ctx.locale];
      return {
        count: page.total,
        items: page.items.map((m) => ({
          id: String(m.id),
          title: m.topic,
          subtitle: [m.room?.name ?? words.online, `${words.host}${m.host.name}`, m.status === 'cancelled' ? words.cancelled : null].filter(Boolean).join(' · '),
          link: `/meetings/${m.id}`,
          at: m.startsAt,
          overdue: false,
        })),
      };
    },
  };
}
