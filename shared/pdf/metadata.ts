import { AFRelationship, type PDFDocument } from 'pdf-lib';
import type { AgreementDocument } from '../domain/agreement/document';
import { modelJson, type AgreementModel } from '../domain/agreement/model';

/**
 * The PDF's metadata (Info dictionary and catalog /Lang) and its proof: the canonical content model attached as
 * an embedded file, the way PDF/A-3 attaches the XML of an e-invoice (AFRelationship Source, listed in the
 * catalog's /AF). All dates are the model's `generatedAt`: no clock is read, so the bytes are reproducible.
 */

/** Bump when the layout or the legal text changes: a PDF then re-renders identically only with its own version. */
export const AGREEMENT_RENDERER_VERSION = 1;
export const PDF_CREATOR = 'Vigie';
export const PDF_PRODUCER = `Vigie agreement renderer ${AGREEMENT_RENDERER_VERSION} (pdf-lib, DejaVu Sans)`;
/** Finds the renderer version in a Producer entry. */
export const RENDERER_VERSION_PATTERN = /^Vigie agreement renderer (\d+)\b/;
export const AGREEMENT_MODEL_ATTACHMENT = 'agreement-model.json';
export const AGREEMENT_MODEL_MIME = 'application/json';

/** The keyword carrying the model's SHA-256 (the footer prints the same hash on every page). */
export const hashKeyword = (hash: string): string => `SHA-256:${hash}`;
export const KEYWORD_HASH_PATTERN = /(?:^|\s)SHA-256:([0-9a-f]{64})(?:\s|$)/;

const DESCRIPTION = {
  fr: "Modèle de contenu canonique de l'accord (JSON, UTF-8) : son SHA-256 est imprimé au pied de chaque page.",
  en: 'Canonical content model of the agreement (JSON, UTF-8): its SHA-256 is printed in the footer of every page.',
} as const;

export function setAgreementMetadata(doc: PDFDocument, meta: AgreementDocument['meta'], hash: string, generatedAt: string): void {
  const at = new Date(generatedAt);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setAuthor(meta.author);
  const keywords = meta.keywords.includes(hashKeyword(hash)) ? meta.keywords : [...meta.keywords, hashKeyword(hash)];
  doc.setKeywords(keywords);
  doc.setLanguage(meta.language);
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(PDF_PRODUCER);
  doc.setCreationDate(at);
  doc.setModificationDate(at);
}

/** Attaches `modelJson(model)` (the exact bytes the printed hash covers). */
export async function attachModel(doc: PDFDocument, model: AgreementModel): Promise<void> {
  const at = new Date(model.generatedAt);
  await doc.attach(new TextEncoder().encode(modelJson(model)), AGREEMENT_MODEL_ATTACHMENT, {
    mimeType: AGREEMENT_MODEL_MIME,
    description: DESCRIPTION[model.language],
    creationDate: at,
    modificationDate: at,
    afRelationship: AFRelationship.Source,
  });
}
