import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZDelivery,
  ZDeliveryChannel,
  ZDeliveryPage,
  ZNotificationPreferences,
  ZOk,
  type TDeliveryChannelInput,
  type TDeliveryChannelUpdate,
  type TDeliveryQuery,
  type TNotificationPreferencesUpdate,
} from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

const prefsKey = ['me', 'notification-preferences'] as const;
const channelsKey = ['delivery', 'channels'] as const;
const deliveriesKey = ['delivery', 'deliveries'] as const;

export function useNotificationPreferences() {
  return useQuery({ queryKey: prefsKey, queryFn: () => api('/api/me/notification-preferences', { schema: ZNotificationPreferences }) });
}

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TNotificationPreferencesUpdate) => api('/api/me/notification-preferences', { method: 'PUT', body, schema: ZNotificationPreferences }),
    onSuccess: (prefs) => queryClient.setQueryData(prefsKey, prefs),
  });
}

export function useDeliveryChannels() {
  return useQuery({ queryKey: channelsKey, queryFn: () => api('/api/admin/delivery-channels', { schema: ZDeliveryChannel.array() }) });
}

function useInvalidateDelivery() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['delivery'] });
}

export function useSaveChannel() {
  const invalidate = useInvalidateDelivery();
  return useMutation({
    mutationFn: (arg: { id: number; body: TDeliveryChannelUpdate } | { id: null; body: TDeliveryChannelInput }) =>
      arg.id === null
        ? api('/api/admin/delivery-channels', { method: 'POST', body: arg.body, schema: ZDeliveryChannel })
        : api(`/api/admin/delivery-channels/${arg.id}`, { method: 'PATCH', body: arg.body, schema: ZDeliveryChannel }),
    onSuccess: invalidate,
  });
}

export function useDeleteChannel() {
  const invalidate = useInvalidateDelivery();
  return useMutation({
    mutationFn: (id: number) => api(`/api/admin/delivery-channels/${id}`, { method: 'DELETE', schema: ZOk }),
    onSuccess: invalidate,
  });
}

export function useTestChannel() {
  const invalidate = useInvalidateDelivery();
  return useMutation({
    mutationFn: (id: number) => api(`/api/admin/delivery-channels/${id}/test`, { method: 'POST', body: {}, schema: ZDelivery }),
    onSettled: invalidate,
  });
}

export function useDeliveries(query: TDeliveryQuery) {
  return useQuery({
    queryKey: [...deliveriesKey, query],
    queryFn: () => api(withQuery('/api/admin/deliveries', query), { schema: ZDeliveryPage }),
    placeholderData: keepPreviousData,
  });
}

export function useRetryDelivery() {
  const invalidate = useInvalidateDelivery();
  return useMutation({
    mutationFn: (id: number) => api(`/api/admin/deliveries/${id}/retry`, { method: 'POST', body: {}, schema: ZDelivery }),
    onSuccess: invalidate,
  });
}
