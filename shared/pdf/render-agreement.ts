import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { AFRelationship, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { AgreementModel } from '../domain/agreement/model';
import { modelJson } from '../domain/agreement/model';
import { agreementDocument, type Block } from '../domain/agreement/document';

/**
 * Renders the agreement PDF (pdf-lib + fontkit, DejaVu embedded as a subset). Deterministic: the same model gives
 * byte-identical output (fixed dates from the model, pdf-lib's seeded ids, no random names).
 *
 * MINIMAL STAND-IN (branch agr-api): just enough layout for the API, storage and signature tests to hold a real,
 * deterministic PDF with the model attached. The real renderer (tables with repeated headers, signature blocks,
 * margins checked) replaces this file at merge; keep the exported signature.
 *
 * Fonts come from `process.env.VIGIE_FONT_DIR` when set (the Lambda bundle copies them next to the handler),
 * else from node_modules/dejavu-fonts-ttf/ttf; they are read once per container.
 */
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;

function fontDir(): string {
  return process.env.VIGIE_FONT_DIR || join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
}

function loadFonts(): { regular: Uint8Array; bold: Uint8Array } {
  return (fonts ??= {
    regular: readFileSync(join(fontDir(), FONT_FILES.regular)),
    bold: readFileSync(join(fontDir(), FONT_FILES.bold)),
  });
}

const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = 56;
const FOOTER_Y = 28;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Blocks → (text, bold, size) lines; tables and signatures as plain rows (the real renderer lays them out). */
function blockLines(b: Block): { text: string; bold: boolean; size: number }[] {
  switch (b.kind) {
    case 'heading':
      return [{ text: b.text, bold: true, size: b.level === 1 ? 13 : 11 }];
    case 'paragraph':
      return [{ text: b.text, bold: b.style === 'emphasis', size: b.style === 'small' ? 8 : 10 }];
    case 'bullets':
      return b.items.map((i) => ({ text: `• ${i}`, bold: false, size: 10 }));
    case 'table':
      return [
        ...(b.caption ? [{ text: b.caption, bold: true, size: 10 }] : []),
        { text: b.columns.join(' | '), bold: true, size: 9 },
        ...b.rows.map((r) => ({ text: r.join(' | '), bold: false, size: 9 })),
      ];
    case 'signatures':
      return b.parties.flatMap((p) => [
        { text: p.legalName, bold: true, size: 10 },
        { text: `${b.labels.name} : ${p.signatoryName} — ${b.labels.position} : ${p.signatoryPosition}`, bold: false, size: 10 },
        { text: `${b.labels.date} :            ${b.labels.signature} :`, bold: false, size: 10 },
      ]);
    case 'page-break':
      return [];
  }
}

export async function renderAgreementPdf(model: AgreementModel): Promise<Uint8Array> {
  const doc = agreementDocument(model);
  const created = new Date(doc.meta.creationDate);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const bytes = loadFonts();
  const regular = await pdf.embedFont(bytes.regular, { subset: true, customName: 'DejaVuSans' });
  const bold = await pdf.embedFont(bytes.bold, { subset: true, customName: 'DejaVuSans-Bold' });

  const width = A4.width - 2 * MARGIN;
  let page: PDFPage = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const newPage = () => {
    page = pdf.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN;
  };
  const draw = (text: string, font: PDFFont, size: number) => {
    for (const line of wrap(text, font, size, width)) {
      if (y - size * 1.4 < MARGIN) newPage();
      y -= size * 1.4;
      page.drawText(line, { x: MARGIN, y, size, font, color: rgb(0, 0, 0) });
    }
  };
  draw(doc.title.heading, bold, 18);
  draw(doc.title.subtitle, regular, 12);
  y -= 12;
  for (const block of doc.blocks) {
    if (block.kind === 'page-break') newPage();
    for (const l of blockLines(block)) draw(l.text, l.bold ? bold : regular, l.size);
    y -= 6;
  }

  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const footer = `${doc.footer.documentId} — ${doc.footer.versionLabel} ${doc.footer.version} — ${doc.footer.pageLabel(i + 1, pages.length)}`;
    p.drawText(footer, { x: MARGIN, y: FOOTER_Y + 10, size: 7, font: regular });
    p.drawText(`SHA-256 ${doc.footer.modelHash}`, { x: MARGIN, y: FOOTER_Y, size: 7, font: regular });
  });

  await pdf.attach(new TextEncoder().encode(modelJson(model)), 'agreement-model.json', {
    mimeType: 'application/json',
    description: 'Canonical content model of this agreement (its SHA-256 is printed on every page)',
    creationDate: created,
    modificationDate: created,
    afRelationship: AFRelationship.Source,
  });
  pdf.setTitle(doc.meta.title);
  pdf.setSubject(doc.meta.subject);
  pdf.setAuthor(doc.meta.author);
  pdf.setKeywords(doc.meta.keywords);
  pdf.setLanguage(doc.meta.language);
  pdf.setCreator('Vigie');
  pdf.setProducer('Vigie (pdf-lib)');
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);
  return pdf.save();
}
