import { defineRule, makeFinding, orgEvidence, quote } from '../context';
import type { Finding } from '../types';

/**
 * CONDITIONS-MISSING (docs/reference/domain.md §1 background, §2 hygiene): a background item without its execution or
 * exploitation conditions (no regime, or `case-by-case` without saying what the cases are) → low, one finding
 * per item naming the missing fields.
 */
export const META = {
  id: 'CONDITIONS-MISSING',
  version: 1,
  title: { fr: 'Conditions d\u2019accès manquantes', en: 'Access conditions missing' },
  source: {
    fr: 'Pratique du pôle ; accord de consortium, annexe des connaissances antérieures (modèle DESCA)',
    en: 'Pôle practice; consortium agreement, background annex (DESCA model)',
  },
} as const;

const FIELDS = ['executionConditions', 'exploitationConditions'] as const;
const LABEL = {
  executionConditions: { fr: "conditions d'exécution", en: 'execution conditions' },
  exploitationConditions: { fr: "conditions d'exploitation", en: 'exploitation conditions' },
};

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  for (const d of ctx.declaringOrgIds) {
    for (const item of ctx.backgroundItems(d)) {
      if (!item.key) continue;
      const missing: { field: string; problem: 'missing' | 'case-by-case-without-text' }[] = [];
      for (const f of FIELDS) {
        const c = item[f];
        if (!c?.regime) missing.push({ field: f, problem: 'missing' });
        else if (c.regime === 'case-by-case' && !c.text) missing.push({ field: f, problem: 'case-by-case-without-text' });
      }
      if (!missing.length) continue;
      const t = (lang: 'fr' | 'en') => (item.title ? `${quote(item.title)[lang]} (${item.key})` : item.key!);
      const what = (lang: 'fr' | 'en') =>
        missing
          .map((m) => {
            const l = LABEL[m.field as keyof typeof LABEL][lang];
            return m.problem === 'missing' ? l : lang === 'fr' ? `${l} (« au cas par cas » sans précision)` : `${l} ("case by case" without details)`;
          })
          .join(lang === 'fr' ? ' et ' : ' and ');
      out.push(
        makeFinding(meta, {
          severity: 'low',
          subject: { organizationId: d, itemKey: item.key },
          evidence: { declaringOrganization: orgEvidence(ctx, d), item: { key: item.key, title: item.title }, missing },
          explanation: {
            fr: `La connaissance antérieure ${t('fr')} de ${quote(ctx.orgName(d)).fr} n'indique pas ses ${what('fr')}. L'annexe des connaissances antérieures de l'accord doit les préciser pour chaque élément.`,
            en: `Background item ${t('en')} of ${quote(ctx.orgName(d)).en} does not state its ${what('en')}. The background annex of the agreement must state them for every item.`,
          },
        }),
      );
    }
  }
  return out;
});
