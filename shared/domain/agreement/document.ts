import type { AgreementModel } from './model';
import { modelHash } from './model';

/**
 * The agreement as a sequence of layout-independent blocks (pure): what the PDF renderer (shared/pdf) lays out.
 * All text is final (French or English per `model.language`); the renderer only wraps, paginates and draws.
 */

export type Inline = string;

export type Block =
  /** A numbered section title, e.g. "Article 5 — Connaissances antérieures". `level` 1 = article, 2 = sub-heading. */
  | { kind: 'heading'; level: 1 | 2; text: Inline }
  | { kind: 'paragraph'; text: Inline; style?: 'normal' | 'small' | 'emphasis' }
  | { kind: 'bullets'; items: Inline[] }
  /**
   * A table that may span pages: the header row repeats on every page; a row is never split across pages unless
   * it alone is taller than a page (then its cells continue on the next page, still never cut mid-line).
   * `widths` are relative column weights.
   */
  | { kind: 'table'; caption?: Inline; columns: Inline[]; widths: number[]; rows: Inline[][] }
  /** Signature blocks, one per party: the party, its signatory's name and position, place/date and a signing area. */
  | {
      kind: 'signatures';
      parties: { legalName: Inline; signatoryName: Inline; signatoryPosition: Inline }[];
      labels: { name: Inline; position: Inline; date: Inline; signature: Inline };
    }
  | { kind: 'page-break' };

export interface AgreementDocument {
  /** PDF metadata (Info dictionary + XMP-free). */
  meta: { title: string; subject: string; author: string; keywords: string[]; language: string; creationDate: string };
  /** Printed in every page footer: document id, version, "page x / y" and the model's SHA-256. */
  footer: { documentId: string; version: number; modelHash: string; pageLabel: (page: number, pages: number) => string; versionLabel: string };
  /** The cover/title block on page 1. */
  title: { heading: Inline; subtitle: Inline };
  blocks: Block[];
}

/** Builds the whole document from the model. Placeholder until the full legal text lands (see docs/agreements.md). */
export function agreementDocument(model: AgreementModel): AgreementDocument {
  const fr = model.language === 'fr';
  return {
    meta: {
      title: `${fr ? 'Accord de consortium' : 'Consortium agreement'} ${model.project.acronym}`,
      subject: model.project.title,
      author: 'Vigie',
      keywords: [model.project.acronym, model.documentId, `v${model.version}`, model.ipFile.hash],
      language: fr ? 'fr-FR' : 'en-GB',
      creationDate: model.generatedAt,
    },
    footer: {
      documentId: model.documentId,
      version: model.version,
      modelHash: modelHash(model),
      versionLabel: fr ? 'version' : 'version',
      pageLabel: (p, n) => `page ${p} / ${n}`,
    },
    title: { heading: fr ? 'Accord de consortium' : 'Consortium agreement', subtitle: `${model.project.acronym} — ${model.project.title}` },
    blocks: [
      { kind: 'heading', level: 1, text: fr ? 'Article 1 — Parties' : 'Article 1 — Parties' },
      ...model.parties.map((p) => ({ kind: 'paragraph' as const, text: p.legalName })),
    ],
  };
}
