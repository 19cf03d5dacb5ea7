import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../shared/types';
import en from './locales/en';
import zhCN from './locales/zh-CN';

export const LOCALE_STORAGE_KEY = 'beizeng.locale';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(LOCALE_STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

function applySideEffects(locale: Locale) {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = i18next.t('app.name');
  }
}

export function initI18n(locale: Locale = storedLocale() ?? 'zh-CN') {
  if (!i18next.isInitialized) {
    i18next.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: locale,
      fallbackLng: 'zh-CN',
      supportedLngs: LOCALES,
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  }
  applySideEffects(locale);
  return i18next;
}

export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

/** Switches the UI language and remembers the choice on this device. */
export async function setLocale(locale: Locale, remember = true) {
  if (remember) {
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }
  await i18next.changeLanguage(locale);
  applySideEffects(locale);
}
