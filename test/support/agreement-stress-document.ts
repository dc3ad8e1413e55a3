/**
 * A layout stress document built from an agreement model: every kind of block, one background table per party
 * (all items, long cells), the results with their shares, access rights as bullets, a row taller than a page,
 * signature boxes. The layout tests render it with `renderAgreementDocument`, so that they exercise tables and
 * page breaks whatever the legal text of `agreementDocument` currently holds; its meta and footer are the real ones.
 */
import { agreementDocument, type AgreementDocument, type Block } from '../../shared/domain/agreement/document';
import type { AgreementModel } from '../../shared/domain/agreement/model';

const NNBSP = '\u202f';

export const shareText = (s: { name: string; pct: string }): string => `${s.name} ${s.pct.replace('.', ',')}${NNBSP}%`;

export function stressDocument(model: AgreementModel, o: { tallRow?: boolean } = {}): AgreementDocument {
  const real = agreementDocument(model);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'Article 1 — Parties' },
    ...model.parties.map((p): Block => ({
      kind: 'paragraph',
      text: `${p.legalName}, ${p.siren ? `SIREN ${p.siren}` : `immatriculée ${p.registrationId}`}, ${p.registeredAddress?.street ?? ''} ${p.registeredAddress?.postalCode ?? ''} ${p.registeredAddress?.city ?? ''} (${p.country}), représentée par ${p.signatory.name}, ${p.signatory.position}.`,
    })),
    { kind: 'heading', level: 1, text: 'Article 2 — Définitions' },
    { kind: 'bullets', items: ['« Connaissances antérieures » : les éléments de l’annexe 1.', '« Résultats » : les éléments de l’article 3.'] },
    { kind: 'paragraph', style: 'small', text: 'Les montants s’entendent hors taxes (1 000 € = mille euros).' },
    { kind: 'paragraph', style: 'emphasis', text: 'Les parties conviennent de ce qui suit.' },
    { kind: 'heading', level: 1, text: 'Article 3 — Résultats et quotes-parts' },
    {
      kind: 'table',
      caption: 'Résultats',
      columns: ['Clé', 'Résultat', 'Quotes-parts'],
      widths: [1, 3, 4],
      rows: model.results.map((r) => [r.key, r.title, r.shares.map(shareText).join(' ; ')]),
    },
    { kind: 'heading', level: 1, text: 'Article 4 — Droits d’accès' },
    { kind: 'bullets', items: model.accessRights.map((a) => `${a.grantor.name} → ${a.beneficiary.name} : ${a.subject.title} (${a.fieldOfUse ?? ''})`) },
    { kind: 'page-break' },
    { kind: 'heading', level: 1, text: 'Annexe 1 — Connaissances antérieures' },
    ...model.background.flatMap((g): Block[] => [
      { kind: 'heading', level: 2, text: g.name },
      {
        kind: 'table',
        caption: `Connaissances antérieures de ${g.name}`,
        columns: ['Clé', 'Élément', 'Description', 'Exécution', 'Exploitation', 'Contrôle'],
        widths: [0.8, 2, 4, 1.5, 2.5, 1.3],
        rows: g.items.map((i) => [
          i.key,
          i.title,
          i.description ?? '',
          i.executionConditions.regime,
          [i.exploitationConditions.regime, i.exploitationConditions.text ?? ''].join(' '),
          [
            i.exportControl && i.exportControl.category !== 'none' ? `Annexe I ${i.exportControl.annexIEntry ?? i.exportControl.category}` : '',
            i.fromZrr ? 'ZRR' : '',
          ]
            .filter(Boolean)
            .join(', '),
        ]),
      },
    ]),
    ...(o.tallRow ? [tallTable()] : []),
    { kind: 'page-break' },
    { kind: 'heading', level: 1, text: 'Signatures' },
    {
      kind: 'signatures',
      parties: model.parties.map((p) => ({ legalName: p.legalName, signatoryName: p.signatory.name, signatoryPosition: p.signatory.position })),
      labels: { name: 'Nom', position: 'Qualité', date: 'Date', signature: 'Signature' },
    },
  ];
  return { ...real, blocks };
}

/** A table whose second row is taller than a page (numbered lines, so that a lost or doubled line shows). */
export const TALL_ROW_LINES = 160;
export function tallTable(): Block {
  const numbered = Array.from({ length: TALL_ROW_LINES }, (_, i) => `ligne-${String(i + 1).padStart(3, '0')}`).join('\n');
  return {
    kind: 'table',
    caption: 'Tableau à ligne très haute',
    columns: ['Clé', 'Contenu'],
    widths: [1, 4],
    rows: [
      ['avant', 'Une ligne courte.'],
      ['haute', numbered],
      ['après', 'Une autre ligne courte.'],
    ],
  };
}
