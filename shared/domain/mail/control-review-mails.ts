import type { Language } from '../common';
import { parisDate } from '../calendar';
import type { ControlReview, ControlReviewNames, ControlReviewOutcome } from '../control-review';
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

/** "A", "A et B", "A, B et C". */
const listOf = (names: readonly string[], lang: Language): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${names[names.length - 1]}`;

/** The subject's "of whom": the partner(s), and the organization the operation is on when it controls them. */
function whose(n: ControlReviewNames, lang: Language): string {
  const partners = listOf(n.partners, lang);
  if (!n.indirect) return partners;
  return lang === 'fr' ? `${partners} (opération sur ${n.operationOn})` : `${partners} (transaction on ${n.operationOn})`;
}

/**
 * The body's "the operation concerns …": the partner itself, or the organization controlling the partner(s)
 * (an indirect change of control: "the transaction on X, which controls partner P").
 */
function concerns(n: ControlReviewNames, p: Project, lang: Language): string {
  const others = n.partners.filter((x) => x !== n.operationOn);
  const plural = others.length > 1;
  const selfToo = others.length < n.partners.length;
  if (lang === 'fr') {
    if (!n.indirect) return `concerne ${n.operationOn}, partenaire du projet ${p.acronym} (${p.title})`;
    return `porte sur ${n.operationOn}${selfToo ? ', partenaire du projet' : ''}, qui contrôle ${selfToo ? 'aussi ' : ''}${plural ? 'les partenaires' : 'le partenaire'} ${listOf(others, 'fr')} du projet ${p.acronym} (${p.title}) (changement de contrôle indirect)`;
  }
  if (!n.indirect) return `concerns ${n.operationOn}, a partner of the project ${p.acronym} (${p.title})`;
  return `is on ${n.operationOn}${selfToo ? ', a partner of the project, which also' : ', which'} controls ${plural ? 'partners' : 'partner'} ${listOf(others, 'en')} of the project ${p.acronym} (${p.title}) (an indirect change of control)`;
}

export function controlReviewEmails(p: Project, r: ControlReview, names: ControlReviewNames, to: readonly Recipient[], origin: string): Email[] {
  const many = names.partners.length > 1;
  const href = `${origin}/projects/${p.id}/control-reviews/${r.id}`;
  return to.map((x) => {
    const lang: Language = x.language === 'en' ? 'en' : 'fr';
    const e = r.event;
    const agreement = r.agreementVersion ? (lang === 'fr' ? ` (version ${r.agreementVersion})` : ` (version ${r.agreementVersion})`) : '';
    if (lang === 'fr') {
      return render(
        [x.email],
        `[Vigie] ${p.acronym} — changement de contrôle de ${whose(names, 'fr')} : décision du comité avant le ${r.dueDate}`,
        [
          { kind: 'p', text: `Bonjour ${x.name},` },
          {
            kind: 'p',
            text: `Une opération ${STATUS.fr[e.status]} ${concerns(names, p, 'fr')}, dont l'accord de consortium est signé${agreement} : ${KIND.fr[e.kind]} par ${e.investor.name} (${e.investor.country}), ${e.votingRightsAfterPct} % des droits de vote${names.indirect ? ` de ${names.operationOn}` : ''} après l'opération, date d'effet ${e.effectiveDate}.`,
          },
          {
            kind: 'p',
            text: x.committee
              ? `La clause de changement de contrôle de l'accord s'applique : le comité d'appui décide d'ici le ${r.dueDate} inclus d'accepter le changement, de restreindre les droits d'accès ${many ? 'de ces partenaires' : 'de ce partenaire'} aux résultats, ou de ${many ? 'leur' : 'lui'} demander de se retirer. Tant qu'un signalement IEF est ouvert, aucun transfert ni licence exclusive de résultats ne peut ${many ? 'leur' : 'lui'} être consenti.`
              : `La clause de changement de contrôle de l'accord s'applique : le comité d'appui décidera d'ici le ${r.dueDate} d'accepter le changement, de restreindre les droits d'accès ${many ? 'de ces partenaires' : 'de ce partenaire'} aux résultats, ou de ${many ? 'leur' : 'lui'} demander de se retirer. Vous pouvez faire part de vos observations au pôle.`,
          },
          ...(x.committee ? [{ kind: 'link' as const, text: 'Examiner et décider', href }] : []),
        ],
        lang,
      );
    }
    return render(
      [x.email],
      `[Vigie] ${p.acronym} — change of control of ${whose(names, 'en')}: committee decision due by ${r.dueDate}`,
      [
        { kind: 'p', text: `Hello ${x.name},` },
        {
          kind: 'p',
          text: `A ${STATUS.en[e.status]} transaction ${concerns(names, p, 'en')}, whose consortium agreement is signed${agreement}: ${KIND.en[e.kind]} by ${e.investor.name} (${e.investor.country}), ${e.votingRightsAfterPct} % of the voting rights${names.indirect ? ` of ${names.operationOn}` : ''} after the transaction, effective ${e.effectiveDate}.`,
        },
        {
          kind: 'p',
          text: x.committee
            ? `The agreement's change-of-control clause applies: the support committee decides by ${r.dueDate} inclusive whether to accept the change, restrict ${many ? "these partners'" : "this partner's"} access rights to the results, or ask ${many ? 'them' : 'it'} to withdraw. While a foreign-investment flag is open, no transfer or exclusive licence of results may be granted to ${many ? 'them' : 'it'}.`
            : `The agreement's change-of-control clause applies: the support committee will decide by ${r.dueDate} whether to accept the change, restrict ${many ? "these partners'" : "this partner's"} access rights to the results, or ask ${many ? 'them' : 'it'} to withdraw. You may send your observations to the pôle.`,
        },
        ...(x.committee ? [{ kind: 'link' as const, text: 'Review and decide', href }] : []),
      ],
      lang,
    );
  });
}

/** Who hears of the committee's decision: the partner concerned, the other partners, the pôle's legal staff. */
export interface DecisionRecipient {
  email: string;
  name: string;
  language: Language;
  /** `concerned`: a representative of the partner whose control changed; legal staff get the link to the review. */
  audience: 'concerned' | 'partner' | 'legal';
}

const OUTCOME_SHORT: Record<Language, Record<ControlReviewOutcome, string>> = {
  fr: { accept: 'changement accepté', 'restrict-access': 'droits d’accès restreints', 'withdrawal-requested': 'retrait demandé' },
  en: { accept: 'change accepted', 'restrict-access': 'access rights restricted', 'withdrawal-requested': 'withdrawal requested' },
};
const outcomeLong = (lang: Language, o: ControlReviewOutcome, partner: string): string =>
  lang === 'fr'
    ? {
        accept: `le changement de contrôle de ${partner} est accepté ; ses droits au titre de l'accord sont inchangés.`,
        'restrict-access': `les droits d'accès de ${partner} aux résultats du projet sont restreints.`,
        'withdrawal-requested': `il est demandé à ${partner} de se retirer du consortium.`,
      }[o]
    : {
        accept: `the change of control of ${partner} is accepted; its rights under the agreement are unchanged.`,
        'restrict-access': `the access rights of ${partner} to the project's results are restricted.`,
        'withdrawal-requested': `${partner} is asked to withdraw from the consortium.`,
      }[o];

/**
 * The committee's decision on a change-of-control review (docs/change-of-control.md): to the representatives of the
 * partner concerned, of the other partners, and to the legal staff, each in their language (French by default).
 * States the project, the partner, the operation reviewed, the decision, its reasons and conditions as recorded
 * (the note), and the signed agreement version it applies to. Only legal staff get the link (partners do not read
 * the reviews).
 */
export function controlReviewDecisionEmails(
  p: Project,
  r: ControlReview,
  names: ControlReviewNames,
  to: readonly DecisionRecipient[],
  origin: string,
): Email[] {
  const d = r.decision;
  if (!d) return [];
  const href = `${origin}/projects/${p.id}/control-reviews/${r.id}`;
  const decidedOn = parisDate(new Date(d.decidedAt));
  const e = r.event;
  return to.map((x) => {
    const lang: Language = x.language === 'en' ? 'en' : 'fr';
    const fr = lang === 'fr';
    const partnerName = listOf(names.partners, lang);
    const controlled = listOf(
      names.partners.filter((n) => n !== names.operationOn),
      lang,
    );
    const on = names.indirect
      ? fr
        ? ` sur ${names.operationOn}, qui contrôle ${controlled},`
        : ` on ${names.operationOn}, which controls ${controlled},`
      : '';
    const version =
      d.agreementVersion !== null
        ? fr
          ? `La décision s'applique à l'accord de consortium signé, version ${d.agreementVersion}${d.agreementId ? ` (${d.agreementId})` : ''}, clause de changement de contrôle.`
          : `The decision applies to the signed consortium agreement, version ${d.agreementVersion}${d.agreementId ? ` (${d.agreementId})` : ''}, change-of-control clause.`
        : fr
          ? `La décision s'applique à l'accord de consortium signé du projet (version non identifiée), clause de changement de contrôle.`
          : `The decision applies to the project's signed consortium agreement (version not identified), change-of-control clause.`;
    const closing = {
      concerned: fr
        ? `Cette décision concerne votre organisation. Le pôle vous contactera pour sa mise en œuvre ; vous pouvez lui adresser vos questions.`
        : `This decision concerns your organization. The pôle will contact you to carry it out; you may send it your questions.`,
      partner: fr ? `Le pôle met en œuvre cette décision avec les partenaires du projet.` : `The pôle carries out this decision with the project's partners.`,
      legal: fr
        ? `La décision est enregistrée sur la revue et dans le journal d'audit du projet.`
        : `The decision is recorded on the review and in the project's audit log.`,
    }[x.audience];
    const subject = fr
      ? `[Vigie] ${p.acronym} — changement de contrôle de ${whose(names, 'fr')} : le comité a décidé (${OUTCOME_SHORT.fr[d.outcome]})`
      : `[Vigie] ${p.acronym} — change of control of ${whose(names, 'en')}: the committee decided (${OUTCOME_SHORT.en[d.outcome]})`;
    return render(
      [x.email],
      subject,
      [
        { kind: 'p', text: fr ? `Bonjour ${x.name},` : `Hello ${x.name},` },
        {
          kind: 'p',
          text: fr
            ? `Le ${decidedOn}, le comité d'appui a statué sur le changement de contrôle de ${partnerName}, ${names.partners.length > 1 ? 'partenaires' : 'partenaire'} du projet ${p.acronym} (${p.title}) : opération ${STATUS.fr[e.status]} (${KIND.fr[e.kind]})${on} par ${e.investor.name} (${e.investor.country}), ${e.votingRightsAfterPct} % des droits de vote${names.indirect ? ` de ${names.operationOn}` : ''} après l'opération, date d'effet ${e.effectiveDate}.`
            : `On ${decidedOn}, the support committee decided on the change of control of ${partnerName}, ${names.partners.length > 1 ? 'partners' : 'a partner'} of the project ${p.acronym} (${p.title}): ${STATUS.en[e.status]} ${KIND.en[e.kind]}${on} by ${e.investor.name} (${e.investor.country}), ${e.votingRightsAfterPct} % of the voting rights${names.indirect ? ` of ${names.operationOn}` : ''} after the transaction, effective ${e.effectiveDate}.`,
        },
        { kind: 'p', text: fr ? `Décision : ${outcomeLong('fr', d.outcome, partnerName)}` : `Decision: ${outcomeLong('en', d.outcome, partnerName)}` },
        { kind: 'p', text: fr ? `Motifs et conditions : ${d.note}` : `Reasons and conditions: ${d.note}` },
        { kind: 'p', text: version },
        { kind: 'p', text: closing },
        ...(x.audience === 'legal' ? [{ kind: 'link' as const, text: fr ? 'Voir la décision' : 'See the decision', href }] : []),
      ],
      lang,
    );
  });
}
