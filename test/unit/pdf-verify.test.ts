import { PDFDict, PDFDocument, PDFHexString, PDFName, type PDFRawStream } from 'pdf-lib';
import { modelHash, modelJson, type AgreementModel } from '../../shared/domain/agreement/model';
import { sha256Hex } from '../../shared/domain/audit';
import { AGREEMENT_MODEL_ATTACHMENT, AGREEMENT_RENDERER_VERSION } from '../../shared/pdf/metadata';
import { contentRefs, embeddedFile } from '../../shared/pdf/pdf-inspect';
import { renderAgreementDocument, renderAgreementPdf } from '../../shared/pdf/render-agreement';
import { compareWithRecord, verifyAgreementPdf, type Finding, type VerifyResult } from '../../shared/pdf/verify-agreement';
import { describeFinding, formatVerification, pageRanges } from '../../shared/pdf/verify-messages';
import { agreementFixture, SMALL_AGREEMENT } from '../support/agreement-fixture';
import { stressDocument } from '../support/agreement-stress-document';
import { alterPrintedHash, appendIncrementalUpdate, flipByte, removeAttachment, replaceAttachment, setInfo } from '../support/pdf-tamper';

const model = agreementFixture(SMALL_AGREEMENT);
const hash = modelHash(model);
const codes = (r: VerifyResult) => r.findings.map((f) => f.code);
const find = <C extends Finding['code']>(r: VerifyResult, code: C) => r.findings.find((f) => f.code === code) as Extract<Finding, { code: C }> | undefined;
const load = (pdf: Uint8Array) => PDFDocument.load(pdf, { updateMetadata: false });
const save = (doc: PDFDocument) => doc.save({ useObjectStreams: false, addDefaultPage: false });

let pdf: Uint8Array;
beforeAll(async () => {
  pdf = await renderAgreementPdf(model);
});

describe('verifyAgreementPdf: intact', () => {
  test('the rendered PDF is intact: valid model, hash printed and in the keywords, byte-identical re-rendering', async () => {
    const r = await verifyAgreementPdf(pdf);
    expect(r.findings).toEqual([]);
    expect(r).toMatchObject({ intact: true, pdfSha256: sha256Hex(pdf), attachmentSha256: hash, pages: (await PDFDocument.load(pdf)).getPageCount() });
    expect(r.model).toEqual(model);
  });
});

describe('verifyAgreementPdf: the attachment', () => {
  test('one character of the model changed (still a valid model): the printed hashes no longer match, the pages differ', async () => {
    const tampered = await replaceAttachment(pdf, (json) => json.replace(model.parties[0]!.legalName, `${model.parties[0]!.legalName}x`));
    const r = await verifyAgreementPdf(tampered);
    expect(r.intact).toBe(false);
    const every = Array.from({ length: r.pages ?? 0 }, (_, i) => i + 1);
    expect(find(r, 'printed-hash-mismatch')).toEqual({ code: 'printed-hash-mismatch', pages: every, printed: [hash], expected: r.attachmentSha256 });
    expect(find(r, 'keyword-hash-mismatch')).toMatchObject({ printed: hash });
    expect(find(r, 'pages-differ')).toEqual({ code: 'pages-differ', pages: every });
    expect(r.attachmentSha256).not.toBe(hash);
  });

  test('not JSON, not a valid model (the field is named), not canonical, missing', async () => {
    const broken = await verifyAgreementPdf(await replaceAttachment(pdf, (json) => json.slice(0, -1)));
    expect(codes(broken)).toEqual(['attachment-not-json', 'printed-hash-mismatch', 'keyword-hash-mismatch']);

    const invalid = await verifyAgreementPdf(
      await replaceAttachment(pdf, (json) => json.replace(`"version":${model.version}`, `"version":"${model.version}"`)),
    );
    expect(find(invalid, 'attachment-invalid')?.issues).toEqual([{ path: 'version', message: expect.stringContaining('expected number') }]);

    const pretty = await verifyAgreementPdf(await replaceAttachment(pdf, (json) => JSON.stringify(JSON.parse(json), null, 2)));
    expect(codes(pretty)).toEqual(expect.arrayContaining(['attachment-not-canonical', 'printed-hash-mismatch']));
    expect(pretty.model).toEqual(model);

    const latin1 = await verifyAgreementPdf(await replaceAttachment(pdf, (json) => new Uint8Array(Buffer.from(json, 'latin1'))));
    expect(codes(latin1)[0]).toBe('attachment-not-json'); // not UTF-8

    const missing = await verifyAgreementPdf(await removeAttachment(pdf));
    expect(codes(missing)).toEqual(['attachment-missing']);
  });

  test('its file specification changed (description): the attachment entry differs', async () => {
    const doc = await load(pdf);
    embeddedFile(doc, AGREEMENT_MODEL_ATTACHMENT)!.spec.set(PDFName.of('Desc'), PDFHexString.fromText('autre'));
    const r = await verifyAgreementPdf(await save(doc));
    expect(codes(r)).toEqual(['attachment-entry-differs']);
  });
});

describe('verifyAgreementPdf: the pages and the file', () => {
  const renderStress = (m: AgreementModel) => renderAgreementDocument(stressDocument(m), m);

  test('the hash printed on one page changed: that page is named, with the hash it prints', async () => {
    const multi = await renderStress(model);
    expect((await verifyAgreementPdf(multi, { render: renderStress })).intact).toBe(true);
    const { pdf: tampered, printed } = await alterPrintedHash(multi, 1);
    const r = await verifyAgreementPdf(tampered, { render: renderStress });
    expect(r.pages).toBeGreaterThan(2);
    expect(r.findings).toEqual([
      { code: 'printed-hash-mismatch', pages: [2], printed: [printed], expected: hash },
      { code: 'pages-differ', pages: [2] },
    ]);
  });

  test('metadata changed: the field, the value found and the expected one', async () => {
    const r = await verifyAgreementPdf(await setInfo(pdf, (d) => d.setTitle('Autre accord')));
    expect(r.findings).toEqual([
      { code: 'metadata-differs', fields: [{ field: 'title', expected: `Accord de consortium ${model.project.acronym}`, actual: 'Autre accord' }] },
    ]);
  });

  test('the keywords lose the hash; the producer names another renderer version', async () => {
    const r = await verifyAgreementPdf(await setInfo(pdf, (d) => d.setKeywords(['autre'])));
    expect(codes(r)).toEqual(['keyword-hash-missing', 'metadata-differs']);
    const older = await verifyAgreementPdf(await setInfo(pdf, (d) => d.setProducer('Vigie agreement renderer 0 (pdf-lib, DejaVu Sans)')));
    expect(find(older, 'renderer-version')).toEqual({
      code: 'renderer-version',
      producer: 'Vigie agreement renderer 0 (pdf-lib, DejaVu Sans)',
      current: AGREEMENT_RENDERER_VERSION,
    });
  });

  test('an incremental update is reported as a new revision of the file', async () => {
    const r = await verifyAgreementPdf(appendIncrementalUpdate(pdf));
    expect(find(r, 'file-layout-differs')).toEqual({ code: 'file-layout-differs', revisions: 2 });
    expect(find(r, 'metadata-differs')?.fields.map((f) => f.field)).toContain('title');
  });

  test('a page added; an action added to the catalog; the font program changed', async () => {
    const added = await load(pdf);
    added.addPage();
    expect(codes(await verifyAgreementPdf(await save(added)))).toEqual(expect.arrayContaining(['printed-hash-missing', 'page-count']));

    const action = await load(pdf);
    action.catalog.set(PDFName.of('OpenAction'), action.context.obj({ S: 'JavaScript', JS: PDFHexString.fromText('app.alert(1)') }));
    expect(await verifyAgreementPdf(await save(action))).toMatchObject({ intact: false, findings: [{ code: 'objects-differ', count: 1 }] });

    const font = await load(pdf);
    const descriptor = [...font.context.enumerateIndirectObjects()].find(
      ([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type'))?.toString() === '/FontDescriptor',
    )!;
    const fileRef = (descriptor[1] as PDFDict).get(PDFName.of('FontFile2'))!;
    const stream = font.context.lookup(fileRef) as PDFRawStream;
    font.context.assign(fileRef as never, font.context.flateStream(new Uint8Array([...stream.getContents(), 0])));
    expect(codes(await verifyAgreementPdf(await save(font)))).toEqual(['fonts-differ']);
  });

  test('any byte flipped anywhere: never "intact"', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // pdf-lib's notes on damaged objects
    // Each verification re-renders the whole agreement (15 pages with the full text): 10 spread offsets.
    const offsets = Array.from({ length: 10 }, (_, i) => Math.floor(((i + 0.5) * pdf.length) / 10));
    for (const at of offsets) {
      const r = await verifyAgreementPdf(flipByte(pdf, at));
      expect({ at, intact: r.intact, findings: r.findings.length > 0 }).toEqual({ at, intact: false, findings: true });
    }
    warn.mockRestore();
  }, 240_000);

  test('streams that cannot be decoded (an unsupported filter): the attachment, a page', async () => {
    const undecodable = (doc: PDFDocument) => doc.context.stream(new Uint8Array([1, 2, 3]), { Filter: 'JBIG2Decode' });
    const attachment = await load(pdf);
    const spec = embeddedFile(attachment, AGREEMENT_MODEL_ATTACHMENT)!.spec;
    attachment.context.assign(spec.lookup(PDFName.of('EF'), PDFDict).get(PDFName.of('F')) as never, undecodable(attachment));
    const a = await verifyAgreementPdf(await save(attachment));
    expect(codes(a)).toEqual(['attachment-unreadable']);

    const page = await load(pdf);
    const [ref] = contentRefs(page.getPages()[0]!);
    page.context.assign(ref!, undecodable(page));
    const p = await verifyAgreementPdf(await save(page));
    expect(p.findings).toEqual([
      { code: 'printed-hash-missing', pages: [1] },
      { code: 'pages-differ', pages: [1] },
    ]);
  });

  test('an object added, even unreferenced, is counted', async () => {
    const doc = await load(pdf);
    doc.context.register(doc.context.obj({ Hidden: PDFHexString.fromText('note') }));
    expect((await verifyAgreementPdf(await save(doc))).findings).toEqual([{ code: 'objects-differ', count: 1 }]);
  });

  test('not a PDF; a PDF whose page tree is broken', async () => {
    expect(codes(await verifyAgreementPdf(new TextEncoder().encode('hello')))).toEqual(['unreadable']);
    const broken = await load(pdf);
    broken.catalog.set(PDFName.of('Pages'), broken.context.obj(1));
    expect(codes(await verifyAgreementPdf(await save(broken)))).toEqual(['unreadable']);
  });

  test('the same content saved differently (bytes differ, objects the same): the file layout is reported', async () => {
    const text = Buffer.from(pdf).toString('latin1').replace('%PDF-1.7', '%PDF-1.6');
    const r = await verifyAgreementPdf(new Uint8Array(Buffer.from(text, 'latin1')));
    expect(r.findings).toEqual([{ code: 'file-layout-differs', revisions: 1 }]);
  });
});

describe('compareWithRecord (the server record of the version)', () => {
  test('matching record: no finding; every mismatch is named', async () => {
    const r = await verifyAgreementPdf(pdf);
    const record = { version: model.version, documentId: model.documentId, modelHash: hash, pdfSha256: sha256Hex(pdf), language: 'fr' };
    expect(compareWithRecord(r, record)).toEqual([]);
    // Without a model (an invalid attachment), only the file's hash can be compared.
    expect(compareWithRecord({ ...r, model: undefined, attachmentSha256: undefined }, { ...record, version: 7 })).toEqual([]);
    expect(compareWithRecord(r, { ...record, modelHash: 'a'.repeat(64), pdfSha256: undefined, version: 9, documentId: 'agr_x' })).toEqual([
      { code: 'api-document', field: 'documentId', server: 'agr_x', file: model.documentId },
      { code: 'api-document', field: 'version', server: '9', file: String(model.version) },
      { code: 'api-model-hash', server: 'a'.repeat(64), file: hash },
      { code: 'api-pdf-hash', server: undefined, file: sha256Hex(pdf) },
    ]);
  });
});

describe('messages', () => {
  const all: Finding[] = [
    { code: 'unreadable', reason: 'x' },
    { code: 'attachment-missing' },
    { code: 'attachment-unreadable', reason: 'x' },
    { code: 'attachment-not-json', reason: 'x' },
    { code: 'attachment-invalid', issues: [{ path: '', message: 'm' }] },
    { code: 'attachment-not-canonical' },
    { code: 'printed-hash-missing', pages: [1, 2, 3, 5] },
    { code: 'printed-hash-mismatch', pages: [2], printed: ['b'], expected: 'a' },
    { code: 'keyword-hash-missing' },
    { code: 'keyword-hash-mismatch', printed: 'b', expected: 'a' },
    { code: 'renderer-version', producer: undefined, current: 1 },
    { code: 'page-count', expected: 3, actual: 4 },
    { code: 'pages-differ', pages: [7] },
    { code: 'metadata-differs', fields: [{ field: 'title', expected: 'A', actual: undefined }] },
    { code: 'fonts-differ' },
    { code: 'attachment-entry-differs' },
    { code: 'objects-differ', count: 2 },
    { code: 'file-layout-differs', revisions: 1 },
    { code: 'file-layout-differs', revisions: 3 },
    { code: 'api-unreachable', reason: 'x' },
    { code: 'api-status', status: 404 },
    { code: 'api-invalid-response' },
    { code: 'api-model-hash', server: undefined, file: 'a' },
    { code: 'api-pdf-hash', server: 'b', file: 'a' },
    { code: 'api-document', field: 'version', server: '2', file: '1' },
  ];

  test('every finding has a French and an English sentence, different, French with a space before the colon', () => {
    for (const f of all) {
      const fr = describeFinding(f, 'fr');
      const en = describeFinding(f, 'en');
      expect({ f: f.code, fr: fr.length > 20, en: en.length > 20, differ: fr !== en }).toEqual({ f: f.code, fr: true, en: true, differ: true });
      expect(fr).not.toMatch(/[^\s\u00a0\u202f][:;?!](\s|$)/);
    }
    expect(describeFinding(all[6]!, 'fr')).toContain('des pages 1–3, 5');
    expect(describeFinding(all[12]!, 'fr')).toContain('de la page 7');
    expect(describeFinding(all[12]!, 'en')).toContain('page 7');
    expect(describeFinding(all[4]!, 'en')).toContain('(root)');
  });

  test('pageRanges', () => {
    expect(pageRanges([5, 1, 2, 3, 9, 8, 2])).toBe('1–3, 5, 8–9');
    expect(pageRanges([])).toBe('');
  });

  test('the report: a verdict, the model, the hashes, one line per finding', async () => {
    const ok = await verifyAgreementPdf(pdf);
    const fr = formatVerification(ok, 'accord.pdf', 'fr', true);
    expect(fr[0]).toBe('accord.pdf : intact');
    expect(fr.join('\n')).toContain(`SHA-256 du modèle joint : ${hash}`);
    expect(fr.join('\n')).toContain('Le serveur a enregistré les mêmes empreintes.');
    const bad: VerifyResult = { ...ok, intact: false, findings: [{ code: 'fonts-differ' }] };
    const en = formatVerification(bad, 'a.pdf', 'en');
    expect(en[0]).toBe('a.pdf: NOT INTACT — 1 difference(s)');
    expect(en[en.length - 1]).toBe(`  - ${describeFinding({ code: 'fonts-differ' }, 'en')}`);
    expect(modelJson(ok.model!)).toBe(modelJson(model));
  });
});
