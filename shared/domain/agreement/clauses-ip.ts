import type { Block } from './blocks';
import { bullets, clauses, para, type Ctx } from './context';
import { addMonths, EN, FR, sentence } from './format';
import { jurisdictionLabel } from './labels';
import type { AgreementModel } from './model';

/**
 * The IP core of the agreement: the background annex, ownership of results and co-ownership (CPI L613-29 to
 * L613-32), patent filing and costs, access rights, exploitation plan (Lambert). Sources: docs/agreements.md.
 */

type Item = AgreementModel['background'][number]['items'][number];
type Result = AgreementModel['results'][number];
type AccessRight = AgreementModel['accessRights'][number];

/** Months the co-owners of a result have to sign their co-ownership regulation (`separate-regulation`). */
export const CO_OWNERSHIP_REGULATION_MONTHS = 6;
/** Access rights for exploitation may be requested up to this many months after the project ends (domain.md §1). */
export const ACCESS_REQUEST_MONTHS = 12;

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function conditionsCell(c: Ctx, cond: Item['executionConditions']): string {
  const regime = cond.regime ? capitalize(c.label('conditionRegime', cond.regime)) : c.t(FR`Non renseignées`, EN`Not provided`);
  return cond.text ? `${sentence(regime)} ${cond.text}` : sentence(regime);
}

function itemCell(c: Ctx, item: Item): string {
  const parts = [
    sentence(`${item.key} — ${item.title}`),
    sentence(c.t(FR`Type : ${c.label('backgroundType', item.type)}`, EN`Type: ${c.label('backgroundType', item.type)}`)),
  ];
  if (item.identifiers.length) {
    const ids = item.identifiers.map((i) => `${i.value} (${c.label('identifierKind', i.kind)})`).join(', ');
    parts.push(sentence(c.t(FR`Identifiants : ${ids}`, EN`Identifiers: ${ids}`)));
  }
  if (item.jurisdictions.length) {
    const js = item.jurisdictions.map((j) => jurisdictionLabel(j, c.lang)).join(', ');
    parts.push(sentence(c.t(FR`Territoires : ${js}`, EN`Jurisdictions: ${js}`)));
  }
  if (item.owners.length) {
    const owners = item.owners.join(', ');
    parts.push(sentence(c.t(FR`Titulaires : ${owners}`, EN`Owners: ${owners}`)));
  }
  if (item.description) parts.push(c.t(FR`Description : ${item.description}`, EN`Description: ${item.description}`));
  return parts.join(' ');
}

function exclusionsCell(c: Ctx, item: Item): string {
  const out: string[] = [];
  if (item.executionConditions.regime === 'excluded') out.push(c.t(FR`Exclu de l'exécution du Projet.`, EN`Excluded from carrying out the Project.`));
  if (item.exploitationConditions.regime === 'excluded') out.push(c.t(FR`Exclu de l'Exploitation.`, EN`Excluded from Exploitation.`));
  if (item.fromZrr) {
    const see = c.ref('zrr');
    out.push(
      c.t(
        FR`Issu d'une zone à régime restrictif (ZRR)${see ? FR`, voir l'${see}` : ''}.`,
        EN`Comes from a restricted-access zone (ZRR)${see ? `, see ${see}` : ''}.`,
      ),
    );
  }
  const ec = item.exportControl;
  if (ec && ec.category !== 'none') {
    const see = c.ref('export-control');
    const cat = `${ec.category} (${c.label('exportControlCategory', ec.category)})`;
    const entry = ec.annexIEntry ? c.t(FR`, entrée ${ec.annexIEntry}`, EN`, entry ${ec.annexIEntry}`) : '';
    out.push(
      c.t(
        FR`Bien à double usage : annexe I du règlement (UE) 2021/821, catégorie ${cat}${entry}${see ? FR`, voir l'${see}` : ''}.`,
        EN`Dual-use item: Annex I of Regulation (EU) 2021/821, category ${cat}${entry}${see ? `, see ${see}` : ''}.`,
      ),
    );
  } else if (ec) {
    out.push(c.t(FR`Non listé à l'annexe I du règlement (UE) 2021/821.`, EN`Not listed in Annex I of Regulation (EU) 2021/821.`));
  }
  return out.length ? out.join(' ') : c.t(FR`Aucune.`, EN`None.`);
}

export function backgroundSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  const columns = [
    c.t(FR`Élément`, EN`Item`),
    c.t(FR`Conditions pour l'exécution du Projet`, EN`Conditions for carrying out the Project`),
    c.t(FR`Conditions pour l'Exploitation`, EN`Conditions for Exploitation`),
    c.t(FR`Exclusions, ZRR et contrôle des exportations`, EN`Exclusions, ZRR and export control`),
  ];
  return [
    p(
      c.t(
        FR`Chaque Partie identifie ci-après ses Connaissances antérieures, telles qu'elles figurent dans le Dossier de PI, avec pour chacune les conditions des Droits d'accès pour l'exécution du Projet et pour l'Exploitation, et ses exclusions. Une Connaissance antérieure exclue pour une finalité ne donne lieu à aucun Droit d'accès pour cette finalité. Aucune Partie n'est tenue d'accorder un Droit d'accès à des connaissances qui ne figurent pas dans la présente annexe.`,
        EN`Each Party identifies below its Background, as recorded in the IP File, with for each item the conditions of Access Rights for carrying out the Project and for Exploitation, and its exclusions. Background excluded for a purpose gives rise to no Access Right for that purpose. No Party is obliged to grant Access Rights to knowledge not listed in this annex.`,
      ),
    ),
    p(
      c.t(
        FR`Les Connaissances antérieures restent la propriété de la Partie qui les apporte, ou de leurs titulaires ; l'Accord n'emporte aucune cession.`,
        EN`Background remains the property of the Party contributing it, or of its owners; the Agreement transfers no ownership.`,
      ),
    ),
    ...c.m.background.map((g): Block =>
      g.items.length
        ? {
            kind: 'table',
            caption: g.name,
            columns,
            widths: [4, 3, 3, 3],
            rows: g.items.map((i) => [
              itemCell(c, i),
              conditionsCell(c, i.executionConditions),
              conditionsCell(c, i.exploitationConditions),
              exclusionsCell(c, i),
            ]),
          }
        : para(c.t(FR`${g.name} n'apporte aucune Connaissance antérieure au Projet.`, EN`${g.name} contributes no Background to the Project.`)),
    ),
  ];
}

function resultCell(c: Ctx, r: Result): string {
  const parts = [sentence(`${r.key} — ${r.title}`)];
  if (r.description) parts.push(sentence(r.description));
  if (r.plannedFilingDate) parts.push(c.t(FR`Dépôt prévu : ${c.date(r.plannedFilingDate)}.`, EN`Planned filing: ${c.date(r.plannedFilingDate)}.`));
  if (r.plannedPublications.length) {
    const pubs = r.plannedPublications.map((x) => `${x.venue} (${c.date(x.date)})`).join(', ');
    parts.push(c.t(FR`Publications prévues : ${pubs}.`, EN`Planned publications: ${pubs}.`));
  }
  return parts.join(' ');
}

/** « Alpha SA — 33,3333 % ; Beta — 66,6667 % » / "Alpha SA — 33.3333%; Beta — 66.6667%". */
export const sharesText = (c: Ctx, r: Result): string =>
  r.shares.length ? r.shares.map((s) => `${s.name} — ${c.pct(s.pct)}`).join(c.semicolon) : c.t(FR`Non renseignées`, EN`Not provided`);

export function resultsSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  const { m } = c;
  // Clauses are numbered in call order: the principle first.
  const principle = p(
    c.t(
      FR`Principe. Les Résultats appartiennent à la Partie qui les a générés. Les Résultats générés conjointement par plusieurs Parties, sans qu'il soit possible de distinguer la part de chacune, leur appartiennent en copropriété selon les quotes-parts indiquées ci-dessous ; les quotes-parts d'un même Résultat totalisent exactement 100 %.`,
      EN`Principle. Results belong to the Party that generated them. Results generated jointly by several Parties, where the contribution of each cannot be separated, are jointly owned by them in the shares set out below; the shares of one Result add up to exactly 100%.`,
    ),
  );
  const table: Block[] = m.results.length
    ? [
        p(
          c.t(
            FR`Les Résultats identifiés dans le Dossier de PI et leurs quotes-parts sont les suivants.`,
            EN`The Results identified in the IP File and their shares are as follows.`,
          ),
        ),
        {
          kind: 'table',
          columns: [
            c.t(FR`Résultat`, EN`Result`),
            c.t(FR`Déclaré par`, EN`Declared by`),
            c.t(FR`Domaines technologiques`, EN`Technology domains`),
            c.t(FR`Quotes-parts`, EN`Shares`),
          ],
          widths: [5, 2.5, 2.5, 3],
          rows: m.results.map((r) => [
            resultCell(c, r),
            c.partyName(r.declaredBy),
            r.technologyDomains.map((d) => c.label('technologyDomain', d)).join(', ') || '—',
            sharesText(c, r),
          ]),
        },
      ]
    : [
        p(
          c.t(
            FR`Le Dossier de PI n'identifie à ce jour aucun Résultat ; les Résultats obtenus en cours de Projet sont déclarés dans Vigie et donnent lieu à une nouvelle version de l'Accord lorsqu'ils sont en copropriété.`,
            EN`The IP File identifies no Result to date; Results obtained during the Project are declared in Vigie and, when jointly owned, give rise to a new version of the Agreement.`,
          ),
        ),
      ];
  return [principle, ...table, ...(m.coOwnership.regime === 'separate-regulation' ? separateRegulation(c, p) : legalDefault(c, p))];
}

function legalDefault(c: Ctx, p: (text: string) => Block): Block[] {
  return [
    p(
      c.t(
        FR`Régime de la copropriété. Faute de règlement de copropriété, la copropriété des Résultats est régie par les articles L613-29 à L613-32 du Code de la propriété intellectuelle, qui s'appliquent par défaut, et dont les Parties rappellent la mise en œuvre :`,
        EN`Joint ownership rules. In the absence of a co-ownership regulation, joint ownership of Results is governed by Articles L613-29 to L613-32 of the French Intellectual Property Code, which apply by default and which the Parties recall as follows:`,
      ),
    ),
    bullets(
      c.lang === 'fr'
        ? [
            FR`chaque copropriétaire peut exploiter l'invention à son profit, sauf à indemniser équitablement les autres copropriétaires qui ne l'exploitent pas personnellement ou qui n'ont pas concédé de licence ; à défaut d'accord amiable, l'indemnité est fixée par le tribunal judiciaire (L613-29, a) ;`,
            FR`chaque copropriétaire peut agir en contrefaçon à son seul profit, à charge de notifier l'assignation aux autres copropriétaires (L613-29, b) ;`,
            FR`chaque copropriétaire peut concéder à un tiers une licence d'exploitation non exclusive à son profit, sauf à indemniser équitablement les autres copropriétaires qui n'exploitent pas personnellement l'invention ou qui n'ont pas concédé de licence ; le projet de concession est notifié aux autres copropriétaires avec une offre de cession de sa quote-part à un prix déterminé, et chacun d'eux peut, dans un délai de trois mois, s'opposer à la concession à condition d'acquérir cette quote-part (L613-29, c) ;`,
            FR`une licence d'exploitation exclusive ne peut être concédée qu'avec l'accord de tous les copropriétaires ou par autorisation de justice (L613-29, d) ;`,
            FR`chaque copropriétaire peut céder sa quote-part ; les autres copropriétaires disposent d'un droit de préemption pendant trois mois à compter de la notification du projet de cession, le prix étant fixé par le tribunal judiciaire à défaut d'accord (L613-29, e) ;`,
            FR`les articles 815 et suivants du Code civil, relatifs à l'indivision, ne s'appliquent pas (L613-30) ; un copropriétaire peut notifier aux autres qu'il abandonne sa quote-part à leur profit, et se libère ainsi de toute obligation à leur égard (L613-31) ;`,
            FR`les copropriétaires peuvent à tout moment déroger à ces règles par un règlement de copropriété (L613-32).`,
          ]
        : [
            EN`each co-owner may exploit the invention for its own benefit, subject to fairly compensating the other co-owners who do not exploit it themselves or have not granted a licence; failing agreement, the compensation is set by the court (L613-29(a));`,
            EN`each co-owner may bring infringement proceedings for its sole benefit, provided it notifies the summons to the other co-owners (L613-29(b));`,
            EN`each co-owner may grant a third party a non-exclusive licence for its own benefit, subject to fairly compensating the other co-owners who do not exploit the invention themselves or have not granted a licence; the proposed licence is notified to the other co-owners with an offer to sell its share at a stated price, and each of them may, within three months, object to the licence on condition of acquiring that share (L613-29(c));`,
            EN`an exclusive licence may be granted only with the consent of all co-owners or by leave of the court (L613-29(d));`,
            EN`each co-owner may assign its share; the other co-owners have a right of pre-emption for three months from notification of the proposed assignment, the price being set by the court failing agreement (L613-29(e));`,
            EN`Articles 815 et seq. of the French Civil Code on undivided ownership do not apply (L613-30); a co-owner may notify the others that it abandons its share to them, and is thereby released from any obligation towards them (L613-31);`,
            EN`the co-owners may derogate from these rules at any time by a co-ownership regulation (L613-32).`,
          ],
    ),
    para(
      c.t(
        FR`Les Parties appliquent ces règles par analogie aux Résultats en copropriété qui ne sont pas des inventions brevetables (logiciels, savoir-faire, bases de données).`,
        EN`The Parties apply these rules by analogy to jointly owned Results that are not patentable inventions (software, know-how, databases).`,
      ),
    ),
  ];
}

function separateRegulation(c: Ctx, p: (text: string) => Block): Block[] {
  const months = CO_OWNERSHIP_REGULATION_MONTHS;
  return [
    p(
      c.t(
        FR`Régime de la copropriété. Les copropriétaires de chaque Résultat en copropriété concluent entre eux un règlement de copropriété, au sens de l'article L613-32 du Code de la propriété intellectuelle, dans un délai de ${months} mois à compter de la première demande de titre portant sur ce Résultat ou, à défaut de dépôt, de son identification. Ce règlement fixe notamment la gestion, la protection, l'Exploitation du Résultat et le partage des revenus qui en sont tirés. Dans l'attente de sa signature, les articles L613-29 à L613-32 du Code de la propriété intellectuelle s'appliquent.`,
        EN`Joint ownership rules. The co-owners of each jointly owned Result enter into a co-ownership regulation (règlement de copropriété) within the meaning of Article L613-32 of the French Intellectual Property Code within ${months} months of the first application for a title covering that Result or, if none is filed, of its identification. That regulation sets out in particular the management, protection and Exploitation of the Result and the sharing of the revenue it yields. Until it is signed, Articles L613-29 to L613-32 of the French Intellectual Property Code apply.`,
      ),
    ),
  ];
}

/** The default managing co-owner: the largest share; on a tie the declaring party if tied, else the first listed. */
export function defaultManager(r: Result): Result['shares'][number] | undefined {
  let best: Result['shares'][number] | undefined;
  for (const s of r.shares) {
    const better =
      !best ||
      Number(s.pct) > Number(best.pct) ||
      (Number(s.pct) === Number(best.pct) && s.organizationId === r.declaredBy && best.organizationId !== r.declaredBy);
    if (better) best = s;
  }
  return best;
}

export function patentsSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  const joint = c.m.results.filter((r) => r.shares.length > 1);
  return [
    p(
      c.t(
        FR`Résultats d'une seule Partie. La Partie seule propriétaire d'un Résultat décide de sa protection et la met en œuvre à son nom et à ses frais.`,
        EN`Results of a single Party. The Party that alone owns a Result decides on its protection and carries it out in its own name and at its own cost.`,
      ),
    ),
    p(
      c.t(
        FR`Gestionnaire. Pour chaque Résultat en copropriété, les copropriétaires désignent d'un commun accord l'un d'entre eux comme gestionnaire, chargé de préparer, déposer, maintenir et défendre les titres au nom de tous, après les avoir consultés sur toute décision (dépôt, choix des pays, réponses aux offices, abandon). À défaut de désignation, le gestionnaire est le copropriétaire qui détient la plus grande quote-part ; en cas d'égalité, la Partie qui a déclaré le Résultat ou, à défaut, la première citée.`,
        EN`Managing co-owner. For each jointly owned Result, the co-owners appoint one of them by mutual agreement as managing co-owner, in charge of preparing, filing, maintaining and defending titles in the name of all, after consulting them on every decision (filing, choice of countries, replies to offices, abandonment). Failing appointment, the managing co-owner is the co-owner holding the largest share; in case of a tie, the Party that declared the Result or, failing that, the first listed.`,
      ),
    ),
    ...(joint.length
      ? [
          bullets(
            joint.map((r) => {
              const mgr = defaultManager(r)!;
              const filing = r.plannedFilingDate
                ? c.t(FR`, dépôt prévu le ${c.date(r.plannedFilingDate)}`, EN`, filing planned on ${c.date(r.plannedFilingDate)}`)
                : '';
              return c.t(
                FR`${r.key} — ${r.title} : gestionnaire par défaut ${mgr.name} (${c.pct(mgr.pct)})${filing}.`,
                EN`${r.key} — ${r.title}: default managing co-owner ${mgr.name} (${c.pct(mgr.pct)})${filing}.`,
              );
            }),
          ),
        ]
      : []),
    p(
      c.t(
        FR`Frais. Les frais de dépôt, d'extension, de procédure, de maintien en vigueur et de défense des titres, y compris les honoraires de conseils en propriété industrielle, sont avancés en euros (€) par le gestionnaire et supportés par les copropriétaires à proportion de leurs quotes-parts. Le gestionnaire adresse à chacun un état des frais accompagné des justificatifs ; chacun rembourse sa part dans les trente Jours de sa réception.`,
        EN`Costs. The costs of filing, extension, prosecution, maintenance and defence of titles, including the fees of patent attorneys, are advanced in euros (€) by the managing co-owner and borne by the co-owners in proportion to their shares. The managing co-owner sends each of them a statement of costs with supporting documents; each reimburses its part within thirty Days of receipt.`,
      ),
    ),
    p(
      c.t(
        FR`Renonciation. Un copropriétaire qui ne souhaite pas participer aux frais d'un dépôt, d'une extension dans un pays ou du maintien d'un titre le notifie aux autres ; ceux-ci peuvent poursuivre à leurs frais, et sa quote-part dans le titre concerné leur est alors cédée sans contrepartie, à proportion de leurs quotes-parts.`,
        EN`Waiver. A co-owner that does not wish to share the costs of a filing, of an extension to a country or of maintaining a title notifies the others; they may proceed at their own cost, and its share in the title concerned is then assigned to them free of charge, in proportion to their shares.`,
      ),
    ),
    p(
      c.t(
        FR`Inventeurs. Chaque Partie fait son affaire de la rémunération de ses salariés inventeurs (article L611-7 du Code de la propriété intellectuelle) ; les inventeurs sont mentionnés dans les demandes.`,
        EN`Inventors. Each Party is responsible for the remuneration of its employee inventors (Article L611-7 of the French Intellectual Property Code); inventors are named in the applications.`,
      ),
    ),
  ];
}

function subjectText(c: Ctx, a: AccessRight): string {
  const owner = a.subject.ownerName ? ` (${a.subject.ownerName})` : '';
  return a.subject.kind === 'result'
    ? c.t(FR`Résultat ${a.subject.key} — ${a.subject.title}${owner}`, EN`Result ${a.subject.key} — ${a.subject.title}${owner}`)
    : c.t(FR`Connaissance antérieure ${a.subject.key} — ${a.subject.title}${owner}`, EN`Background ${a.subject.key} — ${a.subject.title}${owner}`);
}

function territoryText(c: Ctx, a: AccessRight): string {
  const t = a.territory;
  if (!t) return c.t(FR`Sans objet`, EN`Not applicable`);
  if (t.scope === 'countries') return t.countries.join(', ') || '—';
  return capitalize(c.label('territoryScope', t.scope));
}

export function accessRightsSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  const { m } = c;
  const here = c.ref('access-rights')!;
  const requestDeadline = c.date(addMonths(m.project.endDate, ACCESS_REQUEST_MONTHS));
  const limits = [c.ref('background'), c.ref('change-of-control'), c.ref('export-control'), c.ref('zrr')].filter((x): x is string => x !== null);
  const defaultTerms = (a: AccessRight): string =>
    a.purpose === 'exploitation'
      ? c.t(FR`Conditions équitables et raisonnables, selon l'${here}`, EN`Fair and reasonable conditions, under ${here}`)
      : c.t(FR`À titre gratuit, selon l'${here}`, EN`Royalty-free, under ${here}`);
  const rows = m.accessRights.map((a) => [
    `${a.key} — ${a.grantor.name} → ${a.beneficiary.name}`,
    subjectText(c, a),
    capitalize(c.label('accessPurpose', a.purpose)),
    a.exclusive ? c.t(FR`Exclusif`, EN`Exclusive`) : c.t(FR`Non exclusif`, EN`Non-exclusive`),
    a.fieldOfUse ?? (a.purpose === 'execution' ? c.t(FR`Besoins du Projet`, EN`The Project's needs`) : c.t(FR`Non précisé`, EN`Not specified`)),
    territoryText(c, a),
    a.terms ?? defaultTerms(a),
  ]);
  return [
    p(
      c.t(
        FR`Exécution du Projet. Les Droits d'accès aux Connaissances antérieures et aux Résultats nécessaires à l'exécution du Projet sont accordés à titre gratuit, sauf stipulation contraire de l'annexe des Connaissances antérieures ou du tableau ci-dessous, pour la seule durée du Projet.`,
        EN`Carrying out the Project. Access Rights to Background and Results needed to carry out the Project are granted royalty-free, unless the Background annex or the table below provides otherwise, for the duration of the Project only.`,
      ),
    ),
    p(
      c.t(
        FR`Exploitation. Les Droits d'accès nécessaires à l'Exploitation des Résultats d'une Partie sont accordés à des conditions équitables et raisonnables, à convenir par écrit, sauf stipulation contraire du tableau ci-dessous. Ils peuvent être demandés jusqu'à douze mois après la fin du Projet, soit jusqu'au ${requestDeadline}.`,
        EN`Exploitation. Access Rights needed to Exploit a Party's Results are granted on fair and reasonable conditions, to be agreed in writing, unless the table below provides otherwise. They may be requested until twelve months after the end of the Project, that is until ${requestDeadline}.`,
      ),
    ),
    p(
      c.t(
        FR`Modalités. Les Droits d'accès sont non exclusifs, sauf mention contraire ci-dessous, et ne comportent pas le droit de concéder des sous-licences sans l'accord écrit du concédant. Les Affiliés d'une Partie n'en bénéficient qu'avec l'accord écrit du concédant. Ils s'exercent dans le respect des exclusions et des stipulations des articles suivants : ${c.and(limits.map((x) => x.replace(/^article /, '')))}.`,
        EN`Terms. Access Rights are non-exclusive unless stated otherwise below, and carry no right to grant sub-licences without the grantor's written consent. A Party's Affiliates benefit from them only with the grantor's written consent. They are exercised subject to the exclusions and provisions of the following Articles: ${c.and(limits.map((x) => x.replace(/^Article /, '')))}.`,
      ),
    ),
    ...(rows.length
      ? [
          p(
            c.t(
              FR`Droits d'accès convenus. Les Parties s'accordent les Droits d'accès suivants, tels qu'ils figurent dans le Dossier de PI.`,
              EN`Agreed Access Rights. The Parties grant each other the following Access Rights, as recorded in the IP File.`,
            ),
          ),
          {
            kind: 'table' as const,
            columns: [
              c.t(FR`Concédant → bénéficiaire`, EN`Grantor → beneficiary`),
              c.t(FR`Objet`, EN`Subject`),
              c.t(FR`Finalité`, EN`Purpose`),
              c.t(FR`Exclusivité`, EN`Exclusivity`),
              c.t(FR`Domaine d'utilisation`, EN`Field of use`),
              c.t(FR`Territoire`, EN`Territory`),
              c.t(FR`Conditions`, EN`Terms`),
            ],
            widths: [3, 3.5, 2, 1.6, 2.5, 2, 3],
            rows,
          },
        ]
      : [
          p(
            c.t(
              FR`Droits d'accès convenus. Le Dossier de PI ne prévoit aucun Droit d'accès particulier ; les principes ci-dessus s'appliquent.`,
              EN`Agreed Access Rights. The IP File provides for no specific Access Right; the principles above apply.`,
            ),
          ),
        ]),
  ];
}

export function exploitationSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  return [
    p(
      c.t(
        FR`Schéma retenu. Les Parties retiennent le schéma du modèle D des accords de consortium de la boîte à outils Lambert : chaque Partie est propriétaire des Résultats qu'elle génère, les autres Parties en ont l'usage pour les besoins du Projet, et toute Exploitation des Résultats d'une autre Partie fait l'objet d'une licence ou d'une cession que leur propriétaire s'engage à négocier de bonne foi, dans les conditions de l'${c.ref('access-rights')!}.`,
        EN`Chosen model. The Parties follow model D of the Lambert toolkit's consortium agreements: each Party owns the Results it generates, the other Parties may use them for the Project, and any Exploitation of another Party's Results requires a licence or assignment that their owner undertakes to negotiate in good faith, on the terms of ${c.ref('access-rights')!}.`,
      ),
    ),
    p(
      c.t(
        FR`Autres schémas. Par avenant approuvé par le comité de pilotage, les Parties peuvent retenir pour tout ou partie des Résultats un autre modèle de la même boîte à outils : modèle A (chaque Partie concède aux autres une licence non exclusive pour le Projet et pour toute autre finalité), modèle B (cession ou licence exclusive à une Partie chargée de l'Exploitation, contre une part des revenus), ou modèle C (chaque Partie reçoit les Résultats qui relèvent de son cœur de métier, à charge de les exploiter).`,
        EN`Other models. By an amendment approved by the steering committee, the Parties may adopt for all or some Results another model of the same toolkit: model A (each Party grants the others a non-exclusive licence for the Project and for any other purpose), model B (assignment or exclusive licence to one Party in charge of Exploitation, against a share of revenue), or model C (each Party takes the Results relevant to its core business and undertakes to exploit them).`,
      ),
    ),
    p(
      c.t(
        FR`Plan d'exploitation. Avant la fin du Projet, chaque Partie communique au coordinateur son plan d'exploitation des Résultats qu'elle détient ou codétient ; le coordinateur les consolide et les communique aux Parties et, le cas échéant, à l'organisme financeur. Les Résultats étant issus d'un financement public, les Parties s'efforcent de les exploiter en priorité au sein de l'Union européenne.`,
        EN`Exploitation plan. Before the end of the Project, each Party sends the coordinator its plan for exploiting the Results it owns or co-owns; the coordinator consolidates the plans and sends them to the Parties and, where applicable, to the funding body. As the Results come from public funding, the Parties endeavour to exploit them within the European Union first.`,
      ),
    ),
  ];
}
