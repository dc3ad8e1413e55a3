import { sumPct } from '../../decimal';
import { cmp, defineRule, makeFinding, orgEvidence, pctText, quote } from '../context';
import type { Finding } from '../types';

/**
 * OWNERSHIP-SHARES (docs/reference/domain.md §1 co-ownership, §2 hygiene): the co-ownership shares of a result do not add up to
 * exactly 100 % (decimal arithmetic: 33.33 + 33.33 + 33.34 passes) → medium. Only results with at least one
 * share carrying a percentage are judged (an empty draft is not).
 */
export const META = {
  id: 'OWNERSHIP-SHARES',
  version: 1,
  title: { fr: 'Quotes-parts de copropriété ≠ 100 %', en: 'Co-ownership shares ≠ 100 %' },
  source: {
    fr: 'CPI art. L613-29 à L613-32 (copropriété) ; pratique du pôle',
    en: 'French IP Code art. L613-29 to L613-32 (co-ownership); pôle practice',
  },
} as const;

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  for (const d of ctx.declaringOrgIds) {
    for (const r of ctx.results(d)) {
      const shares = (r.ownership ?? []).filter((s): s is { organizationId?: string; pct: number } => typeof s.pct === 'number');
      if (!r.key || !shares.length) continue;
      const total = sumPct(shares.map((s) => s.pct));
      if (total.eq(100)) continue;
      const sorted = shares
        .map((s) => ({ organizationId: s.organizationId ?? null, pct: s.pct }))
        .sort((a, b) => cmp(a.organizationId ?? '', b.organizationId ?? '') || a.pct - b.pct);
      const tot = pctText(total.toNumber());
      const t = (lang: 'fr' | 'en') => (r.title ? `${quote(r.title)[lang]} (${r.key})` : r.key!);
      out.push(
        makeFinding(meta, {
          severity: 'medium',
          subject: { organizationId: d, resultKey: r.key },
          evidence: { declaringOrganization: orgEvidence(ctx, d), result: { key: r.key, title: r.title }, shares: sorted, total: total.toString() },
          explanation: {
            fr:
              `Les quotes-parts de copropriété du résultat ${t('fr')} déclaré par ${quote(ctx.orgName(d)).fr} totalisent ${tot.fr} au lieu de 100 %. ` +
              `Sans accord complet, le régime légal de la copropriété s'applique (CPI art. L613-29 à L613-32) : corrigez les quotes-parts.`,
            en:
              `The co-ownership shares of result ${t('en')} declared by ${quote(ctx.orgName(d)).en} add up to ${tot.en} instead of 100 %. ` +
              `Without a complete agreement the statutory co-ownership regime applies (French IP Code art. L613-29 to L613-32): correct the shares.`,
          },
        }),
      );
    }
  }
  return out;
});
