import type { Language } from '../common';
import type { ControlReview } from '../control-review';
import { render, type Email } from './render';

/**
 * The email of a change of control after signature (docs/change-of-control.md): to every representative of the
 * other partners and to every committee member, in their language (French by default). Names are data, escaped
 * in HTML by render.
 */
export interface Recipient {
  email: string;
  name: string;
  language: Language;
  /** Committee members get the decision link and the deadline; partners are informed. */
  committee: boolean;
}
type Project = { id: string; acronym: string; title: string };

const KIND: Record<Language, Record<string, string>> = {
  fr: { acquisition: 'acquisition', 'shareholding-change': 'changement dans l’actionnariat' },
  en: { acquisition: 'acquisition', 'shareholding-change': 'change in the shareholding' },
};
const STATUS: Record<Language, Record<string, string>> = {
  fr: { planned: 'envisagée', completed: 'réalisée' },
  en: { planned: 'planned', completed: 'completed' },
};

export function controlReviewEmails(p: Project, r: ControlReview, partnerName: string, to: readonly Recipient[], origin: string): Email[] {
  const href = `${origin}/projects/${p.id}/control-reviews/${r.id}`;
  return to.map((x) => {
    const lang: Language = x.language === 'en' ? 'en' : 'fr';
    const e = r.event;
    const agreement = r.agreementVersion ? (lang === 'fr' ? ` (version ${r.agreementVersion})` : ` (version ${r.agreementVersion})`) : '';
    if (lang === 'fr') {
      return render(
        [x.email],
        `[Vigie] ${p.acronym} — changement de contrôle de ${partnerName} : décision du comité avant le ${r.dueDate}`,
        [
          { kind: 'p', text: `Bonjour ${x.name},` },
          {
            kind: 'p',
            text: `Une opération ${STATUS.fr[e.status]} concerne ${partnerName}, partenaire du projet ${p.acronym} (${p.title}), dont l'accord de consortium est signé${agreement} : ${KIND.fr[e.kind]} par ${e.investor.name} (${e.investor.country}), ${e.votingRightsAfterPct} % des droits de vote après l'opération, date d'effet ${e.effectiveDate}.`,
          },
          {
            kind: 'p',
            text: x.committee
              ? `La clause de changement de contrôle de l'accord s'applique : le comité d'appui décide d'ici le ${r.dueDate} inclus d'accepter le changement, de restreindre les droits d'accès de ce partenaire aux résultats, ou de lui demander de se retirer. Tant qu'un signalement IEF est ouvert, aucun transfert ni licence exclusive de résultats ne peut lui être consenti.`
              : `La clause de changement de contrôle de l'accord s'applique : le comité d'appui décidera d'ici le ${r.dueDate} d'accepter le changement, de restreindre les droits d'accès de ce partenaire aux résultats, ou de lui demander de se retirer. Vous pouvez faire part de vos observations au pôle.`,
          },
          ...(x.committee ? [{ kind: 'link' as const, text: 'Examiner et décider', href }] : []),
        ],
        lang,
      );
    }
    return render(
      [x.email],
      `[Vigie] ${p.acronym} — change of control of ${partnerName}: committee decision due by ${r.dueDate}`,
      [
        { kind: 'p', text: `Hello ${x.name},` },
        {
          kind: 'p',
          text: `A ${STATUS.en[e.status]} transaction concerns ${partnerName}, a partner of the project ${p.acronym} (${p.title}) whose consortium agreement is signed${agreement}: ${KIND.en[e.kind]} by ${e.investor.name} (${e.investor.country}), ${e.votingRightsAfterPct} % of the voting rights after the transaction, effective ${e.effectiveDate}.`,
        },
        {
          kind: 'p',
          text: x.committee
            ? `The agreement's change-of-control clause applies: the support committee decides by ${r.dueDate} inclusive whether to accept the change, restrict this partner's access rights to the results, or ask it to withdraw. While a foreign-investment flag is open, no transfer or exclusive licence of results may be granted to it.`
            : `The agreement's change-of-control clause applies: the support committee will decide by ${r.dueDate} whether to accept the change, restrict this partner's access rights to the results, or ask it to withdraw. You may send your observations to the pôle.`,
        },
        ...(x.committee ? [{ kind: 'link' as const, text: 'Review and decide', href }] : []),
      ],
      lang,
    );
  });
}
