import { cmp, defineRule, join, makeFinding, orgEvidence, quote } from '../context';
import type { Finding } from '../types';

/**
 * BACKGROUND-CONFLICT (docs/reference/domain.md §2 hygiene): two partners claim the same background identifier (patent
 * publication or application number, registration, software deposit, DOI) → medium, one finding per claiming
 * item. Identifiers compare by kind and by value in upper case without spaces, dots, commas, dashes, slashes
 * or underscores (`EP 1 234 567 B1` = `EP1234567B1`). Internal references and `other` are not compared (two
 * partners may use the same internal code). Joint background is not a conflict: when each claimant's item
 * lists every other claimant as an owner, the claims agree.
 */
export const META = {
  id: 'BACKGROUND-CONFLICT',
  version: 1,
  title: { fr: 'Connaissance antérieure revendiquée par deux partenaires', en: 'Background claimed by two partners' },
  source: {
    fr: 'Pratique du pôle ; accord de consortium, annexe des connaissances antérieures (modèle DESCA)',
    en: 'Pôle practice; consortium agreement, background annex (DESCA model)',
  },
} as const;

const COMPARED_KINDS = new Set(['patent-publication', 'patent-application', 'trademark-registration', 'design-registration', 'software-deposit', 'doi']);
export const normalizeIdentifier = (kind: string, value: string): string => `${kind}:${value.toUpperCase().replace(/[\s.,\-/_]/g, '')}`;

interface Claim {
  orgId: string;
  itemKey: string;
  title: string | undefined;
  owners: Set<string>;
  raw: string;
}

export const rule = defineRule(META, (ctx, meta) => {
  const byId = new Map<string, Claim[]>();
  for (const d of ctx.declaringOrgIds) {
    for (const item of ctx.backgroundItems(d)) {
      if (!item.key) continue;
      const owners = new Set((item.owners ?? []).flatMap((o) => ('organizationId' in o ? [o.organizationId] : [])));
      const seen = new Set<string>();
      for (const id of item.identifiers ?? []) {
        if (!COMPARED_KINDS.has(id.kind) || !id.value) continue;
        const n = normalizeIdentifier(id.kind, id.value);
        if (seen.has(n)) continue;
        seen.add(n);
        const list = byId.get(n) ?? [];
        list.push({ orgId: d, itemKey: item.key, title: item.title, owners, raw: id.value });
        byId.set(n, list);
      }
    }
  }
  // For each item: the identifiers it shares with another partner's item without agreement, and those partners' items.
  const conflicts = new Map<string, { claim: Claim; identifiers: Set<string>; others: Map<string, Claim> }>();
  for (const [n, claims] of [...byId.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    if (new Set(claims.map((c) => c.orgId)).size < 2) continue;
    for (const a of claims) {
      for (const b of claims) {
        if (a.orgId === b.orgId) continue;
        const agree = a.owners.has(b.orgId) && b.owners.has(a.orgId);
        if (agree) continue;
        const k = `${a.orgId}\u0000${a.itemKey}`;
        const entry = conflicts.get(k) ?? { claim: a, identifiers: new Set<string>(), others: new Map<string, Claim>() };
        entry.identifiers.add(n);
        entry.others.set(`${b.orgId}\u0000${b.itemKey}`, b);
        conflicts.set(k, entry);
      }
    }
  }
  const out: Finding[] = [];
  for (const k of [...conflicts.keys()].sort(cmp)) {
    const { claim, identifiers, others } = conflicts.get(k)!;
    const otherList = [...others.keys()].sort(cmp).map((x) => others.get(x)!);
    const ids = [...identifiers].sort(cmp);
    const t = (lang: 'fr' | 'en') => (claim.title ? `${quote(claim.title)[lang]} (${claim.itemKey})` : claim.itemKey);
    const who = (lang: 'fr' | 'en') =>
      join(
        otherList.map((o) => `${quote(ctx.orgName(o.orgId))[lang]} (${o.itemKey})`),
        lang,
      );
    const idText = ids.map((x) => x.slice(x.indexOf(':') + 1)).join(', ');
    out.push(
      makeFinding(meta, {
        severity: 'medium',
        subject: { organizationId: claim.orgId, itemKey: claim.itemKey },
        evidence: {
          declaringOrganization: orgEvidence(ctx, claim.orgId),
          item: { key: claim.itemKey, title: claim.title },
          identifiers: ids,
          otherClaims: otherList.map((o) => ({ organizationId: o.orgId, name: ctx.orgName(o.orgId), itemKey: o.itemKey, title: o.title })),
        },
        explanation: {
          fr:
            `La connaissance antérieure ${t('fr')} déclarée par ${quote(ctx.orgName(claim.orgId)).fr} porte le même identifiant (${idText}) qu'un élément déclaré par ${who('fr')}, ` +
            `sans que chacun désigne l'autre comme copropriétaire. Clarifiez la titularité avant de signer l'accord de consortium (annexe des connaissances antérieures).`,
          en:
            `Background item ${t('en')} declared by ${quote(ctx.orgName(claim.orgId)).en} has the same identifier (${idText}) as an item declared by ${who('en')}, ` +
            `and they do not name each other as co-owners. Clarify ownership before signing the consortium agreement (background annex).`,
        },
      }),
    );
  }
  return out;
});
