import type { Lang } from '../i18n/lang';
import type { Block } from './blocks';
import { colon, formatDate, formatInstant, formatPct, joinAnd, quote, semicolon } from './format';
import { enumLabel, type AgreementEnum } from './labels';
import type { AgreementModel } from './model';

/** Stable ids of the agreement's sections, in their order (docs/agreements.md "The text"). */
export const AGREEMENT_SECTION_IDS = [
  'parties',
  'definitions',
  'purpose',
  'governance',
  'liability',
  'background',
  'results',
  'patents',
  'access-rights',
  'exploitation',
  'confidentiality',
  'publications',
  'change-of-control',
  'export-control',
  'zrr',
  'general-provisions',
  'signatures',
] as const;
export type AgreementSectionId = (typeof AGREEMENT_SECTION_IDS)[number];

/** What every section builder gets: the model, the language and the helpers that localize and cross-reference. */
export interface Ctx {
  m: AgreementModel;
  lang: Lang;
  /** The French or the English text (both written with the FR`…` / EN`…` tags of ./format.ts). */
  t: (fr: string, en: string) => string;
  label: (kind: AgreementEnum, value: string) => string;
  /** « article 9 » / "Article 9" for a section present in this document; null when it is absent. */
  ref: (id: AgreementSectionId) => string | null;
  date: (day: string) => string;
  instant: (at: string) => string;
  pct: (decimalText: string) => string;
  q: (text: string) => string;
  /** « : » / ": " and « ; » / "; " with their spacing. */
  colon: string;
  semicolon: string;
  and: (items: readonly string[]) => string;
  /** A party's legal name by organization id (the id itself when it is not a party). */
  partyName: (organizationId: string) => string;
}

export function makeCtx(m: AgreementModel, numbers: ReadonlyMap<AgreementSectionId, number>): Ctx {
  const lang = m.language;
  const names = new Map(m.parties.map((p) => [p.organizationId, p.legalName]));
  return {
    m,
    lang,
    t: (fr, en) => (lang === 'fr' ? fr : en),
    label: (kind, value) => enumLabel(kind, value, lang),
    ref: (id) => {
      const n = numbers.get(id);
      return n === undefined ? null : `${lang === 'fr' ? 'article' : 'Article'} ${n}`;
    },
    date: (day) => formatDate(day, lang),
    instant: (at) => formatInstant(at, lang),
    pct: (p) => formatPct(p, lang),
    q: (text) => quote(text, lang),
    colon: colon(lang),
    semicolon: semicolon(lang),
    and: (items) => joinAnd(items, lang),
    partyName: (id) => names.get(id) ?? id,
  };
}

/** Numbered clauses of article `n`: each call gives the paragraph « n.1 … », « n.2 … » in turn. */
export function clauses(n: number): (text: string) => Block {
  let k = 0;
  return (text) => ({ kind: 'paragraph', text: `${n}.${++k} ${text}` });
}

export const para = (text: string, style?: 'normal' | 'small' | 'emphasis'): Block =>
  style ? { kind: 'paragraph', text, style } : { kind: 'paragraph', text };
export const bullets = (items: string[]): Block => ({ kind: 'bullets', items });
