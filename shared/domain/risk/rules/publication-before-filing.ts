import { cmp, defineRule, listSome, makeFinding, orgEvidence, quote } from '../context';
import type { Finding } from '../types';

/**
 * PUBLICATION-BEFORE-FILING (docs/reference/domain.md §2 hygiene): a result with a planned patent filing date and a planned
 * publication strictly before it (the same day is allowed: only a disclosure before the filing date destroys
 * novelty, CPI L611-11) → high. One finding per result.
 */
export const META = {
  id: 'PUBLICATION-BEFORE-FILING',
  version: 1,
  title: { fr: 'Publication prévue avant le dépôt de brevet', en: 'Publication planned before the patent filing' },
  source: {
    fr: 'CPI art. L611-11 (nouveauté) ; pratique du pôle ; accord de consortium § 11 (publications)',
    en: 'French IP Code art. L611-11 (novelty); pôle practice; consortium agreement § 11 (publications)',
  },
} as const;

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  for (const d of ctx.declaringOrgIds) {
    for (const r of ctx.results(d)) {
      const filing = r.plannedFilingDate;
      if (!r.key || !filing) continue;
      const early = (r.plannedPublications ?? [])
        .filter((p) => p.date !== undefined && p.date < filing)
        .map((p) => ({ venue: p.venue ?? '', date: p.date! }))
        .sort((a, b) => cmp(a.date, b.date) || cmp(a.venue, b.venue));
      if (!early.length) continue;
      const t = (lang: 'fr' | 'en') => (r.title ? `${quote(r.title)[lang]} (${r.key})` : r.key!);
      const pubs = (lang: 'fr' | 'en') =>
        listSome(
          early.map((p) => `${p.venue ? `${quote(p.venue)[lang]}, ` : ''}${p.date}`),
          lang,
        );
      out.push(
        makeFinding(meta, {
          severity: 'high',
          subject: { organizationId: d, resultKey: r.key },
          evidence: {
            declaringOrganization: orgEvidence(ctx, d),
            result: { key: r.key, title: r.title },
            plannedFilingDate: filing,
            publicationsBeforeFiling: early,
          },
          explanation: {
            fr:
              `Le résultat ${t('fr')} déclaré par ${quote(ctx.orgName(d)).fr} prévoit une publication (${pubs('fr')}) avant le dépôt de brevet prévu le ${filing} : ` +
              `une divulgation antérieure au dépôt détruit la nouveauté (CPI art. L611-11). Déposez avant de publier ou reportez la publication.`,
            en:
              `Result ${t('en')} declared by ${quote(ctx.orgName(d)).en} plans a publication (${pubs('en')}) before the patent filing planned on ${filing}: ` +
              `a disclosure before filing destroys novelty (French IP Code art. L611-11). File first or postpone the publication.`,
          },
        }),
      );
    }
  }
  return out;
});
