import { z } from 'zod';
import { ZLocale } from './common.ts';
import { ZRole } from './org.ts';

export const PASSWORD_MIN = 8;

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** The signed-in user as the web app sees it. */
export const ZMe = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  title: z.string().nullable(),
  roles: z.array(ZRole),
  locale: ZLocale,
  mustChangePassword: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZSession = z.object({ user: ZMe, csrfToken: z.string() });
export type TSession = z.infer<typeof ZSession>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(PASSWORD_MIN).max(200),
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZLocaleRequest = z.object({ locale: ZLocale });
export type TLocaleRequest = z.infer<typeof ZLocaleRequest>;
