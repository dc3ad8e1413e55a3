import type { AgreementDocument, Block } from './blocks';
import { confidentialitySection, changeOfControlSection, exportControlSection, publicationsSection, zrrSection } from './clauses-compliance';
import { generalProvisionsSection, signaturesSection } from './clauses-end';
import { definitionsSection, governanceSection, liabilitySection, partiesSection, proofBlock, purposeSection } from './clauses-front';
import { accessRightsSection, backgroundSection, exploitationSection, patentsSection, resultsSection } from './clauses-ip';
import { makeCtx, type AgreementSectionId, type Ctx } from './context';
import { EN, FR } from './format';
import type { AgreementModel } from './model';
import { modelHash } from './model';

export type { AgreementDocument, Block, Inline } from './blocks';
export { AGREEMENT_SECTION_IDS, type AgreementSectionId } from './context';
export { formatDate, formatPct } from './format';

/**
 * The consortium agreement as blocks, built from its content model (pure and deterministic: same model, same
 * document). Sections follow docs/reference/domain.md §3 in the order of {@link AGREEMENT_SECTION_IDS}; each is
 * a level-1 heading « Article N — Titre ». The export-control and ZRR articles exist exactly when the model has
 * them, and the articles after them are numbered on (no gaps). Sources and drafting choices: docs/agreements.md.
 */

interface SectionDef {
  id: AgreementSectionId;
  title: { fr: string; en: string };
  present?: (m: AgreementModel) => boolean;
  body: (c: Ctx, n: number) => Block[];
  /** Starts on a new page (the signature page). */
  newPage?: boolean;
}

const SECTIONS: readonly SectionDef[] = [
  { id: 'parties', title: { fr: FR`Parties`, en: EN`Parties` }, body: partiesSection },
  { id: 'definitions', title: { fr: FR`Définitions`, en: EN`Definitions` }, body: definitionsSection },
  { id: 'purpose', title: { fr: FR`Objet, entrée en vigueur et durée`, en: EN`Purpose, entry into force and duration` }, body: purposeSection },
  { id: 'governance', title: { fr: FR`Gouvernance`, en: EN`Governance` }, body: governanceSection },
  { id: 'liability', title: { fr: FR`Responsabilités`, en: EN`Responsibilities and liability` }, body: liabilitySection },
  { id: 'background', title: { fr: FR`Annexe des connaissances antérieures`, en: EN`Background annex` }, body: backgroundSection },
  { id: 'results', title: { fr: FR`Propriété des résultats et copropriété`, en: EN`Ownership of results and joint ownership` }, body: resultsSection },
  { id: 'patents', title: { fr: FR`Dépôt des brevets et frais`, en: EN`Patent filing and costs` }, body: patentsSection },
  { id: 'access-rights', title: { fr: FR`Droits d'accès`, en: EN`Access rights` }, body: accessRightsSection },
  { id: 'exploitation', title: { fr: FR`Plan d'exploitation`, en: EN`Exploitation plan` }, body: exploitationSection },
  { id: 'confidentiality', title: { fr: FR`Confidentialité`, en: EN`Confidentiality` }, body: confidentialitySection },
  { id: 'publications', title: { fr: FR`Publications`, en: EN`Publications` }, body: publicationsSection },
  { id: 'change-of-control', title: { fr: FR`Changement de contrôle`, en: EN`Change of control` }, body: changeOfControlSection },
  {
    id: 'export-control',
    title: { fr: FR`Contrôle des exportations et biens à double usage`, en: EN`Export control and dual-use items` },
    present: (m) => m.exportControl !== null,
    body: exportControlSection,
  },
  {
    id: 'zrr',
    title: {
      fr: FR`Protection du potentiel scientifique et technique (PPST et ZRR)`,
      en: EN`Protection of the scientific and technical potential (PPST and ZRR)`,
    },
    present: (m) => m.zrr !== null,
    body: zrrSection,
  },
  {
    id: 'general-provisions',
    title: { fr: FR`Données personnelles, droit applicable, litiges et langue`, en: EN`Personal data, governing law, disputes and language` },
    body: generalProvisionsSection,
  },
  { id: 'signatures', title: { fr: FR`Signatures`, en: EN`Signatures` }, body: signaturesSection, newPage: true },
];

/** The sections present (test/unit/agreement-document.test.ts checks that their ids are {@link AGREEMENT_SECTION_IDS}, in order) in this model's agreement, numbered consecutively, with their level-1 heading. */
export function agreementSections(model: AgreementModel): { id: AgreementSectionId; number: number; heading: string }[] {
  return SECTIONS.filter((s) => !s.present || s.present(model)).map((s, i) => ({
    id: s.id,
    number: i + 1,
    heading: `Article ${i + 1} — ${s.title[model.language]}`,
  }));
}

/** The level-1 headings actually present, in order (what `pdftotext` must find in the PDF). */
export const sectionHeadings = (model: AgreementModel): string[] => agreementSections(model).map((s) => s.heading);

/** Builds the whole document from the model. */
export function agreementDocument(model: AgreementModel): AgreementDocument {
  const fr = model.language === 'fr';
  const present = agreementSections(model);
  const c = makeCtx(model, new Map(present.map((s) => [s.id, s.number])));
  const byId = new Map(SECTIONS.map((s) => [s.id, s]));
  const heading = fr ? 'Accord de consortium' : 'Consortium agreement';
  const blocks: Block[] = [...proofBlock(c)];
  for (const s of present) {
    const def = byId.get(s.id)!;
    if (def.newPage) blocks.push({ kind: 'page-break' });
    blocks.push({ kind: 'heading', level: 1, text: s.heading }, ...def.body(c, s.number));
  }
  return {
    meta: {
      title: `${heading} ${model.project.acronym}`,
      subject: fr
        ? FR`Accord de consortium du projet ${model.project.acronym} — ${model.project.title}`
        : `Consortium agreement of the project ${model.project.acronym} — ${model.project.title}`,
      author: 'Vigie',
      keywords: [model.project.acronym, heading.toLowerCase(), model.documentId, `version ${model.version}`, model.ipFile.hash],
      language: fr ? 'fr-FR' : 'en-GB',
      creationDate: model.generatedAt,
    },
    footer: {
      documentId: model.documentId,
      version: model.version,
      modelHash: modelHash(model),
      versionLabel: 'version',
      pageLabel: (p, n) => `page ${p} / ${n}`,
    },
    title: { heading, subtitle: `${model.project.acronym} — ${model.project.title}` },
    blocks,
  };
}
