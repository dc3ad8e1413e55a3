import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { contentRefs, contentTokens, embeddedFile, pageContent, pageText, pageTextRuns, parseToUnicode, pdfMetadata } from '../../shared/pdf/pdf-inspect';

/** A page whose content stream is `content`, with Helvetica (no ToUnicode) as /F1. */
async function pageWith(content: string) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage();
  page.node.setFontDictionary(PDFName.of('F1'), font.ref);
  const ref = doc.context.register(doc.context.flateStream(content));
  page.node.set(PDFName.of('Contents'), ref); // a single stream, not an array
  return { doc, page, ref };
}

describe('contentTokens', () => {
  test('names, numbers, hex and literal strings (escapes, nesting, octal), arrays, dictionaries, comments, inline images', () => {
    const src = '/F1 -12.5 Tf <48 65 6c 6C 6> Tj (a\\(b\\) (c) \\101\\n\\\\\\q) Tj [(x) -20 (y)] TJ % note\n<< /K 1 >> BI /W 1 ID \u0000\u00ffEI Q';
    expect([...contentTokens(src)]).toEqual([
      { kind: 'name', value: 'F1' },
      { kind: 'num', value: -12.5 },
      { kind: 'op', value: 'Tf' },
      { kind: 'str', bytes: [0x48, 0x65, 0x6c, 0x6c, 0x60] },
      { kind: 'op', value: 'Tj' },
      { kind: 'str', bytes: [...Buffer.from('a(b) (c) A\n\\')] },
      { kind: 'op', value: 'Tj' },
      { kind: 'open' },
      { kind: 'str', bytes: [0x78] },
      { kind: 'num', value: -20 },
      { kind: 'str', bytes: [0x79] },
      { kind: 'close' },
      { kind: 'op', value: 'TJ' },
      { kind: 'op', value: '<<' },
      { kind: 'name', value: 'K' },
      { kind: 'num', value: 1 },
      { kind: 'op', value: '>>' },
      { kind: 'op', value: 'BI' },
      { kind: 'name', value: 'W' },
      { kind: 'num', value: 1 },
      { kind: 'op', value: 'ID' },
      { kind: 'op', value: 'Q' },
    ]);
  });

  test('unterminated strings end the stream instead of looping', () => {
    expect([...contentTokens('<414')]).toEqual([{ kind: 'str', bytes: [0x41, 0x40] }]);
    expect([...contentTokens('(abc')]).toEqual([{ kind: 'str', bytes: [...Buffer.from('abc')] }]);
    expect([...contentTokens('BI ID xyz')].map((t) => ('value' in t ? t.value : t.kind))).toEqual(['BI', 'ID']);
  });
});

describe('parseToUnicode', () => {
  test('bfchar, bfrange with a start code and with an array', () => {
    const cmap = [
      '2 beginbfchar',
      '<0001> <0041>',
      '<0002> <00660069>',
      'endbfchar',
      '2 beginbfrange',
      '<0010> <0012> <0061>',
      '<0020> <0021> [<00E9> <0153>]',
      'endbfrange',
    ].join('\n');
    const map = parseToUnicode(cmap);
    expect([...map.entries()]).toEqual([
      [1, 'A'],
      [2, 'fi'],
      [0x10, 'a'],
      [0x11, 'b'],
      [0x12, 'c'],
      [0x20, 'é'],
      [0x21, 'œ'],
    ]);
  });
});

describe('pageTextRuns', () => {
  test('Tj, TJ, quote operators and the text position (Tm, Td, TD, TL, T*); a font without ToUnicode reads as Latin-1', async () => {
    const { page, ref } = await pageWith(
      'BT /F1 12 Tf 14 TL 1 0 0 1 10 700 Tm (Hello) Tj 0 -20 Td [(Wor) -100 (ld)] TJ T* (next) Tj 0 -10 TD (td) Tj (q1) \' 1 2 (q2) " /Unknown 9 Tf (u) Tj ET',
    );
    expect(contentRefs(page).map(String)).toEqual([String(ref)]);
    expect(pageTextRuns(page)).toEqual([
      { text: 'Hello', x: 10, y: 700, font: 'F1', size: 12 },
      { text: 'World', x: 10, y: 680, font: 'F1', size: 12 },
      { text: 'next', x: 10, y: 666, font: 'F1', size: 12 },
      { text: 'td', x: 10, y: 656, font: 'F1', size: 12 },
      { text: 'q1', x: 10, y: 646, font: 'F1', size: 12 },
      { text: 'q2', x: 10, y: 636, font: 'F1', size: 12 },
      { text: 'u', x: 10, y: 636, font: 'Unknown', size: 9 },
    ]);
    expect(pageText(page)).toEqual(['Hello', 'World', 'next', 'td', 'q1', 'q2', 'u']);
  });

  test('Contents as a reference to an array of streams; a page without contents', async () => {
    const { doc, page } = await pageWith('BT /F1 10 Tf (a) Tj ET');
    const second = doc.context.register(doc.context.flateStream('BT /F1 10 Tf (b) Tj ET'));
    const arrayRef = doc.context.register(doc.context.obj([page.node.get(PDFName.of('Contents'))!, second]));
    page.node.set(PDFName.of('Contents'), arrayRef);
    expect(pageText(page)).toEqual(['a', 'b']);
    expect(new TextDecoder().decode(pageContent(page))).toBe('BT /F1 10 Tf (a) Tj ET\nBT /F1 10 Tf (b) Tj ET\n');
    const empty = doc.addPage();
    expect(contentRefs(empty)).toEqual([]);
    expect(pageText(empty)).toEqual([]);
  });
});

describe('embeddedFile', () => {
  test('found through /Kids of the name tree, with /UF; undefined when absent or not a stream', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const ctx = doc.context;
    const stream = ctx.register(ctx.flateStream('{"a":1}'));
    const spec = ctx.register(ctx.obj({ Type: 'Filespec', EF: { UF: stream } }));
    const broken = ctx.register(ctx.obj({ Type: 'Filespec', EF: { F: ctx.obj(1) } }));
    const leaf = ctx.register(ctx.obj({ Names: [PDFString.of('other'), broken, PDFHexString.fromText('model.json'), spec, ctx.obj(7), spec] }));
    doc.catalog.set(PDFName.of('Names'), ctx.obj({ EmbeddedFiles: { Kids: [leaf] } }));
    expect(new TextDecoder().decode(embeddedFile(doc, 'model.json')!.bytes)).toBe('{"a":1}');
    expect(embeddedFile(doc, 'other')).toBeUndefined();
    expect(embeddedFile(doc, 'absent')).toBeUndefined();
  });

  test('metadata of a document that has none', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    expect(pdfMetadata(doc)).toEqual({
      title: undefined,
      subject: undefined,
      author: undefined,
      keywords: undefined,
      creator: undefined,
      producer: undefined,
      creationDate: undefined,
      modificationDate: undefined,
      language: undefined,
    });
  });
});
