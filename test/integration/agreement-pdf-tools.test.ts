/**
 * The agreement PDF checked by independent tools (issue 10 §3): qpdf and poppler-utils (pdfinfo, pdftotext,
 * pdfdetach), which `.ci/run` installs from Debian. No emulator is used; the file lives with the integration
 * tests because it runs external programs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { agreementDocument } from '../../shared/domain/agreement/document';
import { modelHash, type AgreementModel } from '../../shared/domain/agreement/model';
import { sha256Hex } from '../../shared/domain/audit';
import { MARGIN, PAGE_HEIGHT, PAGE_WIDTH } from '../../shared/pdf/page-geometry';
import { AGREEMENT_MODEL_ATTACHMENT } from '../../shared/pdf/metadata';
import { renderAgreementDocument, renderAgreementPdf } from '../../shared/pdf/render-agreement';
import { verifyAgreementPdf } from '../../shared/pdf/verify-agreement';
import { agreementFixture, LARGE_AGREEMENT, SMALL_AGREEMENT } from '../support/agreement-fixture';
import { shareText, stressDocument } from '../support/agreement-stress-document';

const run = async (cmd: string, args: string[]) => (await promisify(execFile)(cmd, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' })).stdout;
/** Text compared without whitespace (U+00A0 and U+202F included) nor hyphens, which line breaks may add or drop. */
const norm = (s: string) => s.replace(/[\s\u00a0\u202f\-\u2010]+/g, '');

const dir = mkdtempSync(join(tmpdir(), 'vigie-agreement-pdf-'));
const small = agreementFixture(SMALL_AGREEMENT);
const large = agreementFixture(LARGE_AGREEMENT);
const renderStress = (m: AgreementModel) => renderAgreementDocument(stressDocument(m, { tallRow: true }), m);

interface Case {
  name: string;
  model: AgreementModel;
  file: string;
  pages: number;
}
const cases: Record<'small' | 'large' | 'stress', Case> = {} as never;

beforeAll(async () => {
  try {
    await run('qpdf', ['--version']);
    await run('pdfinfo', ['-v']);
  } catch {
    throw new Error('These tests need qpdf and poppler-utils: apt-get install -y qpdf poppler-utils (.ci/run does it).');
  }
  const make = async (name: keyof typeof cases, model: AgreementModel, pdf: Uint8Array) => {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(await run('pdfinfo', [file]))![1]);
    cases[name] = { name, model, file, pages };
  };
  await make('small', small, await renderAgreementPdf(small));
  await make('large', large, await renderAgreementPdf(large));
  await make('stress', large, await renderStress(large));
}, 120_000);

describe.each(['small', 'large', 'stress'] as const)('%s agreement', (name) => {
  const c = () => cases[name];

  test('qpdf --check passes', async () => {
    const out = await run('qpdf', ['--check', c().file]);
    expect(out).toContain('No syntax or stream encoding errors found');
  });

  test('pdfinfo shows the page count and the metadata (creation date = generatedAt)', async () => {
    const info = await run('pdfinfo', ['-isodates', c().file]);
    const meta = agreementDocument(c().model).meta;
    const field = (k: string) => new RegExp(`^${k}:\\s+(.*)$`, 'm').exec(info)?.[1];
    expect(field('Title')).toBe(meta.title);
    expect(field('Subject')).toBe(meta.subject);
    expect(field('Author')).toBe(meta.author);
    expect(field('Keywords')).toContain(`SHA-256:${modelHash(c().model)}`);
    for (const k of meta.keywords) expect(field('Keywords')).toContain(k);
    expect(field('CreationDate')).toBe(c().model.generatedAt.replace('.000Z', 'Z'));
    expect(field('ModDate')).toBe(c().model.generatedAt.replace('.000Z', 'Z'));
    expect(Number(field('Pages'))).toBeGreaterThanOrEqual(1);
    expect(field('Page size')).toContain('(A4)');
  });

  test('pdfdetach lists the attached model; the saved bytes hash to the printed hash', async () => {
    expect(await run('pdfdetach', ['-list', c().file])).toMatch(new RegExp(`1 embedded files\\s+1: ${AGREEMENT_MODEL_ATTACHMENT.replace('.', '\\.')}`));
    const out = join(dir, `${name}-model.json`);
    await run('pdfdetach', ['-save', '1', '-o', out, c().file]);
    expect(sha256Hex(readFileSync(out))).toBe(modelHash(c().model));
  });

  test('pdftotext: the footer of every page carries the document id, the version, "page k / n" and the hash', async () => {
    const pages = (await run('pdftotext', ['-raw', c().file, '-'])).split('\f').slice(0, -1);
    const footer = agreementDocument(c().model).footer;
    expect(pages).toHaveLength(c().pages);
    pages.forEach((text, i) => {
      expect(text).toContain(`page ${i + 1} / ${c().pages}`);
      expect(text).toContain(`SHA-256 ${modelHash(c().model)}`);
      expect(norm(text)).toContain(norm(`${footer.documentId} — ${footer.versionLabel} ${footer.version}`));
    });
  });

  test('no text outside the page margins (pdftotext -bbox-layout: every word box)', async () => {
    const xml = await run('pdftotext', ['-bbox-layout', c().file, '-']);
    const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
    expect(words.length).toBeGreaterThan(20);
    expect(xml).toContain(`<page width="${PAGE_WIDTH.toFixed(6)}" height="${PAGE_HEIGHT.toFixed(6)}">`);
    const tolerance = 0.5;
    const outside = words
      .map((m) => ({ word: m[5], box: m.slice(1, 5).map(Number) as [number, number, number, number] }))
      .filter(
        ({ box: [x0, y0, x1, y1] }) =>
          x0 < MARGIN - tolerance || y0 < MARGIN - tolerance || x1 > PAGE_WIDTH - MARGIN + tolerance || y1 > PAGE_HEIGHT - MARGIN + tolerance,
      );
    expect(outside).toEqual([]);
  });

  test('the verifier says intact', async () => {
    const bytes = new Uint8Array(readFileSync(c().file));
    const r = await verifyAgreementPdf(bytes, name === 'stress' ? { render: renderStress } : {});
    expect(r.findings).toEqual([]);
  });
});

describe('pdftotext finds the text', () => {
  test('the current document: every level-1 heading, the title and every party name', async () => {
    for (const c of [cases.small, cases.large]) {
      const text = norm(await run('pdftotext', ['-raw', c.file, '-']));
      const doc = agreementDocument(c.model);
      const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
      expect(headings.length).toBeGreaterThan(0);
      for (const h of headings) expect(text).toContain(norm(h));
      expect(text).toContain(norm(doc.title.heading));
      for (const p of c.model.parties) expect(text).toContain(norm(p.legalName));
    }
  });

  // The legal text of agreementDocument lands separately: once it has the background annex and the results, the
  // same check runs on it; until then the stress document's tables (below) carry the items and the shares.
  const documentText = JSON.stringify(agreementDocument(large).blocks);
  const hasAnnex = large.background.every((g) => g.items.every((i) => documentText.includes(i.title)));
  (hasAnnex ? test : test.skip)('the current document: every background item title and every share', async () => {
    const text = norm(await run('pdftotext', ['-raw', cases.large.file, '-']));
    for (const g of large.background) for (const i of g.items) expect(text).toContain(norm(i.title));
    for (const r of large.results) for (const s of r.shares) expect(text).toContain(norm(s.name));
  });

  test('the 20-partner, 200-item stress document: every party, background item title and share, in tables over many pages', async () => {
    const text = norm(await run('pdftotext', ['-raw', cases.stress.file, '-']));
    expect(cases.stress.pages).toBeGreaterThan(30);
    expect(large.background.flatMap((g) => g.items)).toHaveLength(200);
    for (const p of large.parties) expect(text).toContain(norm(p.legalName));
    for (const g of large.background) for (const i of g.items) expect(text).toContain(norm(i.title));
    for (const r of large.results) for (const s of r.shares) expect(text).toContain(norm(shareText(s)));
  });
});

describe('tampering with independent tools', () => {
  test('qpdf --qdf, then one byte of the attached model changed in place: the verifier names the hash mismatch', async () => {
    const qdf = join(dir, 'small.qdf.pdf');
    await run('qpdf', ['--qdf', '--object-streams=disable', cases.small.file, qdf]);
    const rewritten = new Uint8Array(readFileSync(qdf));
    const untouched = await verifyAgreementPdf(rewritten);
    expect(untouched.intact).toBe(false); // rewritten by another tool: not the rendering any more…
    expect(untouched.findings.map((f) => f.code)).not.toContain('printed-hash-mismatch'); // …but the proof still holds
    expect(untouched.attachmentSha256).toBe(modelHash(small));

    const latin1 = Buffer.from(rewritten).toString('latin1');
    const name = small.parties[0]!.legalName;
    const at = latin1.indexOf(Buffer.from(`"legalName":"${name}"`).toString('latin1'));
    expect(at).toBeGreaterThan(0); // qdf mode stores the attachment uncompressed
    const patched = Buffer.from(rewritten);
    patched[at + '"legalName":"'.length] = 'X'.charCodeAt(0);
    const r = await verifyAgreementPdf(new Uint8Array(patched));
    expect(r.intact).toBe(false);
    expect(r.findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'printed-hash-mismatch', printed: [modelHash(small)] })]));
  });
});
