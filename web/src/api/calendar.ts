import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZCalendarDay,
  ZCalendarImportResult,
  ZCalendarMonth,
  ZCalendarYears,
  type TCalendarImport,
  type TCalendarOverrideInput,
} from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

export const calendarKeys = {
  all: ['calendar'] as const,
  month: (month: string) => ['calendar', 'month', month] as const,
  years: ['calendar', 'years'] as const,
};

export function useCalendarMonth(month: string) {
  return useQuery({
    queryKey: calendarKeys.month(month),
    queryFn: () => api(withQuery('/api/calendar/month', { month }), { schema: ZCalendarMonth }),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useCalendarYears() {
  return useQuery({
    queryKey: calendarKeys.years,
    queryFn: () => api('/api/calendar/years', { schema: ZCalendarYears }),
    staleTime: 5 * 60_000,
  });
}

/** An override or an import changes neighbouring months too (the grid shows 42 days). */
function useInvalidateCalendar() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: calendarKeys.all });
}

export function useSetOverride() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: ({ date, body }: { date: string; body: TCalendarOverrideInput }) =>
      api(`/api/calendar/overrides/${date}`, { method: 'PUT', body, schema: ZCalendarDay }),
    onSuccess: invalidate,
  });
}

export function useClearOverride() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: (date: string) => api(`/api/calendar/overrides/${date}`, { method: 'DELETE', schema: ZCalendarDay }),
    onSuccess: invalidate,
  });
}

export function useImportSchedule() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: (body: TCalendarImport) =>
      api('/api/calendar/import', { method: 'POST', body, schema: ZCalendarImportResult }),
    onSuccess: invalidate,
  });
}
