import { defineRule, makeFinding, orgEvidence, quote } from '../context';
import type { Finding } from '../types';

/**
 * PUBLICATION-LATE-NOTICE (consortium agreement § 11; DESCA: 45 days' notice): a publication notice given fewer
 * calendar days before the planned date than the agreement's notice period → medium, while the notice is not
 * cleared (once every partner consented, explicitly or by silence, the shortened notice harmed no one). One
 * finding per notice, naming it.
 */
export const META = {
  id: 'PUBLICATION-LATE-NOTICE',
  version: 1,
  title: { fr: 'Notification de publication tardive', en: 'Late publication notice' },
  source: {
    fr: 'Accord de consortium § 11 (publications : préavis, modèle DESCA 45 jours)',
    en: 'Consortium agreement § 11 (publications: prior notice, DESCA model 45 days)',
  },
} as const;

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  for (const n of ctx.input.publications ?? []) {
    if (!n.late || n.state === 'cleared') continue;
    out.push(
      makeFinding(meta, {
        severity: 'medium',
        subject: { organizationId: n.organizationId, publicationId: n.id },
        evidence: {
          publishingOrganization: orgEvidence(ctx, n.organizationId),
          publication: { id: n.id, title: n.title, venue: n.venue, plannedDate: n.plannedDate },
          noticeDate: n.noticeDate,
          daysBeforePublication: n.daysBeforePublication,
          noticeDays: n.noticeDays,
        },
        explanation: {
          fr:
            `${quote(ctx.orgName(n.organizationId)).fr} a notifié la publication ${quote(n.title).fr} le ${n.noticeDate}, ${n.daysBeforePublication} jours avant la date prévue (${n.plannedDate}) ` +
            `au lieu des ${n.noticeDays} jours de l'accord de consortium (§ 11, modèle DESCA). Les partenaires gardent leur délai d'objection entier : ne publiez pas avant que la notification soit levée.`,
          en:
            `${quote(ctx.orgName(n.organizationId)).en} gave notice of the publication ${quote(n.title).en} on ${n.noticeDate}, ${n.daysBeforePublication} days before the planned date (${n.plannedDate}) ` +
            `instead of the ${n.noticeDays} days of the consortium agreement (§ 11, DESCA model). The partners keep their full objection period: do not publish before the notice is cleared.`,
        },
      }),
    );
  }
  return out;
});
