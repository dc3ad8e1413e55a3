import { PDFDocument } from 'pdf-lib';
import { agreementDocument, type AgreementDocument, type Block } from '../domain/agreement/document';
import { modelHash, type AgreementModel } from '../domain/agreement/model';
import { embedAgreementFonts } from './fonts';
import { drawFooters } from './footer';
import { layoutBullets, layoutHeading, layoutPageBreak, layoutParagraph, layoutTitle } from './layout-text';
import { layoutSignatures } from './layout-signatures';
import { layoutTable } from './layout-table';
import { attachModel, setAgreementMetadata } from './metadata';
import { PageWriter } from './page-writer';

/**
 * Renders the agreement PDF (pdf-lib + fontkit, DejaVu embedded as a subset). Deterministic: the same model gives
 * byte-identical output (fixed font names and resource keys, dates from the model, no /ID, no object streams),
 * which is what lets `npm run verify-agreement` re-render a PDF and compare (docs/agreements.md).
 */
export async function renderAgreementPdf(model: AgreementModel): Promise<Uint8Array> {
  return renderAgreementDocument(agreementDocument(model), model);
}

/** Lays out `document` (built from `model`) and attaches `model`: the seam the layout tests use. */
export async function renderAgreementDocument(document: AgreementDocument, model: AgreementModel): Promise<Uint8Array> {
  const hash = modelHash(model);
  if (document.footer.modelHash !== hash) throw new Error('renderAgreementDocument: the document was not built from this model');
  const doc = await PDFDocument.create({ updateMetadata: false });
  const w = new PageWriter(doc, await embedAgreementFonts(doc));
  w.newPage();
  layoutTitle(w, document.title);
  for (const block of document.blocks) layoutBlock(w, block);
  drawFooters(w, document.footer);
  w.finish();
  setAgreementMetadata(doc, document.meta, hash, model.generatedAt);
  await attachModel(doc, model);
  // A classic cross-reference table (no object streams): readable by any tool, and one fixed choice.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

function layoutBlock(w: PageWriter, block: Block): void {
  switch (block.kind) {
    case 'heading':
      return layoutHeading(w, block);
    case 'paragraph':
      return layoutParagraph(w, block);
    case 'bullets':
      return layoutBullets(w, block);
    case 'table':
      return layoutTable(w, block);
    case 'signatures':
      return layoutSignatures(w, block);
    case 'page-break':
      return layoutPageBreak(w);
  }
}
