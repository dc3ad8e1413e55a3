import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PDFRawStream } from 'pdf-lib';
import { PDFArray, PDFDict, PDFDocument, PDFName, decodePDFRawStream } from 'pdf-lib';
import { agreementDocument, type AgreementDocument } from '../../shared/domain/agreement/document';
import { modelHash, modelJson, type AgreementModel } from '../../shared/domain/agreement/model';
import { sha256Hex } from '../../shared/domain/audit';
import {
  AGREEMENT_FONT_FILES,
  EMBEDDED_FONT_NAMES,
  FONT_DIR_ENV,
  embedAgreementFonts,
  fontDirectory,
  loadFontBytes,
  resetFontCache,
} from '../../shared/pdf/fonts';
import { AGREEMENT_MODEL_ATTACHMENT, PDF_CREATOR, PDF_PRODUCER, hashKeyword } from '../../shared/pdf/metadata';
import { embeddedFile, pageText, pageTextRuns, type TextRun } from '../../shared/pdf/pdf-inspect';
import { renderAgreementDocument, renderAgreementPdf } from '../../shared/pdf/render-agreement';
import { BODY, MARGIN } from '../../shared/pdf/page-geometry';
import { num } from '../../shared/pdf/page-writer';
import { agreementFixture, LARGE_AGREEMENT, SMALL_AGREEMENT } from '../support/agreement-fixture';
import { stressDocument, TALL_ROW_LINES } from '../support/agreement-stress-document';

const ROOT = join(__dirname, '../..');
const NBSP = '\u00a0';
const NNBSP = '\u202f';
const strip = (s: string) => s.replace(/\s+/g, '');
const load = (pdf: Uint8Array) => PDFDocument.load(pdf, { updateMetadata: false });
const pagesText = async (pdf: Uint8Array) => (await load(pdf)).getPages().map((p) => pageText(p));

const small = agreementFixture(SMALL_AGREEMENT);
const large = agreementFixture(LARGE_AGREEMENT);

/** A document with the given blocks, the real meta, title and footer of `model`. */
const withBlocks = (model: AgreementModel, blocks: AgreementDocument['blocks']): AgreementDocument => ({ ...agreementDocument(model), blocks });

describe('renderAgreementPdf: deterministic', () => {
  let first: Uint8Array;
  beforeAll(async () => {
    first = await renderAgreementPdf(small);
  });

  test('the same model gives byte-identical PDFs, twice in a process', async () => {
    const second = await renderAgreementPdf(small);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const text = Buffer.from(first).toString('latin1');
    expect(text).not.toMatch(/\/ID\s*\[/); // no random file identifier
    expect(text).not.toMatch(/\/ObjStm/); // one fixed choice: a classic cross-reference table
  });

  test('and in another process (another module instance and font cache)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/render-hash.ts'), 'small'], { cwd: ROOT });
    expect(stdout.trim()).toBe(sha256Hex(first));
  });

  test('another generation date, version or language gives another PDF', async () => {
    const later = await renderAgreementPdf({ ...small, generatedAt: '2026-04-02T09:30:01.000Z' });
    expect(sha256Hex(later)).not.toBe(sha256Hex(first));
  });

  test('the document must be built from the model it is rendered with', async () => {
    await expect(renderAgreementDocument(agreementDocument(large), small)).rejects.toThrow('not built from this model');
  });
});

describe('metadata and the attached model', () => {
  let doc: PDFDocument;
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await renderAgreementPdf(small);
    doc = await load(pdf);
  });

  test('Info dictionary and /Lang: the document meta, fixed creator and producer, dates = generatedAt', () => {
    const meta = agreementDocument(small).meta;
    expect(doc.getTitle()).toBe(meta.title);
    expect(doc.getSubject()).toBe(meta.subject);
    expect(doc.getAuthor()).toBe(meta.author);
    expect(doc.getKeywords()).toBe([...meta.keywords, hashKeyword(modelHash(small))].join(' '));
    expect(doc.getCreator()).toBe(PDF_CREATOR);
    expect(doc.getProducer()).toBe(PDF_PRODUCER);
    expect(doc.getCreationDate()?.toISOString()).toBe(small.generatedAt);
    expect(doc.getModificationDate()?.toISOString()).toBe(small.generatedAt);
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toBe(`(${meta.language})`);
  });

  test('the canonical model is attached (application/json, Source, listed in /AF, dated generatedAt)', () => {
    const file = embeddedFile(doc, AGREEMENT_MODEL_ATTACHMENT)!;
    expect(new TextDecoder().decode(file.bytes)).toBe(modelJson(small));
    expect(sha256Hex(file.bytes)).toBe(modelHash(small));
    expect(file.spec.get(PDFName.of('AFRelationship'))?.toString()).toBe('/Source');
    const af = doc.catalog.lookup(PDFName.of('AF'), PDFArray);
    expect(af.asArray().map(String)).toContain(
      String(
        (doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray) as PDFArray).get(
          1,
        ),
      ),
    );
    const stream = doc.context.lookup(file.spec.lookup(PDFName.of('EF'), PDFDict).get(PDFName.of('F'))) as PDFRawStream;
    expect(stream.dict.get(PDFName.of('Subtype'))?.toString()).toBe('/application#2Fjson');
    expect(stream.dict.lookup(PDFName.of('Params'), PDFDict).get(PDFName.of('CreationDate'))?.toString()).toBe('(D:20260402093000Z)');
    expect(file.spec.lookup(PDFName.of('Desc'))).toBeDefined();
  });

  test('DejaVu Sans and Bold embedded as subsets under fixed names', () => {
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).toContain(`/BaseFont /${EMBEDDED_FONT_NAMES.regular}`);
    expect(text).toContain(`/BaseFont /${EMBEDDED_FONT_NAMES.bold}`);
    const fontFiles = [...doc.context.enumerateIndirectObjects()]
      .filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type'))?.toString() === '/FontDescriptor')
      .map(([, o]) => doc.context.lookup((o as PDFDict).get(PDFName.of('FontFile2'))) as PDFRawStream);
    expect(fontFiles).toHaveLength(2);
    // Subsets: a few kB of glyphs, not the 700 kB files.
    for (const f of fontFiles) expect(decodePDFRawStream(f).decode().length).toBeLessThan(100_000);
  });
});

describe('text, footers and French typography', () => {
  test('every page has the footer: document id, version, "page k / n" and the model hash', async () => {
    const pages = await pagesText(await renderAgreementDocument(stressDocument(large), large));
    const footer = agreementDocument(large).footer;
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((texts, i) => {
      expect(texts).toContain(`${footer.documentId} — ${footer.versionLabel} ${footer.version}`);
      expect(texts).toContain(footer.pageLabel(i + 1, pages.length));
      expect(texts).toContain(`SHA-256 ${modelHash(large)}`);
    });
  });

  test('é, œ, « », €, U+00A0 and U+202F are drawn with their own glyphs (read back through ToUnicode)', async () => {
    const sentence = `Œuvre «${NBSP}protégée${NBSP}»${NNBSP}: 12${NNBSP}500${NBSP}€, cœur, ÉTÉ`;
    const pdf = await renderAgreementDocument(
      withBlocks(small, [
        { kind: 'paragraph', text: sentence },
        { kind: 'heading', level: 1, text: sentence },
      ]),
      small,
    );
    const [texts] = await pagesText(pdf);
    expect(texts!.filter((t) => t === sentence)).toHaveLength(2);
    expect(texts!.join('')).not.toContain('\ufffd');
  });

  test('characters the font lacks become U+FFFD (visible), controls become spaces; text is NFC', async () => {
    const pdf = await renderAgreementDocument(withBlocks(small, [{ kind: 'paragraph', text: 'Société 株式会社\u0007fin e\u0301' }]), small);
    const [texts] = await pagesText(pdf);
    expect(texts).toContain('Société \ufffd\ufffd\ufffd\ufffd fin é');
  });

  test('the current document: every heading and party name is in the PDF', async () => {
    const doc = agreementDocument(small);
    const texts = (await pagesText(await renderAgreementPdf(small))).flat().join('\n');
    for (const b of doc.blocks) if (b.kind === 'heading') expect(strip(texts)).toContain(strip(b.text));
    for (const p of small.parties) expect(strip(texts)).toContain(strip(p.legalName));
    expect(texts).toContain(doc.title.heading);
  });
});

describe('layout', () => {
  let pages: string[][];
  let runs: TextRun[][];
  beforeAll(async () => {
    const doc = await load(await renderAgreementDocument(stressDocument(large, { tallRow: true }), large));
    runs = doc.getPages().map((p) => pageTextRuns(p));
    pages = runs.map((r) => r.map((x) => x.text));
  }, 60_000);

  test('body text stays in the body (between the top margin and the footer), the footer below it in the margin box', () => {
    const footer = agreementDocument(large).footer;
    runs.forEach((page, i) => {
      const isFooter = (t: string) => t === `SHA-256 ${footer.modelHash}` || t === footer.pageLabel(i + 1, runs.length) || t.startsWith(footer.documentId);
      for (const r of page) {
        const where = { page: i + 1, text: r.text.slice(0, 40) };
        expect({ ...where, left: r.x >= BODY.left - 0.01 }).toEqual({ ...where, left: true });
        if (isFooter(r.text)) expect({ ...where, inFooter: r.y >= MARGIN && r.y < BODY.bottom }).toEqual({ ...where, inFooter: true });
        else expect({ ...where, inBody: r.y >= BODY.bottom && r.y + (1901 / 2048) * r.size <= BODY.top + 0.01 }).toEqual({ ...where, inBody: true });
      }
    });
  });

  const pageOf = (needle: string) => pages.flatMap((texts, i) => (strip(texts.join('')).includes(strip(needle)) ? [i] : []));

  test('a row taller than a page continues on the next pages line by line: every line once, in order, header repeated', () => {
    const lines = pages.flatMap((texts, i) => texts.filter((t) => /^ligne-\d{3}$/.test(t)).map((t) => ({ t, page: i })));
    expect(lines.map((l) => l.t)).toEqual(Array.from({ length: TALL_ROW_LINES }, (_, i) => `ligne-${String(i + 1).padStart(3, '0')}`));
    const spanned = [...new Set(lines.map((l) => l.page))];
    expect(spanned.length).toBeGreaterThanOrEqual(2);
    for (const p of spanned) expect(pages[p]).toEqual(expect.arrayContaining(['Clé', 'Contenu']));
    // The rows around it: before on the first page of the row (or earlier), after on the last one (or later).
    expect(pageOf('Une ligne courte.')[0]).toBeLessThanOrEqual(spanned[0]!);
    expect(pageOf('Une autre ligne courte.')[0]).toBeGreaterThanOrEqual(spanned[spanned.length - 1]!);
  });

  test('a row that fits on a page is never split: each item description lies whole on one page', () => {
    for (const group of large.background) {
      for (const item of group.items) {
        expect({ item: item.key, pages: pageOf(item.description!).length }).toEqual({ item: item.key, pages: 1 });
      }
    }
  });

  test('a table continued on the next page repeats its header row', () => {
    const header = ['Clé', 'Élément', 'Description', 'Exécution', 'Exploitation', 'Contrôle'];
    const itemPages = new Set(large.background.flatMap((g) => g.items.flatMap((i) => pageOf(i.description!))));
    expect(itemPages.size).toBeGreaterThan(20);
    for (const p of itemPages) expect(pages[p]).toEqual(expect.arrayContaining(header));
  });

  test('signature boxes: one per party, never split (the party, its signatory and the labels on one page)', () => {
    for (const party of large.parties) {
      const found = pages.filter((texts) => {
        const at = texts.indexOf(party.signatory.name);
        return at > 0 && texts.slice(Math.max(0, at - 4), at).includes('Nom') && texts.slice(at, at + 6).includes('Signature');
      });
      expect({ party: party.legalName, boxes: found.length }).toEqual({ party: party.legalName, boxes: 1 });
    }
  });

  test('a page break on an empty page does not leave a blank page', async () => {
    const pdf = await renderAgreementDocument(
      withBlocks(small, [{ kind: 'page-break' }, { kind: 'page-break' }, { kind: 'paragraph', text: 'après' }, { kind: 'page-break' }]),
      small,
    );
    const texts = await pagesText(pdf);
    expect(texts).toHaveLength(2); // the title block's page, then the paragraph's: no blank page
    expect(texts[1]).toContain('après');
  });

  test('a heading is never left alone at the foot of a page: it starts the next page with what follows', async () => {
    let moved = 0;
    for (let n = 28; n <= 46; n++) {
      const pdf = await renderAgreementDocument(
        withBlocks(small, [
          ...Array.from({ length: n }, (_, i) => ({ kind: 'paragraph' as const, text: `Paragraphe ${i + 1}` })),
          { kind: 'heading', level: 2, text: 'Titre' },
          { kind: 'paragraph', text: 'suite' },
        ]),
        small,
      );
      const texts = await pagesText(pdf);
      const page = texts.findIndex((t) => t.includes('Titre'));
      expect({ n, suiteOnHeadingPage: texts[page]!.includes('suite') }).toEqual({ n, suiteOnHeadingPage: true });
      if (page > 0 && texts[page]![0] === 'Titre') moved++;
    }
    expect(moved).toBeGreaterThan(0); // the range does reach the foot of the first page
  });

  test('tables without rows or caption; a header taller than a page still lets the rows through', async () => {
    const tallHeader = Array.from({ length: 90 }, (_, i) => `h${i}`).join('\n');
    const pdf = await renderAgreementDocument(
      withBlocks(small, [
        { kind: 'table', columns: ['Vide'], widths: [1], rows: [] },
        { kind: 'table', columns: [tallHeader, 'B'], widths: [1, 0], rows: [['r1', 'r2\nr3']] },
      ]),
      small,
    );
    const all = (await pagesText(pdf)).flat();
    expect(all).toEqual(expect.arrayContaining(['Vide', 'h0', 'h89', 'r1', 'r2', 'r3']));
  });

  test('the keywords carry the hash once, even when the document already lists it', async () => {
    const doc = agreementDocument(small);
    const withHash = { ...doc, meta: { ...doc.meta, keywords: [...doc.meta.keywords, hashKeyword(modelHash(small))] } };
    const loaded = await load(await renderAgreementDocument(withHash, small));
    expect(loaded.getKeywords()!.split(hashKeyword(modelHash(small))).length).toBe(2);
  });

  test('content-stream numbers: two decimals at most, no exponent, no negative zero', () => {
    expect([num(1), num(1.5), num(56.685), num(0.004), num(-0.001), num(-3.14159), num(1e-7), num(841.89)]).toEqual([
      '1',
      '1.5',
      '56.69',
      '0',
      '0',
      '-3.14',
      '0',
      '841.89',
    ]);
  });

  test('tables: missing widths count as 1, missing cells are empty, a caption starts with its table', async () => {
    const pdf = await renderAgreementDocument(
      withBlocks(small, [{ kind: 'table', caption: 'Légende', columns: ['A', 'B', 'C'], widths: [2], rows: [['a1'], ['a2', 'b2', 'c2']] }]),
      small,
    );
    const [texts] = await pagesText(pdf);
    expect(texts).toEqual(expect.arrayContaining(['Légende', 'A', 'B', 'C', 'a1', 'a2', 'b2', 'c2']));
    expect(BODY.width).toBeGreaterThan(400);
  });
});

describe('shaping word by word (the page writer draws a line as its words joined by the space glyph)', () => {
  test('gives the glyphs and width of shaping the whole text, for 40 texts of the stress document (long cells included), in both fonts', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const fonts = await embedAgreementFonts(doc);
    const texts = JSON.stringify(stressDocument(large, { tallRow: true }).blocks).split(/["\\]/);
    const lines = [...new Set(texts.flatMap((t) => t.split(/\s*\n\s*/)))].filter((l) => l.includes(' ')).slice(0, 40);
    expect(lines.length).toBe(40);
    for (const font of [fonts.regular, fonts.bold]) {
      for (const line of lines) {
        const words = line.split(' ');
        const joined = words.map((w) => (w ? font.encodeText(w).asString() : '')).join(font.encodeText(' ').asString());
        expect(joined).toBe(font.encodeText(line).asString());
        const sum = words.reduce((n, w) => n + (w ? font.widthOfTextAtSize(w, 10) : 0), (words.length - 1) * font.widthOfTextAtSize(' ', 10));
        expect(sum).toBeCloseTo(font.widthOfTextAtSize(line, 10), 9);
      }
    }
  });
});

describe('font files', () => {
  const saved = process.env[FONT_DIR_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[FONT_DIR_ENV];
    else process.env[FONT_DIR_ENV] = saved;
    resetFontCache();
  });

  test('read from node_modules by default, from VIGIE_FONT_DIR when set (the Lambda bundle copies the two files)', async () => {
    expect(fontDirectory({})).toMatch(/dejavu-fonts-ttf[/\\]ttf$/);
    expect(fontDirectory({ [FONT_DIR_ENV]: '/opt/fonts' })).toBe('/opt/fonts');
    expect(AGREEMENT_FONT_FILES).toEqual({ regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' });
    const bytes = await loadFontBytes();
    expect(await loadFontBytes()).toBe(bytes); // loaded once
    process.env[FONT_DIR_ENV] = '/nonexistent';
    resetFontCache();
    await expect(loadFontBytes()).rejects.toThrow('ENOENT');
    process.env[FONT_DIR_ENV] = fontDirectory({});
    await expect(loadFontBytes()).resolves.toMatchObject({ regular: expect.any(Uint8Array) }); // a failure is not cached
  });
});
