/**
 * The reference for bench/agreements.bench.ts: bare pdf-lib laying out the same strings as the agreement renderer,
 * with the same fonts (DejaVu Sans and Bold, embedded as subsets), the way a first version would — every string as
 * a paragraph at full width (table cells too: no table logic), words measured with `widthOfTextAtSize`, lines
 * drawn with `page.drawText`, a new page when the next line does not fit, three footer lines per page
 * ("page k" without the total: no second pass). pdf-lib's defaults otherwise (object streams, metadata), no
 * attachment.
 */
import fontkit from '@pdf-lib/fontkit';
import { PageSizes, PDFDocument, type PDFFont } from 'pdf-lib';
import type { AgreementDocument } from '../../shared/domain/agreement/document';

interface Run {
  text: string;
  bold: boolean;
  size: number;
}

/** Every string of the document, in reading order, with a font and size close to the renderer's. */
export function documentRuns(doc: AgreementDocument): Run[] {
  const runs: Run[] = [
    { text: doc.title.heading, bold: true, size: 18 },
    { text: doc.title.subtitle, bold: false, size: 12 },
  ];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') runs.push({ text: b.text, bold: true, size: b.level === 1 ? 12.5 : 10.5 });
    else if (b.kind === 'paragraph') runs.push({ text: b.text, bold: b.style === 'emphasis', size: b.style === 'small' ? 8.5 : 10 });
    else if (b.kind === 'bullets') runs.push(...b.items.map((text) => ({ text, bold: false, size: 10 })));
    else if (b.kind === 'table') {
      if (b.caption) runs.push({ text: b.caption, bold: true, size: 9 });
      runs.push(...b.columns.map((text) => ({ text, bold: true, size: 8 })));
      for (const row of b.rows) runs.push(...row.map((text) => ({ text, bold: false, size: 8 })));
    } else if (b.kind === 'signatures') {
      for (const p of b.parties) {
        runs.push({ text: p.legalName, bold: true, size: 10 });
        for (const text of [b.labels.name, p.signatoryName, b.labels.position, p.signatoryPosition, b.labels.date, b.labels.signature]) {
          runs.push({ text, bold: false, size: 8 });
        }
      }
    }
  }
  return runs;
}

const MARGIN = 56.69;

export async function renderBare(doc: AgreementDocument, fonts: { regular: Uint8Array; bold: Uint8Array }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const [width, height] = PageSizes.A4;
  const maxWidth = width - 2 * MARGIN;
  const bottom = MARGIN + 34;
  let page = pdf.addPage(PageSizes.A4);
  let y = height - MARGIN;
  const footer = () => {
    page.drawText(`${doc.footer.documentId} — ${doc.footer.versionLabel} ${doc.footer.version}`, { x: MARGIN, y: MARGIN + 15, size: 7, font: regular });
    page.drawText(`page ${pdf.getPageCount()}`, { x: width - MARGIN - 40, y: MARGIN + 15, size: 7, font: regular });
    page.drawText(`SHA-256 ${doc.footer.modelHash}`, { x: MARGIN, y: MARGIN + 6, size: 7, font: regular });
  };
  footer();
  for (const run of documentRuns(doc)) {
    const font = run.bold ? bold : regular;
    const leading = run.size * 1.35;
    for (const line of wrap(run.text, font, run.size, maxWidth)) {
      if (y - leading < bottom) {
        page = pdf.addPage(PageSizes.A4);
        y = height - MARGIN;
        footer();
      }
      y -= leading;
      if (line) page.drawText(line, { x: MARGIN, y, size: run.size, font });
    }
    y -= 4;
  }
  return pdf.save();
}

/** Greedy wrapping at spaces, each word measured once (a word wider than the line overflows: no hard break). */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = font.widthOfTextAtSize(' ', size);
  let line = '';
  let w = 0;
  for (const word of text.split(/[ \n]+/)) {
    const ww = font.widthOfTextAtSize(word, size);
    if (line && w + space + ww > maxWidth) {
      lines.push(line);
      line = word;
      w = ww;
    } else {
      line = line ? `${line} ${word}` : word;
      w += (line === word ? 0 : space) + ww;
    }
  }
  lines.push(line);
  return lines;
}
