/**
 * The agreement as a sequence of layout-independent blocks (pure): what the PDF renderer (shared/pdf) lays out.
 * All text is final (French or English per `model.language`); the renderer only wraps, paginates and draws.
 * Re-exported by ./document.ts, which builds them.
 */

/**
 * Plain text, already typeset: it may hold U+00A0 and U+202F (no-break spaces that must not be broken at) and
 * long words (a SHA-256 in hex); it holds no line break and no markup.
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
   * `widths` are relative column weights. Cells may be long (a description of 20,000 characters): the renderer
   * wraps them and never truncates.
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
  /** PDF metadata (Info dictionary + XMP-free). `language` is a BCP 47 tag (fr-FR, en-GB); `creationDate` = model.generatedAt. */
  meta: { title: string; subject: string; author: string; keywords: string[]; language: string; creationDate: string };
  /** Printed in every page footer: document id, version, "page x / y" and the model's SHA-256. */
  footer: { documentId: string; version: number; modelHash: string; pageLabel: (page: number, pages: number) => string; versionLabel: string };
  /** The cover/title block on page 1. */
  title: { heading: Inline; subtitle: Inline };
  blocks: Block[];
}
