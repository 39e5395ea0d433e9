import type { TFunction } from 'i18next';
import type { TMeetingDetail, TMeetingSummary, TParticipant } from '@opsdesk/contract';

/** 地点/会议号 as the notice writes it: "3号会议室 / 腾讯会议 123-456-789". */
export function placeText(m: Pick<TMeetingSummary, 'room' | 'onlineNumber' | 'onlineLink'>, withLink = false): string {
  const online = m.onlineNumber ?? (withLink || !m.room ? m.onlineLink : null);
  return [m.room?.name, online].filter(Boolean).join(' / ');
}

/** Names joined the Chinese way (顿号), a delegate marked with whom they stand in for. */
export function participantNames(list: readonly TParticipant[], t: TFunction): string {
  return list
    .map((p) => (p.delegateFor ? t('common.withNote', { text: p.person.name, note: t('meetings.attendance.delegateFor', { name: p.delegateFor.name }) }) : p.person.name))
    .join(t('print.listSep'));
}

/** 联系人及联系方式. */
export const contactText = (m: Pick<TMeetingDetail, 'contact' | 'contactPhone'>): string =>
  m.contactPhone ? `${m.contact.name} ${m.contactPhone}` : m.contact.name;
