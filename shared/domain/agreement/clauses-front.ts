import type { Block } from './blocks';
import { bullets, clauses, para, type Ctx } from './context';
import { addMonths, EN, FR, formatInstantDay, formatSiren, sentence } from './format';
import type { AgreementModel } from './model';

/**
 * The front of the agreement: the proof block under the title, then parties and recitals, definitions, purpose
 * and duration, governance, responsibilities. Sources and choices: docs/agreements.md "The text".
 */

type Party = AgreementModel['parties'][number];

/** Under the title: which IP file this text comes from, and how anyone can check it (the footer carries the model's hash). */
export function proofBlock(c: Ctx): Block[] {
  const { m } = c;
  const approved = c.instant(m.ipFile.committeeApprovedAt);
  const generated = formatInstantDay(m.generatedAt, c.lang);
  return [
    para(
      c.t(
        FR`Document ${m.documentId}, version ${m.version}, établi par Vigie le ${generated} à partir du dossier de propriété intellectuelle du Projet approuvé par le comité d'appui du pôle le ${approved}.`,
        EN`Document ${m.documentId}, version ${m.version}, drawn up by Vigie on ${generated} from the Project's intellectual property file approved by the cluster's support committee on ${approved}.`,
      ),
      'small',
    ),
    para(c.t(FR`Empreinte SHA-256 du dossier approuvé : ${m.ipFile.hash}`, EN`SHA-256 of the approved file: ${m.ipFile.hash}`), 'small'),
    para(
      c.t(
        FR`Déclarations approuvées qui composent ce dossier (version et empreinte SHA-256) :`,
        EN`Approved declarations that make up this file (version and SHA-256):`,
      ),
      'small',
    ),
    bullets(
      m.parties.map((p) =>
        c.t(
          FR`${p.legalName} — version ${p.declaration.version} — ${p.declaration.contentHash}`,
          EN`${p.legalName} — version ${p.declaration.version} — ${p.declaration.contentHash}`,
        ),
      ),
    ),
    para(
      c.t(
        FR`L'empreinte SHA-256 imprimée au pied de chaque page est celle du modèle de contenu dont ce texte est tiré ; ce modèle est joint au fichier PDF. Chacun peut ainsi vérifier, hors ligne, que le document est intact et qu'il est bien celui qui a été approuvé (commande npm run verify-agreement).`,
        EN`The SHA-256 printed at the foot of every page is that of the content model this text is drawn from; the model is attached to the PDF file. Anyone can thus check, offline, that the document is intact and is the one that was approved (command npm run verify-agreement).`,
      ),
      'small',
    ),
  ];
}

function registration(c: Ctx, p: Party): string {
  if (p.siren) return c.t(FR`n° SIREN ${formatSiren(p.siren)}`, EN`SIREN no. ${formatSiren(p.siren)}`);
  if (p.registrationId) return c.t(FR`n° d'immatriculation ${p.registrationId}`, EN`registration no. ${p.registrationId}`);
  return c.t(FR`numéro d'immatriculation non renseigné`, EN`registration number not provided`);
}

function partyBlocks(c: Ctx, p: Party): Block[] {
  const address = p.registeredAddress
    ? `${p.registeredAddress.street}, ${p.registeredAddress.postalCode} ${p.registeredAddress.city}`
    : c.t(FR`adresse non renseignée`, EN`address not provided`);
  const signatory = p.signatory.name
    ? p.signatory.position
      ? `${p.signatory.name}, ${p.signatory.position}`
      : p.signatory.name
    : c.t(FR`signataire non renseigné`, EN`signatory not provided`);
  return [
    para(p.legalName, 'emphasis'),
    bullets([
      c.t(FR`Catégorie : ${c.label('organizationCategory', p.category)}`, EN`Category: ${c.label('organizationCategory', p.category)}`),
      c.t(FR`Immatriculation : ${registration(c, p)}`, EN`Registration: ${registration(c, p)}`),
      c.t(FR`Pays : ${p.country || '—'}`, EN`Country: ${p.country || '—'}`),
      c.t(FR`Siège social : ${address}`, EN`Registered office: ${address}`),
      c.t(FR`Rôle : ${c.label('partnerRole', p.role)}`, EN`Role: ${c.label('partnerRole', p.role)}`),
      c.t(FR`Représentée par : ${signatory}`, EN`Represented by: ${signatory}`),
    ]),
  ];
}

export function partiesSection(c: Ctx): Block[] {
  const { m } = c;
  const project = `${m.project.acronym} — ${m.project.title}`;
  const domains = c.and(m.project.technologyDomains.map((d) => c.label('technologyDomain', d)));
  const recitals = [
    c.t(
      FR`Les Parties mènent ensemble le projet collaboratif de recherche et développement ${c.q(project)} (le ${c.q('Projet')}), labellisé par le pôle de compétitivité et financé dans le cadre du dispositif suivant : ${c.label('fundingScheme', m.project.fundingScheme)}.`,
      EN`The Parties jointly carry out the collaborative research and development project ${c.q(project)} (the ${c.q('Project')}), labelled by the competitiveness cluster and funded under the following scheme: ${c.label('fundingScheme', m.project.fundingScheme)}.`,
    ),
    c.t(
      FR`Le Projet débute le ${c.date(m.project.startDate)} et s'achève le ${c.date(m.project.endDate)}. Il relève des domaines technologiques suivants : ${domains}.`,
      EN`The Project starts on ${c.date(m.project.startDate)} and ends on ${c.date(m.project.endDate)}. It belongs to the following technology domains: ${domains}.`,
    ),
    ...(m.project.summary ? [c.t(FR`Résumé du Projet : ${sentence(m.project.summary)}`, EN`Summary of the Project: ${sentence(m.project.summary)}`)] : []),
    c.t(
      FR`Chaque Partie a déclaré dans Vigie ses connaissances antérieures, les résultats attendus et les droits d'accès demandés ou accordés. L'ensemble de ces déclarations forme le dossier de propriété intellectuelle du Projet, que chaque Partie a approuvé et que le comité d'appui du pôle a validé le ${c.instant(m.ipFile.committeeApprovedAt)}. Le présent accord en est tiré.`,
      EN`Each Party has declared in Vigie its background, the expected results and the access rights requested or granted. Together these declarations form the Project's intellectual property file, which each Party approved and the cluster's support committee validated on ${c.instant(m.ipFile.committeeApprovedAt)}. This agreement is drawn from it.`,
    ),
  ];
  return [
    para(c.t(FR`Entre les soussignés :`, EN`Between the undersigned:`)),
    ...m.parties.flatMap((p) => partyBlocks(c, p)),
    para(
      c.t(
        FR`ci-après dénommées ensemble les ${c.q('Parties')} et individuellement une ${c.q('Partie')}.`,
        EN`hereinafter referred to together as the ${c.q('Parties')} and individually as a ${c.q('Party')}.`,
      ),
    ),
    { kind: 'heading', level: 2, text: c.t(FR`Préambule`, EN`Recitals`) },
    bullets(recitals),
    para(c.t(FR`Il a été convenu ce qui suit.`, EN`It has been agreed as follows.`)),
  ];
}

export function definitionsSection(c: Ctx): Block[] {
  const q = c.q;
  const a = {
    background: c.ref('background')!,
    access: c.ref('access-rights')!,
    confidentiality: c.ref('confidentiality')!,
  };
  const fr = [
    FR`${q('Accord')} : le présent accord de consortium, y compris son préambule et l'annexe des Connaissances antérieures de l'${a.background}.`,
    FR`${q('Affilié')} : toute entité qui, directement ou indirectement, Contrôle une Partie, est Contrôlée par elle ou est placée sous le même Contrôle qu'elle, aussi longtemps que dure ce Contrôle.`,
    FR`${q('Connaissances antérieures')} : les informations, savoir-faire, logiciels, bases de données et droits de propriété intellectuelle (brevets et demandes de brevet, dessins et modèles, marques…) détenus par une Partie avant la date de début du Projet ou indépendamment de celui-ci, nécessaires à son exécution ou à l'Exploitation des Résultats, et identifiés à l'${a.background}. Seuls les éléments qui y figurent sont des Connaissances antérieures au sens de l'Accord.`,
    FR`${q('Connaissances propres')} (ou connaissances parallèles) : les informations, savoir-faire et droits de propriété intellectuelle qu'une Partie développe pendant la durée du Projet, en dehors de celui-ci, sans utiliser les Résultats ni les Connaissances antérieures des autres Parties. Elles restent la propriété exclusive de cette Partie et n'ouvrent aucun Droit d'accès.`,
    FR`${q('Contrôle')} : le contrôle au sens de l'article L233-3 du Code de commerce, notamment la détention directe ou indirecte d'une fraction du capital conférant la majorité des droits de vote, la disposition seule de la majorité des droits de vote en vertu d'un accord, ou la détermination en fait des décisions des assemblées générales ; ${q('Contrôler')} et ${q('Contrôlé')} s'entendent en conséquence.`,
    FR`${q('Dossier de PI')} : l'ensemble des déclarations de propriété intellectuelle des Parties, approuvé par chacune d'elles et validé par le comité d'appui du pôle, dont l'empreinte figure en tête de l'Accord.`,
    FR`${q('Droits d’accès')} : les licences et droits d'utilisation portant sur des Connaissances antérieures ou des Résultats, consentis entre Parties selon l'${a.access} ; ils n'emportent aucune cession de propriété.`,
    FR`${q('Exploitation')} : l'utilisation des Résultats dans des activités de recherche autres que le Projet, ou pour concevoir, développer, fabriquer et commercialiser un produit ou un procédé, ou fournir un service ; ${q('Exploiter')} s'entend en conséquence.`,
    FR`${q('Informations confidentielles')} : toute information, quels qu'en soient la nature et le support, communiquée par une Partie à une autre dans le cadre du Projet et désignée comme confidentielle, ou dont le caractère confidentiel résulte des circonstances de sa communication (${a.confidentiality}).`,
    FR`${q('Jour')} : un jour calendaire.`,
    FR`${q('Projet')} : le projet défini au préambule.`,
    FR`${q('Résultats')} : tous les résultats, tangibles ou non, générés dans le cadre du Projet, quelle que soit leur forme, qu'ils soient protégeables ou non, ainsi que les droits qui y sont attachés.`,
  ];
  const en = [
    EN`${q('Access Rights')}: licences and user rights to Background or Results, granted between Parties under ${a.access}; they transfer no ownership.`,
    EN`${q('Affiliate')}: any entity that, directly or indirectly, Controls a Party, is Controlled by it or is under the same Control as it, for as long as that Control lasts.`,
    EN`${q('Agreement')}: this consortium agreement, including its recitals and the Background annex of ${a.background}.`,
    EN`${q('Background')}: information, know-how, software, databases and intellectual property rights (patents and patent applications, designs, trade marks…) held by a Party before the Project's start date or independently of it, needed to carry out the Project or to Exploit the Results, and identified in ${a.background}. Only the items listed there are Background within the meaning of the Agreement.`,
    EN`${q('Confidential Information')}: any information, whatever its nature or medium, disclosed by one Party to another in the course of the Project and marked as confidential, or whose confidential nature follows from the circumstances of its disclosure (${a.confidentiality}).`,
    EN`${q('Control')}: control within the meaning of Article L233-3 of the French Commercial Code, in particular holding, directly or indirectly, a fraction of the capital conferring a majority of the voting rights, holding alone a majority of the voting rights under an agreement, or determining in fact the decisions of the general meetings; ${q('Controls')} and ${q('Controlled')} are construed accordingly.`,
    EN`${q('Day')}: a calendar day.`,
    EN`${q('Exploitation')}: the use of Results in research activities other than the Project, or to design, develop, manufacture and market a product or process, or to provide a service; ${q('Exploit')} is construed accordingly.`,
    EN`${q('IP File')}: all the Parties' intellectual property declarations, approved by each of them and validated by the cluster's support committee, whose fingerprint is printed at the head of the Agreement.`,
    EN`${q('Project')}: the project described in the recitals.`,
    EN`${q('Results')}: all results, tangible or intangible, generated in the course of the Project, whatever their form and whether or not they can be protected, and the rights attached to them.`,
    EN`${q('Sideground')}: information, know-how and intellectual property rights that a Party develops during the Project, outside it, without using the Results or the other Parties' Background. It remains the exclusive property of that Party and gives rise to no Access Right.`,
  ];
  return [
    para(
      c.t(
        FR`Dans l'Accord, les termes suivants, employés avec une majuscule, ont le sens ci-après.`,
        EN`In the Agreement, the following capitalised terms have the meaning below.`,
      ),
    ),
    bullets(c.lang === 'fr' ? fr : en),
  ];
}

export function purposeSection(c: Ctx, n: number): Block[] {
  const { m } = c;
  const p = clauses(n);
  const deadline = c.date(addMonths(m.project.startDate, 12));
  return [
    p(
      c.t(
        FR`Objet. L'Accord définit les conditions dans lesquelles les Parties exécutent le Projet, et en particulier les règles applicables aux Connaissances antérieures, à la propriété, à la protection et à l'Exploitation des Résultats, aux Droits d'accès, à la confidentialité et aux publications. Il ne crée entre les Parties ni société, ni association, ni mandat.`,
        EN`Purpose. The Agreement sets out the conditions under which the Parties carry out the Project, in particular the rules on Background, on the ownership, protection and Exploitation of Results, on Access Rights, on confidentiality and on publications. It creates no company, partnership or agency between the Parties.`,
      ),
    ),
    p(
      c.t(
        FR`Entrée en vigueur. L'Accord entre en vigueur à la date de la dernière signature des Parties. Il s'applique rétroactivement aux travaux réalisés dans le cadre du Projet depuis sa date de début, le ${c.date(m.project.startDate)}. Conformément à la pratique de l'Agence nationale de la recherche, les Parties s'engagent à le signer dans les douze mois suivant cette date, soit au plus tard le ${deadline}.`,
        EN`Entry into force. The Agreement enters into force on the date of the last Party's signature. It applies retroactively to the work carried out in the Project since its start date, ${c.date(m.project.startDate)}. Following the practice of the French National Research Agency (ANR), the Parties undertake to sign it within twelve months of that date, that is by ${deadline} at the latest.`,
      ),
    ),
    p(
      c.t(
        FR`Durée. L'Accord demeure en vigueur jusqu'à la fin du Projet, le ${c.date(m.project.endDate)}, prolongée le cas échéant par avenant, puis jusqu'à l'exécution complète des obligations qui en découlent. Les stipulations relatives aux Connaissances antérieures, à la propriété des Résultats, aux Droits d'accès, à la confidentialité, aux publications, au contrôle des exportations, à la responsabilité et au règlement des différends survivent à son terme pour la durée qui leur est propre.`,
        EN`Duration. The Agreement remains in force until the end of the Project, ${c.date(m.project.endDate)}, as extended by amendment if need be, and then until all obligations under it have been performed. The provisions on Background, ownership of Results, Access Rights, confidentiality, publications, export control, liability and disputes survive its term for their own duration.`,
      ),
    ),
    p(
      c.t(
        FR`Adhésion et retrait. Une nouvelle entité ne peut adhérer à l'Accord qu'avec l'accord unanime du comité de pilotage, en signant un acte d'adhésion par lequel elle en accepte toutes les stipulations après avoir déclaré dans Vigie ses Connaissances antérieures ; une nouvelle version de l'Accord est alors établie à partir du Dossier de PI mis à jour. Une Partie ne peut se retirer du Projet qu'avec l'accord du comité de pilotage ; elle reste tenue des obligations nées avant son retrait, notamment de confidentialité, et des Droits d'accès qu'elle a consentis.`,
        EN`Accession and withdrawal. A new entity may accede to the Agreement only with the unanimous approval of the steering committee, by signing a deed of accession accepting all its provisions after declaring its Background in Vigie; a new version of the Agreement is then drawn up from the updated IP File. A Party may withdraw from the Project only with the approval of the steering committee; it remains bound by the obligations that arose before its withdrawal, in particular confidentiality, and by the Access Rights it has granted.`,
      ),
    ),
  ];
}

export function governanceSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  const coordinator = c.m.parties.find((x) => x.role === 'coordinator');
  const liability = c.ref('liability')!;
  return [
    p(
      c.t(
        FR`Comité de pilotage. Le comité de pilotage est composé d'un représentant de chaque Partie, qui dispose d'une voix. Il suit l'avancement du Projet et décide de ses réorientations, de l'adhésion de nouvelles Parties, du constat de la défaillance d'une Partie et de toute modification de l'Accord à proposer aux Parties.`,
        EN`Steering committee. The steering committee consists of one representative of each Party, each having one vote. It monitors the progress of the Project and decides on changes in its direction, on the accession of new Parties, on a finding that a Party is in default, and on any amendment of the Agreement to be proposed to the Parties.`,
      ),
    ),
    p(
      coordinator
        ? c.t(
            FR`Coordinateur. ${coordinator.legalName} est le coordinateur du Projet. Il est l'interlocuteur de l'organisme financeur, convoque et préside le comité de pilotage, en établit les procès-verbaux et veille au respect du calendrier. Il ne peut engager les autres Parties sans leur mandat écrit.`,
            EN`Coordinator. ${coordinator.legalName} is the coordinator of the Project. It is the contact of the funding body, convenes and chairs the steering committee, draws up its minutes and monitors the schedule. It may not bind the other Parties without their written mandate.`,
          )
        : c.t(
            FR`Coordinateur. Le coordinateur du Projet est désigné par le comité de pilotage lors de sa première réunion. Il est l'interlocuteur de l'organisme financeur, convoque et préside le comité de pilotage et en établit les procès-verbaux. Il ne peut engager les autres Parties sans leur mandat écrit.`,
            EN`Coordinator. The coordinator of the Project is appointed by the steering committee at its first meeting. It is the contact of the funding body, convenes and chairs the steering committee and draws up its minutes. It may not bind the other Parties without their written mandate.`,
          ),
    ),
    p(
      c.t(
        FR`Réunions et quorum. Le comité de pilotage se réunit au moins deux fois par an, et à tout moment à la demande d'une Partie, sur convocation adressée quinze Jours à l'avance avec l'ordre du jour (sept Jours en cas d'urgence) ; il peut se réunir à distance. Il ne délibère valablement que si les deux tiers au moins des Parties sont présentes ou représentées ; à défaut, une nouvelle réunion est convoquée dans les quinze Jours et délibère sans condition de quorum sur le même ordre du jour.`,
        EN`Meetings and quorum. The steering committee meets at least twice a year, and at any time at the request of a Party, convened fifteen Days in advance with the agenda (seven Days if urgent); it may meet remotely. It may validly decide only if at least two thirds of the Parties are present or represented; failing that, a new meeting is convened within fifteen Days and decides on the same agenda with no quorum requirement.`,
      ),
    ),
    p(
      c.t(
        FR`Majorité. Les décisions sont prises à la majorité des deux tiers des Parties présentes ou représentées. Sont prises à l'unanimité, la Partie concernée ne prenant pas part au vote : l'adhésion d'une nouvelle Partie, le constat de la défaillance ou l'exclusion d'une Partie (${liability}) et toute proposition de modification de l'Accord. Une Partie peut s'opposer à une décision qui affecte ses propres Connaissances antérieures ou Résultats. Les procès-verbaux sont adressés aux Parties dans les quinze Jours de la réunion et sont réputés acceptés faute d'objection écrite dans les quinze Jours de leur réception.`,
        EN`Majority. Decisions are taken by a two-thirds majority of the Parties present or represented. The following require unanimity, the Party concerned not voting: the accession of a new Party, a finding of default or the exclusion of a Party (${liability}), and any proposed amendment of the Agreement. A Party may veto a decision that affects its own Background or Results. Minutes are sent to the Parties within fifteen Days of the meeting and are deemed accepted unless a written objection is made within fifteen Days of receipt.`,
      ),
    ),
  ];
}

export function liabilitySection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  return [
    p(
      c.t(
        FR`Obligations des Parties. Chaque Partie exécute avec diligence la part du Projet qui lui incombe, selon les règles de l'art et dans le cadre d'une obligation de moyens. Elle supporte ses propres coûts, sous réserve des aides qu'elle reçoit, et informe sans délai les autres Parties de tout événement susceptible d'affecter le Projet.`,
        EN`Obligations of the Parties. Each Party carries out its share of the Project diligently, in accordance with good practice and as an obligation of means (best efforts). It bears its own costs, subject to the funding it receives, and informs the other Parties without delay of any event likely to affect the Project.`,
      ),
    ),
    p(
      c.t(
        FR`Garanties. Les Connaissances antérieures et les Résultats sont communiqués en l'état. La Partie qui les communique déclare avoir, à sa connaissance, le droit de le faire ; elle ne garantit ni leur exactitude, ni leur aptitude à un usage particulier, ni l'absence d'atteinte aux droits de tiers.`,
        EN`Warranties. Background and Results are provided as is. The Party providing them declares that, to its knowledge, it is entitled to do so; it gives no warranty as to their accuracy, their fitness for a particular purpose or the absence of infringement of third-party rights.`,
      ),
    ),
    p(
      c.t(
        FR`Responsabilité. Chaque Partie répond des dommages directs qu'elle cause aux autres Parties dans l'exécution de l'Accord. Aucune Partie ne répond envers les autres des dommages indirects, tels que les pertes de chiffre d'affaires, de bénéfices ou de contrats. La responsabilité totale d'une Partie envers les autres est limitée au montant de sa part du budget du Projet. Ces exclusions et limitations ne s'appliquent pas en cas de faute lourde ou dolosive, d'atteinte aux obligations de confidentialité ou de dommage corporel. Chaque Partie répond seule envers les tiers des dommages causés par elle ou par son personnel, et s'assure en conséquence.`,
        EN`Liability. Each Party is liable for the direct damage it causes to the other Parties in performing the Agreement. No Party is liable to the others for indirect damage, such as loss of revenue, profit or contracts. A Party's total liability to the others is limited to the amount of its share of the Project budget. These exclusions and limits do not apply to gross negligence or wilful misconduct, to breach of confidentiality or to personal injury. Each Party alone is liable to third parties for damage caused by it or by its staff, and insures itself accordingly.`,
      ),
    ),
    p(
      c.t(
        FR`Force majeure. Aucune Partie n'est responsable d'un manquement dû à un cas de force majeure au sens de l'article 1218 du Code civil, à condition d'en informer sans délai les autres Parties.`,
        EN`Force majeure. No Party is liable for a failure caused by force majeure within the meaning of Article 1218 of the French Civil Code, provided it informs the other Parties without delay.`,
      ),
    ),
    p(
      c.t(
        FR`Partie défaillante. Lorsqu'une Partie manque à ses obligations, le coordinateur la met en demeure d'y remédier dans un délai de trente Jours. À défaut, le comité de pilotage peut constater sa défaillance et décider de son exclusion. La Partie exclue conserve ses Résultats obtenus jusqu'à son exclusion et reste tenue de ses obligations de confidentialité et des Droits d'accès qu'elle a consentis ; elle perd tout Droit d'accès aux Résultats obtenus par les autres Parties après son exclusion.`,
        EN`Defaulting Party. Where a Party fails to perform its obligations, the coordinator gives it formal notice to remedy the failure within thirty Days. Failing that, the steering committee may find it in default and decide to exclude it. The excluded Party keeps the Results it obtained until its exclusion and remains bound by its confidentiality obligations and by the Access Rights it granted; it loses any Access Right to Results obtained by the other Parties after its exclusion.`,
      ),
    ),
  ];
}
