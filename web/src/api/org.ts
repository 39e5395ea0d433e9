import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZDepartment,
  ZOk,
  ZPeoplePage,
  ZPerson,
  ZPersonWithPassword,
  type TDepartmentInput,
  type TDepartmentUpdate,
  type TPeopleQuery,
  type TPersonInput,
  type TPersonUpdate,
} from '@opsdesk/contract';
import { api, withQuery } from './client.ts';

const ZDepartmentList = ZDepartment.array();

export const orgKeys = {
  departments: ['departments'] as const,
  people: (query: TPeopleQuery) => ['people', 'list', query] as const,
  peopleAll: ['people'] as const,
};

export function useDepartments() {
  return useQuery({
    queryKey: orgKeys.departments,
    queryFn: () => api('/api/departments', { schema: ZDepartmentList }),
    staleTime: 60_000,
  });
}

export function usePeople(query: TPeopleQuery, enabled = true) {
  return useQuery({
    queryKey: orgKeys.people(query),
    queryFn: () => api(withQuery('/api/people', query), { schema: ZPeoplePage }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Person and department changes move member counts and names on both pages. */
function useInvalidateOrg() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: orgKeys.departments }),
      queryClient.invalidateQueries({ queryKey: orgKeys.peopleAll }),
    ]);
}

export function useSaveDepartment() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: TDepartmentInput | TDepartmentUpdate }) =>
      id === undefined
        ? api('/api/departments', { method: 'POST', body, schema: ZDepartment })
        : api(`/api/departments/${id}`, { method: 'PATCH', body, schema: ZDepartment }),
    onSuccess: invalidate,
  });
}

export function useDeleteDepartment() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (id: number) => api(`/api/departments/${id}`, { method: 'DELETE', schema: ZOk }),
    onSuccess: invalidate,
  });
}

export function useCreatePerson() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (body: TPersonInput) => api('/api/people', { method: 'POST', body, schema: ZPersonWithPassword }),
    onSuccess: invalidate,
  });
}

export function useUpdatePerson() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TPersonUpdate }) =>
      api(`/api/people/${id}`, { method: 'PATCH', body, schema: ZPerson }),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (id: number) =>
      api(`/api/people/${id}/reset-password`, { method: 'POST', schema: ZPersonWithPassword }),
    onSuccess: invalidate,
  });
}

export function useUnlockPerson() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (id: number) => api(`/api/people/${id}/unlock`, { method: 'POST', schema: ZPerson }),
    onSuccess: invalidate,
  });
}

export function usePerson(id: number | undefined) {
  return useQuery({
    queryKey: ['people', 'one', id],
    queryFn: () => api(`/api/people/${id ?? 0}`, { schema: ZPerson }),
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
  });
}
