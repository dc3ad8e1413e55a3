import { defineRule, makeFinding, orgEvidence, quote } from '../context';
import type { Finding } from '../types';

/**
 * NO-CONFIDENTIALITY (docs/reference/domain.md §2 hygiene, §3.10): a partner's declaration without a confidentiality term
 * (`confidentiality.termYears`) → medium, one finding per declaration.
 */
export const META = {
  id: 'NO-CONFIDENTIALITY',
  version: 1,
  title: { fr: 'Pas de durée de confidentialité', en: 'No confidentiality term' },
  source: {
    fr: 'Pratique du pôle ; accord de consortium § 10 (confidentialité, survit au projet)',
    en: 'Pôle practice; consortium agreement § 10 (confidentiality, survives the project)',
  },
} as const;

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  for (const d of ctx.declaringOrgIds) {
    const decl = ctx.declarations.get(d)!;
    if (decl.content.confidentiality?.termYears !== undefined) continue;
    out.push(
      makeFinding(meta, {
        severity: 'medium',
        subject: { organizationId: d },
        evidence: { organization: orgEvidence(ctx, d), submitted: decl.submitted, confidentiality: decl.content.confidentiality ?? null },
        explanation: {
          fr: `La déclaration de ${quote(ctx.orgName(d)).fr} ne fixe pas de durée de confidentialité. L'accord de consortium doit prévoir une obligation de confidentialité qui survit au projet (1 à 20 ans).`,
          en: `The declaration of ${quote(ctx.orgName(d)).en} sets no confidentiality term. The consortium agreement needs a confidentiality obligation that survives the project (1 to 20 years).`,
        },
      }),
    );
  }
  return out;
});
