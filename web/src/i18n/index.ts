import { useSyncExternalStore } from 'react';
import { en } from './en';
import { formatMessage } from './format';
import { fr, type MessageKey } from './fr';

/** The UI language: French by default, English on request; kept for the tab (sessionStorage). */
export type Lang = 'fr' | 'en';
export type { MessageKey };
const KEY = 'vigie.lang';
const catalogs: Record<Lang, Record<MessageKey, string>> = { fr, en };

let lang: Lang = window.sessionStorage.getItem(KEY) === 'en' ? 'en' : 'fr';
const listeners = new Set<() => void>();
document.documentElement.lang = lang;

export const getLang = (): Lang => lang;

export function setLang(l: Lang): void {
  lang = l;
  window.sessionStorage.setItem(KEY, l);
  document.documentElement.lang = l;
  listeners.forEach((f) => f());
}

/** `t('key', { n: 2 })`: the text in the current language, `{n}` replaced, `{n|one|other}` chosen (format.ts). */
export function translate(l: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return formatMessage(l, catalogs[l][key], vars);
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A calendar date (`2027-03-01`) or an instant, in the user's locale (dd/mm/yyyy in French). */
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(l: Lang, withTime: boolean): Intl.DateTimeFormat {
  const k = `${l}:${withTime}`;
  let f = formatters.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(l === 'fr' ? 'fr-FR' : 'en-GB', withTime ? { dateStyle: 'short', timeStyle: 'short' } : { dateStyle: 'short' });
    formatters.set(k, f);
  }
  return f;
}

/** A date-only string is a calendar day, not UTC midnight: build it in local time. */
function parse(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(iso);
}

export function useI18n(): I18n {
  const l = useSyncExternalStore(
    (f) => {
      listeners.add(f);
      return () => listeners.delete(f);
    },
    () => lang,
  );
  return {
    lang: l,
    t: (key, vars) => translate(l, key, vars),
    date: (iso) => fmt(l, false).format(parse(iso)),
    dateTime: (iso) => fmt(l, true).format(parse(iso)),
  };
}
