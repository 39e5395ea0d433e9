import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZCarryOverList,
  ZFileMeta,
  ZFollowUpWeek,
  ZMeetingCalendar,
  ZMeetingCheck,
  ZMeetingDetail,
  ZMeetingPage,
  ZMeetingSaved,
  ZMinutes,
  ZRoom,
  ZRoomFree,
  ZRoomList,
  ZRoomTimeline,
  ZSeries,
  ZSignInCode,
  ZSignInResult,
  type TAttendanceMarkInput,
  type TCancelInput,
  type TCarryOverQuery,
  type TConfirmDecisionInput,
  type TFollowUpWeekQuery,
  type TLeaveInput,
  type TMeetingCalendarQuery,
  type TMeetingCheckInput,
  type TMeetingDetail,
  type TMeetingInput,
  type TExportFormat,
  type TMeetingListQuery,
  type TMeetingUpdate,
  type TMinutesInput,
  type TNoticeInput,
  type TRoomFreeQuery,
  type TRoomInput,
  type TRoomTimelineQuery,
  type TRoomUpdate,
  type TSeriesInput,
  type TSignInInput,
} from '@opsdesk/contract';
import { api, withQuery } from './client.ts';
import { downloadFile } from './download.ts';

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (query: TMeetingListQuery) => ['meetings', 'list', query] as const,
  calendar: (query: TMeetingCalendarQuery) => ['meetings', 'calendar', query] as const,
  detail: (id: number) => ['meetings', 'detail', id] as const,
  minutes: (id: number) => ['meetings', 'minutes', id] as const,
  signInCode: (id: number) => ['meetings', 'sign-in-code', id] as const,
  carryOvers: (query: TCarryOverQuery) => ['meetings', 'carry-overs', query] as const,
  followUp: (query: TFollowUpWeekQuery) => ['meetings', 'follow-up', query] as const,
  check: (input: TMeetingCheckInput) => ['meetings', 'check', input] as const,
  rooms: ['rooms'] as const,
  roomList: ['rooms', 'list'] as const,
  timeline: (query: TRoomTimelineQuery) => ['rooms', 'timeline', query] as const,
  free: (query: TRoomFreeQuery) => ['rooms', 'free', query] as const,
};

// ───────────── rooms (MTG-2) ─────────────

export function useRooms() {
  return useQuery({ queryKey: meetingKeys.roomList, queryFn: () => api('/api/rooms', { schema: ZRoomList }), staleTime: 60_000 });
}

export function useRoomTimeline(query: TRoomTimelineQuery) {
  return useQuery({
    queryKey: meetingKeys.timeline(query),
    queryFn: () => api(withQuery('/api/rooms/timeline', query), { schema: ZRoomTimeline }),
    placeholderData: keepPreviousData,
  });
}

export function useFreeRooms(query: TRoomFreeQuery | null) {
  return useQuery({
    queryKey: meetingKeys.free(query ?? {}),
    queryFn: () => api(withQuery('/api/rooms/free', query ?? {}), { schema: ZRoomFree }),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSaveRoom() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: TRoomInput | TRoomUpdate }) =>
      id === undefined
        ? api('/api/rooms', { method: 'POST', body, schema: ZRoom })
        : api(`/api/rooms/${id}`, { method: 'PATCH', body, schema: ZRoom }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingKeys.rooms }),
  });
}

// ───────────── meetings (MTG-1/2/4) ─────────────

export function useMeetings(query: TMeetingListQuery, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.list(query),
    queryFn: () => api(withQuery('/api/meetings', query), { schema: ZMeetingPage }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMeetingCalendar(query: TMeetingCalendarQuery) {
  return useQuery({
    queryKey: meetingKeys.calendar(query),
    queryFn: () => api(withQuery('/api/meetings/calendar', query), { schema: ZMeetingCalendar }),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: number) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: () => api(`/api/meetings/${id}`, { schema: ZMeetingDetail }),
    enabled: id > 0,
  });
}

/** The warnings a save would give (MTG-2/3/4), asked while the form is being filled. */
export function useMeetingCheck(input: TMeetingCheckInput | null) {
  return useQuery({
    queryKey: meetingKeys.check(input ?? {}),
    queryFn: () => api('/api/meetings/check', { method: 'POST', body: input, schema: ZMeetingCheck }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function useCarryOvers(query: TCarryOverQuery, enabled = true) {
  return useQuery({
    queryKey: meetingKeys.carryOvers(query),
    queryFn: () => api(withQuery('/api/meetings/carry-overs', query), { schema: ZCarryOverList }),
    enabled,
  });
}

/** A meeting change moves its page, the lists, the calendar, the room timeline and the workbench. */
function useMeetingChanged() {
  const queryClient = useQueryClient();
  return (meeting?: TMeetingDetail) => {
    if (meeting) queryClient.setQueryData(meetingKeys.detail(meeting.id), meeting);
    void queryClient.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'meetings' && !(meeting && q.queryKey[1] === 'detail' && q.queryKey[2] === meeting.id),
    });
    void queryClient.invalidateQueries({ queryKey: meetingKeys.rooms });
    void queryClient.invalidateQueries({ queryKey: ['workbench'] });
  };
}

export function useCreateMeeting() {
  const changed = useMeetingChanged();
  return useMutation({
    mutationFn: (body: TMeetingInput) => api('/api/meetings', { method: 'POST', body, schema: ZMeetingSaved }),
    onSuccess: (saved) => changed(saved.meeting),
  });
}

export function useCreateSeries() {
  const changed = useMeetingChanged();
  return useMutation({
    mutationFn: (body: TSeriesInput) => api('/api/meeting-series', { method: 'POST', body, schema: ZSeries }),
    onSuccess: () => changed(),
  });
}

export function useUpdateMeeting(id: number) {
  const changed = useMeetingChanged();
  return useMutation({
    mutationFn: (body: TMeetingUpdate) => api(`/api/meetings/${id}`, { method: 'PATCH', body, schema: ZMeetingSaved }),
    onSuccess: (saved) => changed(saved.meeting),
  });
}

/** Every action on a meeting answers its new detail. */
export type MeetingAction =
  | { kind: 'notice'; body: TNoticeInput }
  | { kind: 'cancel'; body: TCancelInput }
  | { kind: 'leave'; body: TLeaveInput }
  | { kind: 'withdraw-leave' }
  | { kind: 'send-materials' }
  | { kind: 'material-file'; materialId: number; fileId: string }
  | { kind: 'attendance'; personId: number; body: TAttendanceMarkInput };

function actionRequest(id: number, action: MeetingAction): { path: string; method: 'POST' | 'PUT' | 'DELETE'; body?: unknown } {
  const base = `/api/meetings/${id}`;
  switch (action.kind) {
    case 'notice':
      return { path: `${base}/notice`, method: 'POST', body: action.body };
    case 'cancel':
      return { path: `${base}/cancel`, method: 'POST', body: action.body };
    case 'leave':
      return { path: `${base}/leave`, method: 'POST', body: action.body };
    case 'withdraw-leave':
      return { path: `${base}/leave`, method: 'DELETE' };
    case 'send-materials':
      return { path: `${base}/materials/send`, method: 'POST', body: {} };
    case 'material-file':
      return { path: `${base}/materials/${action.materialId}/file`, method: 'PUT', body: { fileId: action.fileId } };
    case 'attendance':
      return { path: `${base}/attendance/${action.personId}`, method: 'PUT', body: action.body };
  }
}

export function useMeetingAction(id: number) {
  const changed = useMeetingChanged();
  return useMutation({
    mutationFn: (action: MeetingAction) => {
      const { path, method, body } = actionRequest(id, action);
      return api(path, { method, body, schema: ZMeetingDetail });
    },
    onSuccess: (meeting) => changed(meeting),
  });
}

/** An uploaded file (POST /api/files), attached to a material afterwards. */
export async function uploadFile(file: File) {
  const form = new FormData();
  form.append('file', file);
  return api('/api/files', { method: 'POST', body: form, schema: ZFileMeta });
}

// ───────────── sign-in (MTG-7) ─────────────

export function useSignInCode(id: number) {
  return useQuery({
    queryKey: meetingKeys.signInCode(id),
    queryFn: () => api(`/api/meetings/${id}/sign-in-code`, { schema: ZSignInCode }),
    // The token rotates: refetch when it expires (at most every 30 s), and keep retrying while closed.
    refetchInterval: (query) => {
      const code = query.state.data;
      if (!code) return 10_000;
      return Math.max(1_000, Math.min(code.rotateSeconds * 1000, new Date(code.expiresAt).getTime() - Date.now()));
    },
    refetchIntervalInBackground: true,
    retry: false,
    gcTime: 0,
  });
}

export function useSignIn(id: number) {
  const changed = useMeetingChanged();
  return useMutation({
    mutationFn: (body: TSignInInput) => api(`/api/meetings/${id}/sign-in`, { method: 'POST', body, schema: ZSignInResult }),
    onSuccess: () => changed(),
  });
}

// ───────────── minutes and resolutions (MTG-8 … MTG-11) ─────────────

/** `live`: the resolutions' task status is refreshed every minute while the page is open (MTG-10). */
export function useMinutes(id: number, enabled = true, live = false) {
  return useQuery({
    queryKey: meetingKeys.minutes(id),
    queryFn: () => api(`/api/meetings/${id}/minutes`, { schema: ZMinutes }),
    enabled,
    refetchInterval: live ? 60_000 : false,
  });
}

export type MinutesAction =
  | { kind: 'save'; body: TMinutesInput }
  | { kind: 'confirm'; agendaItemId: number; body: TConfirmDecisionInput }
  | { kind: 'submit' }
  | { kind: 'distribute' };

function minutesRequest(id: number, action: MinutesAction): { path: string; method: 'POST' | 'PUT'; body: unknown } {
  const base = `/api/meetings/${id}/minutes`;
  switch (action.kind) {
    case 'save':
      return { path: base, method: 'PUT', body: action.body };
    case 'confirm':
      return { path: `${base}/items/${action.agendaItemId}/confirm`, method: 'POST', body: action.body };
    case 'submit':
      return { path: `${base}/submit`, method: 'POST', body: {} };
    case 'distribute':
      return { path: `${base}/distribute`, method: 'POST', body: {} };
  }
}

export function useMinutesAction(id: number) {
  const queryClient = useQueryClient();
  const changed = useMeetingChanged();
  return useMutation({
    mutationFn: (action: MinutesAction) => {
      const { path, method, body } = minutesRequest(id, action);
      return api(path, { method, body, schema: ZMinutes });
    },
    onSuccess: (minutes, action) => {
      queryClient.setQueryData(meetingKeys.minutes(id), minutes);
      changed();
      // Submitting opens an approval; distributing creates tasks.
      if (action.kind === 'submit') void queryClient.invalidateQueries({ queryKey: ['approvals'] });
      if (action.kind === 'distribute') void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export function useFollowUpWeek(query: TFollowUpWeekQuery) {
  return useQuery({
    queryKey: meetingKeys.followUp(query),
    queryFn: () => api(withQuery('/api/meetings/follow-up', query), { schema: ZFollowUpWeek }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

// ───────────── files: .ics and the two 表 (MTG-3, templates) ─────────────

/** The list with its scope and filters as the 会议通知表, one meeting per row; resolves with the file's name. */
export const exportMeetings = (query: Omit<TMeetingListQuery, 'page' | 'pageSize'>, format: TExportFormat, fallbackName: string) =>
  downloadFile(withQuery('/api/meetings/export', { ...query, format }), `${fallbackName}.${format}`);
export const downloadIcs = (id: number) => downloadFile(`/api/meetings/${id}/ics`, `meeting-${id}.ics`);
export const exportNotice = (id: number, name: string) => downloadFile(`/api/meetings/${id}/notice.xlsx`, `${name}.xlsx`);
export const exportMinutes = (id: number, name: string) => downloadFile(`/api/meetings/${id}/minutes.xlsx`, `${name}.xlsx`);
