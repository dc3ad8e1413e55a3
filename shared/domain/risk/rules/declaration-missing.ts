import { defineRule, makeFinding, orgEvidence, quote } from '../context';
import type { Finding } from '../types';

/**
 * DECLARATION-MISSING (docs/reference/domain.md §2 hygiene): once the workflow has left the declarations stage
 * (`workflowStage` given and neither `declarations` nor `draft`), a partner without a submitted declaration →
 * high. Without a `workflowStage` the rule does not apply.
 */
export const META = {
  id: 'DECLARATION-MISSING',
  version: 1,
  title: { fr: 'Déclaration de partenaire manquante', en: 'Partner declaration missing' },
  source: {
    fr: 'Pratique du pôle (déclaration signée de chaque partenaire avant l\u2019accord de consortium)',
    en: "Pôle practice (each partner's signed declaration before the consortium agreement)",
  },
} as const;

export const STAGES_BEFORE_DECLARATIONS_CLOSE: readonly string[] = ['draft', 'declarations'];

export const rule = defineRule(META, (ctx, meta) => {
  const stage = ctx.input.workflowStage;
  if (!stage || STAGES_BEFORE_DECLARATIONS_CLOSE.includes(stage)) return [];
  const out: Finding[] = [];
  for (const id of ctx.memberIds) {
    const decl = ctx.declarations.get(id);
    if (decl?.submitted) continue;
    out.push(
      makeFinding(meta, {
        severity: 'high',
        subject: { organizationId: id },
        evidence: { organization: orgEvidence(ctx, id), role: ctx.roleOf.get(id), hasDraft: decl !== undefined },
        explanation: {
          fr: `Le partenaire ${quote(ctx.orgName(id)).fr} n'a pas de déclaration de propriété intellectuelle soumise${decl ? ' (un brouillon existe)' : ''}, alors que le projet a dépassé l'étape des déclarations : l'accord de consortium ne peut pas être établi sans elle.`,
          en: `Partner ${quote(ctx.orgName(id)).en} has no submitted IP declaration${decl ? ' (a draft exists)' : ''}, although the project is past the declarations stage: the consortium agreement cannot be drawn up without it.`,
        },
      }),
    );
  }
  return out;
});
