import type { AgreementDocument } from '../domain/agreement/document';
import { BODY, MARGIN, FOOTER_HEIGHT, RULE_COLOR, STYLES } from './page-geometry';
import type { PageWriter } from './page-writer';

/**
 * The footer of every page, drawn once the page count is known (after the layout):
 *   agr_… — version 3                                    page 2 / 17
 *   SHA-256 <the content model's hash>
 * The hash line is what the verifier reads back (shared/pdf/verify-agreement.ts, {@link FOOTER_HASH_PATTERN}).
 */

/** How the model's hash is printed, and found again by the verifier in a page's text. */
export const footerHashLine = (hash: string): string => `SHA-256 ${hash}`;
export const FOOTER_HASH_PATTERN = /SHA-256 ([0-9a-f]{64})/;

export function drawFooters(w: PageWriter, footer: AgreementDocument['footer']): void {
  const style = STYLES.footer;
  const pages = w.pages;
  const n = pages.length;
  const left = w.printable(`${footer.documentId} — ${footer.versionLabel} ${footer.version}`, style.font);
  const hashLine = w.printable(footerHashLine(footer.modelHash), style.font);
  const top = MARGIN + FOOTER_HEIGHT;
  pages.forEach((page, i) => {
    const pageLabel = w.printable(footer.pageLabel(i + 1, n), style.font);
    w.line(BODY.left, top, BODY.right, top, 0.5, RULE_COLOR, page);
    w.text(left, BODY.left, top - 3, style, page);
    w.text(pageLabel, BODY.right - w.width(pageLabel, style), top - 3, style, page);
    w.text(hashLine, BODY.left, top - 3 - style.leading, style, page);
  });
}
