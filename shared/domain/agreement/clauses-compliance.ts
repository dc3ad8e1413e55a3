import type { Block } from './blocks';
import { bullets, clauses, type Ctx } from './context';
import { EN, FR } from './format';
import type { AgreementModel } from './model';

/**
 * Confidentiality, publications (DESCA), change of control (foreign-investment screening, CMF L151-3, R151-1 ff.),
 * export control (Reg. (EU) 2021/821) and PPST/ZRR. The last two exist only when the model says so.
 * Sources: docs/agreements.md "The text".
 */

type FlagRef = AgreementModel['changeOfControl']['flags'][number] | NonNullable<AgreementModel['zrr']>['flags'][number];

/** « Titre (IEF-FOREIGN-CONTROL), gravité : élevée, statut : ouvert ». */
function flagText(c: Ctx, f: FlagRef): string {
  const severity = c.label('severity', f.severity);
  const status = c.label('flagStatus', f.status);
  return c.t(FR`${f.title} (${f.ruleId}), gravité : ${severity}, statut : ${status}`, EN`${f.title} (${f.ruleId}), severity: ${severity}, status: ${status}`);
}

export function confidentialitySection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  const years = c.m.confidentiality.termYears;
  const term = c.t(years === 1 ? FR`un an` : FR`${years} ans`, years === 1 ? EN`one year` : EN`${years} years`);
  return [
    p(
      c.t(
        FR`Obligation. Pendant la durée du Projet et pendant ${term} après sa fin, chaque Partie s'engage à ne pas divulguer les Informations confidentielles reçues d'une autre Partie, à ne les utiliser que pour l'exécution du Projet ou l'exercice de ses Droits d'accès, et à ne les communiquer qu'aux membres de son personnel et à ses conseils tenus à une obligation de confidentialité au moins équivalente. Cette obligation survit à la fin du Projet et de l'Accord, quelle qu'en soit la cause. Les Informations confidentielles peuvent constituer des secrets d'affaires protégés par les articles L151-1 et suivants du Code de commerce.`,
        EN`Obligation. During the Project and for ${term} after its end, each Party undertakes not to disclose the Confidential Information received from another Party, to use it only to carry out the Project or exercise its Access Rights, and to share it only with its staff and advisers bound by a confidentiality obligation at least as strict. This obligation survives the end of the Project and of the Agreement, whatever the cause. Confidential Information may be trade secrets protected by Articles L151-1 et seq. of the French Commercial Code.`,
      ),
    ),
    p(
      c.t(
        FR`Exceptions. L'obligation ne s'applique pas aux informations dont la Partie qui les a reçues établit qu'elles étaient dans le domaine public lors de leur communication ou y sont tombées depuis sans faute de sa part, qu'elle les connaissait déjà, qu'elle les a reçues licitement d'un tiers non tenu au secret, ou qu'elle les a développées de façon indépendante ; ni aux informations dont la communication est exigée par la loi ou par une autorité judiciaire ou administrative, sous réserve d'en informer au préalable la Partie concernée.`,
        EN`Exceptions. The obligation does not apply to information that the receiving Party shows was in the public domain when disclosed or has since become so through no fault of its own, was already known to it, was lawfully received from a third party not bound by secrecy, or was developed independently; nor to information whose disclosure is required by law or by a judicial or administrative authority, provided the Party concerned is informed beforehand.`,
      ),
    ),
    p(
      c.t(
        FR`Restitution. À la fin du Projet ou à la demande de la Partie qui les a communiquées, les Informations confidentielles sont restituées ou détruites, sous réserve des copies que la loi impose de conserver.`,
        EN`Return. At the end of the Project or at the request of the disclosing Party, Confidential Information is returned or destroyed, except for copies that the law requires to be kept.`,
      ),
    ),
  ];
}

export function publicationsSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  const { noticeDays, objectionDays, filingDelayDays } = c.m.publications;
  const planned = c.m.results.flatMap((r) =>
    r.plannedPublications.map((x) => {
      const filing = r.plannedFilingDate
        ? c.t(FR` (dépôt prévu le ${c.date(r.plannedFilingDate)})`, EN` (filing planned on ${c.date(r.plannedFilingDate)})`)
        : '';
      return c.t(FR`${r.key} — ${r.title} : ${x.venue}, ${c.date(x.date)}${filing}`, EN`${r.key} — ${r.title}: ${x.venue}, ${c.date(x.date)}${filing}`);
    }),
  );
  return [
    p(
      c.t(
        FR`Préavis. Toute Partie qui envisage une publication ou une communication portant sur des Résultats, ou sur des Connaissances antérieures ou Informations confidentielles d'une autre Partie (article, communication, poster, diffusion de logiciel en source ouverte…), en adresse le projet aux autres Parties au moins ${noticeDays} jours calendaires avant la date prévue de soumission.`,
        EN`Notice. A Party planning a publication or communication on Results, or on another Party's Background or Confidential Information (paper, talk, poster, open-source release of software…), sends the draft to the other Parties at least ${noticeDays} calendar days before the planned submission date.`,
      ),
    ),
    p(
      c.t(
        FR`Objection. Une Partie peut s'y opposer, par écrit et de manière motivée, dans les ${objectionDays} jours calendaires suivant la réception du projet, lorsque la publication porte atteinte à ses intérêts légitimes, notamment en divulguant ses Informations confidentielles ou en compromettant la protection d'un Résultat. Conformément au modèle DESCA, le silence vaut consentement : faute d'objection dans ce délai, la publication est autorisée.`,
        EN`Objection. A Party may object, in writing and with reasons, within ${objectionDays} calendar days of receiving the draft, where the publication harms its legitimate interests, in particular by disclosing its Confidential Information or by jeopardising the protection of a Result. As in the DESCA model, silence means consent: if no objection is made within that period, the publication is permitted.`,
      ),
    ),
    p(
      c.t(
        FR`Délai pour déposer. Lorsque l'objection tient à la protection d'un Résultat par un titre de propriété industrielle, la publication est différée le temps du dépôt, dans la limite de ${filingDelayDays} jours calendaires à compter de l'objection ; passé ce délai, elle est autorisée. Les autres objections donnent lieu à la modification du projet, notamment au retrait des Informations confidentielles.`,
        EN`Delay for filing. Where the objection concerns the protection of a Result by an industrial property title, the publication is postponed until the filing, for at most ${filingDelayDays} calendar days from the objection; after that period it is permitted. Other objections lead to changes in the draft, in particular the removal of Confidential Information.`,
      ),
    ),
    p(
      c.t(
        FR`Thèses. La soutenance d'une thèse ou d'un mémoire ne peut être empêchée ; si nécessaire, elle se tient à huis clos et le document reste confidentiel le temps du dépôt. Toute publication mentionne le Projet et son financement.`,
        EN`Theses. The defence of a thesis or dissertation may not be prevented; if need be, it is held in camera and the document remains confidential until the filing. Every publication acknowledges the Project and its funding.`,
      ),
    ),
    ...(planned.length
      ? [p(c.t(FR`Publications prévues au Dossier de PI :`, EN`Publications planned in the IP File:`)), bullets(planned)]
      : [p(c.t(FR`Le Dossier de PI ne prévoit à ce jour aucune publication.`, EN`The IP File plans no publication to date.`))]),
  ];
}

export function changeOfControlSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  const flags = c.m.changeOfControl.flags;
  const liability = c.ref('liability')!;
  return [
    p(
      c.t(
        FR`Notification. Chaque Partie notifie aux autres Parties, par écrit et dans les meilleurs délais, dans la mesure où la loi le permet, tout projet d'opération ayant pour effet de faire passer son Contrôle à une autre personne, ainsi que toute opération relevant du contrôle des investissements étrangers en France (articles L151-3 et R151-1 et suivants du Code monétaire et financier), notamment l'acquisition de son Contrôle, l'acquisition de tout ou partie d'une de ses branches d'activité, ou le franchissement par un investisseur étranger, au sens de l'article R151-1, du seuil de 25 % de ses droits de vote, ou de 10 % si ses actions sont admises aux négociations sur un marché réglementé.`,
        EN`Notification. Each Party notifies the other Parties in writing, as soon as possible and to the extent permitted by law, of any planned transaction by which its Control would pass to another person, and of any transaction subject to the screening of foreign investments in France (Articles L151-3 and R151-1 et seq. of the French Monetary and Financial Code), in particular the acquisition of its Control, the acquisition of all or part of one of its lines of business, or a foreign investor within the meaning of Article R151-1 crossing the threshold of 25% of its voting rights, or 10% if its shares are admitted to trading on a regulated market.`,
      ),
    ),
    p(
      c.t(
        FR`Autorisation. La Partie concernée indique si l'opération est soumise à l'autorisation préalable du ministre chargé de l'économie et, le cas échéant, communique l'autorisation obtenue et les conditions dont elle est assortie, qu'elle s'engage à respecter dans l'exécution du Projet et l'exercice de ses Droits d'accès.`,
        EN`Authorisation. The Party concerned states whether the transaction requires the prior authorisation of the Minister for the Economy and, if so, communicates the authorisation obtained and its conditions, which it undertakes to comply with in carrying out the Project and exercising its Access Rights.`,
      ),
    ),
    p(
      c.t(
        FR`Droit d'opposition. Dans les trente Jours de la notification, chacune des autres Parties peut s'opposer, par écrit et de manière motivée, au maintien des Droits d'accès qu'elle a consentis à la Partie concernée, lorsque l'opération la place sous le Contrôle d'un concurrent ou d'un investisseur étranger, ou compromet la protection de ses Connaissances antérieures, de ses Résultats ou de ses Informations confidentielles. Ces Droits d'accès prennent alors fin à l'issue d'un préavis de trente Jours ; le comité de pilotage peut en outre constater la défaillance de la Partie concernée (${liability}).`,
        EN`Right to object. Within thirty Days of the notification, each other Party may object, in writing and with reasons, to the continuation of the Access Rights it granted to the Party concerned, where the transaction places it under the Control of a competitor or of a foreign investor, or jeopardises the protection of its Background, Results or Confidential Information. Those Access Rights then end after thirty Days' notice; the steering committee may also find the Party concerned in default (${liability}).`,
      ),
    ),
    p(
      c.t(
        FR`Mesure conservatoire. Tant que l'autorisation requise n'est pas obtenue ou que le signalement qui vise une Partie au titre du contrôle des investissements étrangers n'est pas levé, aucune licence exclusive, cession ni autre transfert de Résultats ne peut lui être consenti. Cette clause est une stipulation expresse, déterminante du consentement de chaque Partie.`,
        EN`Interim measure. As long as the required authorisation has not been obtained, or a foreign-investment screening flag concerning a Party has not been cleared, no exclusive licence, assignment or other transfer of Results may be granted to it. This clause is an express provision, essential to each Party's consent.`,
      ),
    ),
    ...(flags.length
      ? [
          p(
            c.t(
              FR`Signalements en cours. À la date de l'Accord, les Parties suivantes font l'objet d'un signalement relevant du contrôle des investissements étrangers :`,
              EN`Current flags. At the date of the Agreement, the following Parties are flagged under foreign-investment screening:`,
            ),
          ),
          bullets(
            flags.map((f) => {
              const who = f.organizationId ? c.partyName(f.organizationId) : c.t(FR`Projet`, EN`Project`);
              return `${who} — ${flagText(c, f)}`;
            }),
          ),
        ]
      : [
          p(
            c.t(
              FR`Signalements en cours. À la date de l'Accord, aucune Partie ne fait l'objet d'un signalement relevant du contrôle des investissements étrangers.`,
              EN`Current flags. At the date of the Agreement, no Party is flagged under foreign-investment screening.`,
            ),
          ),
        ]),
  ];
}

export function exportControlSection(c: Ctx, n: number): Block[] {
  const ec = c.m.exportControl!;
  const p = clauses(n);
  const items = ec.items.map((i) => {
    const cat = `${i.category} (${c.label('exportControlCategory', i.category)})`;
    const entry = i.annexIEntry ?? c.t(FR`non précisée`, EN`not specified`);
    return c.t(
      FR`${i.ownerName} — ${i.key} — ${i.title} : catégorie ${cat}, entrée ${entry}`,
      EN`${i.ownerName} — ${i.key} — ${i.title}: category ${cat}, entry ${entry}`,
    );
  });
  return [
    p(
      c.t(
        FR`Cadre. Les Parties se conforment au règlement (UE) 2021/821 du 20 mai 2021 instituant un régime de l'Union de contrôle des exportations, du courtage, de l'assistance technique, du transit et des transferts en ce qui concerne les biens à double usage. La mise à disposition d'une technologie listée à une personne établie hors de l'Union, y compris par voie électronique ou orale, constitue une exportation (article 2, point 2, d).`,
        EN`Framework. The Parties comply with Regulation (EU) 2021/821 of 20 May 2021 setting up a Union regime for the control of exports, brokering, technical assistance, transit and transfer of dual-use items. Making listed technology available to a person established outside the Union, including electronically or orally, is an export (Article 2(2)(d)).`,
      ),
    ),
    ...(items.length
      ? [
          p(c.t(FR`Éléments concernés. Relèvent de l'annexe I de ce règlement :`, EN`Items concerned. The following fall under Annex I of that Regulation:`)),
          bullets(items),
        ]
      : [
          p(
            c.t(
              FR`Éléments concernés. Aucun élément du Dossier de PI n'est déclaré sous une catégorie de l'annexe I ; la présente clause s'applique en raison des signalements ci-dessous.`,
              EN`Items concerned. No item of the IP File is declared under an Annex I category; this clause applies because of the flags below.`,
            ),
          ),
        ]),
    ...(ec.flags.length
      ? [
          p(c.t(FR`Signalements. Le moteur de risques de Vigie a relevé :`, EN`Flags. Vigie's risk engine raised:`)),
          bullets(ec.flags.map((f) => flagText(c, f))),
        ]
      : []),
    p(
      c.t(
        FR`Licence. Aucune Partie ne transfère ni ne rend accessibles ces éléments, ni les Résultats qui les incorporent, à une personne établie hors de l'Union européenne sans avoir obtenu au préalable la licence requise du service des biens à double usage (SBDU) du ministère chargé de l'industrie. La Partie propriétaire informe les autres du classement de ses éléments ; la Partie destinataire respecte les conditions de la licence. La recherche scientifique fondamentale et les informations relevant du domaine public ne sont pas soumises à ce contrôle. En France, l'arrêté du 2 février 2024 soumet en outre à autorisation l'exportation vers les pays tiers de certains biens d'informatique quantique et de fabrication de semi-conducteurs avancés.`,
        EN`Licence. No Party transfers or makes available these items, or the Results that incorporate them, to a person established outside the European Union without first obtaining the required licence from the dual-use goods department (SBDU) of the French ministry in charge of industry. The owning Party informs the others of the classification of its items; the receiving Party complies with the terms of the licence. Basic scientific research and information in the public domain are not subject to this control. In France, the order of 2 February 2024 also makes the export to third countries of certain quantum computing and advanced semiconductor manufacturing items subject to authorisation.`,
      ),
    ),
    p(
      c.t(
        FR`Registres. Chaque Partie conserve les registres et documents relatifs à ses exportations et transferts de ces éléments pendant au moins cinq ans (article 27, paragraphe 3, du règlement).`,
        EN`Records. Each Party keeps the registers and documents on its exports and transfers of these items for at least five years (Article 27(3) of the Regulation).`,
      ),
    ),
  ];
}

export function zrrSection(c: Ctx, n: number): Block[] {
  const z = c.m.zrr!;
  const p = clauses(n);
  return [
    p(
      c.t(
        FR`Cadre. Le Projet relève en partie du dispositif de protection du potentiel scientifique et technique de la nation (PPST) : articles 413-7 et R413-5-1 du Code pénal, décret n° 2011-1425 du 2 novembre 2011 et arrêté du 3 juillet 2012. L'accès à une zone à régime restrictif (ZRR), y compris l'accès à distance aux informations et savoir-faire qui y sont détenus, est soumis à l'autorisation préalable du chef de l'établissement, quelle que soit la nationalité de la personne.`,
        EN`Framework. The Project partly falls under the scheme for the protection of the nation's scientific and technical potential (PPST): Articles 413-7 and R413-5-1 of the French Criminal Code, decree no. 2011-1425 of 2 November 2011 and the order of 3 July 2012. Access to a restricted-access zone (ZRR), including remote access to the information and know-how held there, requires the prior authorisation of the head of the establishment, whatever the person's nationality.`,
      ),
    ),
    ...(z.parties.length ? [p(c.t(FR`Parties dont des unités relèvent d'une ZRR :`, EN`Parties with units in a ZRR:`)), bullets([...z.parties])] : []),
    ...(z.items.length
      ? [
          p(c.t(FR`Connaissances antérieures issues d'une ZRR :`, EN`Background coming from a ZRR:`)),
          bullets(z.items.map((i) => c.t(FR`${i.ownerName} — ${i.key} — ${i.title}`, EN`${i.ownerName} — ${i.key} — ${i.title}`))),
        ]
      : []),
    ...(z.flags.length
      ? [
          p(c.t(FR`Signalements. Le moteur de risques de Vigie a relevé :`, EN`Flags. Vigie's risk engine raised:`)),
          bullets(z.flags.map((f) => flagText(c, f))),
        ]
      : []),
    p(
      c.t(
        FR`Autorisation d'accès. Toute Partie qui envisage de faire accéder un membre de son personnel, un stagiaire ou un tiers à ces éléments ou à ces unités en informe la Partie concernée au moins trois mois à l'avance, afin que la demande d'autorisation soit instruite. Depuis le 1er janvier 2025 (décret n° 2024-430), le silence gardé pendant deux mois par le ministre consulté vaut avis défavorable, et celui du chef d'établissement pendant trois mois vaut refus. Aucun accès n'a lieu avant l'autorisation.`,
        EN`Access authorisation. A Party planning to give a member of its staff, an intern or a third party access to these items or units informs the Party concerned at least three months in advance, so that the authorisation request can be examined. Since 1 January 2025 (decree no. 2024-430), two months' silence from the minister consulted means an unfavourable opinion, and three months' silence from the head of the establishment means refusal. No access takes place before authorisation.`,
      ),
    ),
    p(
      c.t(
        FR`Accords avec l'étranger. Tout accord envisagé avec une entité étrangère et portant sur des activités menées dans une ZRR est notifié aux ministères concernés avant sa conclusion.`,
        EN`Agreements with foreign entities. Any planned agreement with a foreign entity involving activities carried out in a ZRR is notified to the ministries concerned before it is concluded.`,
      ),
    ),
  ];
}
