import type { Block } from './blocks';
import { clauses, para, type Ctx } from './context';
import { EN, FR } from './format';

/** Personal data, governing law, disputes, language and miscellaneous; then the signatures. Sources: docs/agreements.md. */

export function generalProvisionsSection(c: Ctx, n: number): Block[] {
  const p = clauses(n);
  return [
    p(
      c.t(
        FR`Données personnelles. Les Parties traitent les données à caractère personnel échangées pour l'Accord, notamment l'identité et les coordonnées des signataires et des contacts, conformément au règlement (UE) 2016/679 (RGPD) et à la loi n° 78-17 du 6 janvier 1978. Chaque Partie est responsable des traitements qu'elle met en œuvre et ne traite ces données que pour l'exécution de l'Accord. Si le Projet implique d'autres traitements, les Parties concluent au préalable les accords requis par les articles 26 ou 28 du RGPD.`,
        EN`Personal data. The Parties process the personal data exchanged for the Agreement, in particular the identity and contact details of signatories and contacts, in accordance with Regulation (EU) 2016/679 (GDPR) and the French Data Protection Act no. 78-17 of 6 January 1978. Each Party is the controller of the processing it carries out and processes these data only to perform the Agreement. If the Project involves other processing, the Parties first enter into the agreements required by Articles 26 or 28 of the GDPR.`,
      ),
    ),
    p(c.t(FR`Droit applicable. L'Accord est régi par le droit français.`, EN`Governing law. The Agreement is governed by French law.`)),
    p(
      c.t(
        FR`Différends. Les Parties s'efforcent de régler à l'amiable tout différend relatif à la validité, à l'interprétation ou à l'exécution de l'Accord, d'abord au sein du comité de pilotage, puis entre leurs dirigeants, dans un délai de soixante Jours à compter de sa notification. À défaut, le différend est porté devant le tribunal judiciaire de Paris, qui est en tout état de cause exclusivement compétent en matière de brevets (articles L615-17 du Code de la propriété intellectuelle et D211-6 du Code de l'organisation judiciaire).`,
        EN`Disputes. The Parties endeavour to settle amicably any dispute on the validity, interpretation or performance of the Agreement, first within the steering committee, then between their senior executives, within sixty Days of its notification. Failing that, the dispute is brought before the Tribunal judiciaire de Paris, which in any event has exclusive jurisdiction over patent matters (Article L615-17 of the French Intellectual Property Code and Article D211-6 of the French Code of Judicial Organisation).`,
      ),
    ),
    p(
      c.t(
        FR`Langue. L'Accord est rédigé en français. Une version anglaise peut en être établie pour information ; en cas de divergence, la version française prévaut.`,
        EN`Language. The Agreement is drawn up in French. This English version is provided for information only; in case of any discrepancy between the two versions, the French version prevails.`,
      ),
    ),
    p(
      c.t(
        FR`Dispositions diverses. L'Accord, avec le Dossier de PI dont il est tiré, exprime l'intégralité de l'accord des Parties sur son objet. Il ne peut être modifié que par avenant écrit signé par toutes les Parties ; toute modification du Dossier de PI donne lieu à une nouvelle version de l'Accord. La nullité d'une stipulation n'affecte pas les autres. Les notifications sont faites par écrit, par lettre recommandée avec avis de réception ou par courrier électronique avec accusé de réception, aux signataires.`,
        EN`Miscellaneous. The Agreement, together with the IP File from which it is drawn, is the entire agreement of the Parties on its subject. It may be amended only in writing signed by all Parties; any change to the IP File gives rise to a new version of the Agreement. The invalidity of one provision does not affect the others. Notices are given in writing, by registered letter with acknowledgement of receipt or by email with acknowledgement of receipt, to the signatories.`,
      ),
    ),
  ];
}

export function signaturesSection(c: Ctx): Block[] {
  const count = c.m.parties.length;
  return [
    para(
      c.t(
        count === 1 ? FR`Fait en un exemplaire original.` : FR`Fait en ${count} exemplaires originaux, un pour chaque Partie.`,
        count === 1 ? EN`Executed in one original.` : EN`Executed in ${count} originals, one for each Party.`,
      ),
    ),
    para(
      c.t(
        FR`Chaque Partie signe l'Accord sur son propre exemplaire ; la copie signée de chaque Partie est déposée dans Vigie, qui en enregistre l'empreinte SHA-256. L'Accord entre en vigueur à la date de la dernière signature.`,
        EN`Each Party signs the Agreement on its own copy; each Party's signed copy is uploaded to Vigie, which records its SHA-256 fingerprint. The Agreement enters into force on the date of the last signature.`,
      ),
    ),
    {
      kind: 'signatures',
      parties: c.m.parties.map((p) => ({ legalName: p.legalName, signatoryName: p.signatory.name, signatoryPosition: p.signatory.position })),
      labels: {
        name: c.t(FR`Nom`, EN`Name`),
        position: c.t(FR`Qualité`, EN`Position`),
        date: c.t(FR`Date et lieu`, EN`Date and place`),
        signature: c.t(FR`Signature`, EN`Signature`),
      },
    },
  ];
}
