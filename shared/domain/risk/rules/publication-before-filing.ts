import { cmp, defineRule, listSome, makeFinding, orgEvidence, quote } from '../context';
import type { Finding } from '../types';

/**
 * PUBLICATION-BEFORE-FILING (docs/reference/domain.md §2 hygiene): a result with a planned patent filing date and a planned
 * publication strictly before it (the same day is allowed: only a disclosure before the filing date destroys
 * novelty, CPI L611-11) → high. One finding per result.
 *
 * Version 2 also reads the publication notices (docs/publications.md): a notice that discloses a result of the
 * publishing partner whose filing is still planned after the notice's publication date (the planned date, or
 * later when a protection-first objection delays it) → high, one finding per (notice, result), naming the notice.
 */
export const META = {
  id: 'PUBLICATION-BEFORE-FILING',
  version: 2,
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
  for (const n of ctx.input.publications ?? []) {
    for (const key of [...n.resultKeys].sort(cmp)) {
      const r = ctx.result(n.organizationId, key);
      const filing = r?.plannedFilingDate;
      if (!filing || filing <= n.earliestPublicationDate) continue;
      const t = (lang: 'fr' | 'en') => (r?.title ? `${quote(r.title)[lang]} (${key})` : key);
      out.push(
        makeFinding(meta, {
          severity: 'high',
          subject: { organizationId: n.organizationId, resultKey: key, publicationId: n.id },
          evidence: {
            declaringOrganization: orgEvidence(ctx, n.organizationId),
            result: { key, title: r?.title },
            plannedFilingDate: filing,
            publication: {
              id: n.id,
              title: n.title,
              venue: n.venue,
              plannedDate: n.plannedDate,
              earliestPublicationDate: n.earliestPublicationDate,
              state: n.state,
            },
          },
          explanation: {
            fr:
              `La notification de publication ${quote(n.title).fr} (${quote(n.venue).fr}, ${n.earliestPublicationDate}) de ${quote(ctx.orgName(n.organizationId)).fr} divulgue le résultat ${t('fr')}, ` +
              `dont le dépôt de brevet n'est prévu que le ${filing} : une divulgation antérieure au dépôt détruit la nouveauté (CPI art. L611-11). ` +
              `Déposez avant la publication, ou qu'un partenaire demande à protéger d'abord (accord de consortium § 11).`,
            en:
              `The publication notice ${quote(n.title).en} (${quote(n.venue).en}, ${n.earliestPublicationDate}) of ${quote(ctx.orgName(n.organizationId)).en} discloses result ${t('en')}, ` +
              `whose patent filing is planned only on ${filing}: a disclosure before filing destroys novelty (French IP Code art. L611-11). ` +
              `File before the publication, or have a partner ask for protection first (consortium agreement § 11).`,
          },
        }),
      );
    }
  }
  return out;
});
