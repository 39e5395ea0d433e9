/**
 * The company time zone the task rules count days in (ALL-6). Set from the app's config when the
 * task routes are registered, so services called from other modules (createTaskWithin, MTG-10)
 * count days the same way as the HTTP ones.
 */
let companyZone = 'Asia/Shanghai';

export const taskTimeZone = (): string => companyZone;

export function useTaskTimeZone(timeZone: string): void {
  companyZone = timeZone;
}
