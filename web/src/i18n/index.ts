import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { LOCALES, type TLocale } from '@opsdesk/contract';
import zhCN, { type Messages } from './zh-CN.ts';
import enUS from './en-US.ts';
import meetingsZhCN from './meetings.zh-CN.ts';
import meetingsEnUS from './meetings.en-US.ts';
import documentsZhCN from './documents.zh-CN.ts';
import documentsEnUS from './documents.en-US.ts';
import tasksZhCN, { type TaskMessages } from './tasks.zh-CN.ts';
import tasksEnUS from './tasks.en-US.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages & { meetings: typeof meetingsZhCN; documents: typeof documentsZhCN; tasks: TaskMessages } };
  }
}

const STORAGE_KEY = 'opsdesk.locale';
const DAYJS_LOCALE: Record<TLocale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

export const isLocale = (value: unknown): value is TLocale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Before sign-in the last choice on this browser wins; zh-CN otherwise. */
function initialLocale(): TLocale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be blocked (private mode); fall through to the default
  }
  return 'zh-CN';
}

export function currentLocale(): TLocale {
  return isLocale(i18n.language) ? i18n.language : 'zh-CN';
}

/** Switches i18next, dayjs and the <html lang>; remembered on this browser for the login page. */
export async function applyLocale(locale: TLocale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not fatal: only the login page's default is lost
  }
  dayjs.locale(DAYJS_LOCALE[locale]);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

const start = initialLocale();
dayjs.locale(DAYJS_LOCALE[start]);
document.documentElement.lang = start;

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...zhCN, meetings: meetingsZhCN, documents: documentsZhCN, tasks: tasksZhCN } },
    'en-US': { translation: { ...enUS, meetings: meetingsEnUS, documents: documentsEnUS, tasks: tasksEnUS } },
  },
  lng: start,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
