/**
 * Tampering with an agreement PDF the way a forger would, for the verifier's tests: each function loads the PDF
 * with pdf-lib, changes one thing and saves it again (no object streams, like the renderer).
 */
import type { PDFRawStream, PDFRef } from 'pdf-lib';
import { PDFDict, PDFDocument, PDFName, decodePDFRawStream } from 'pdf-lib';
import { AGREEMENT_MODEL_ATTACHMENT } from '../../shared/pdf/metadata';
import { contentRefs, pageText } from '../../shared/pdf/pdf-inspect';

const load = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false });
const save = (doc: PDFDocument) => doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** The ref of the attached model's stream. */
function attachmentStreamRef(doc: PDFDocument): PDFRef {
  const tree = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict);
  const names = tree.lookup(PDFName.of('Names')) as unknown as { size(): number; get(i: number): unknown; lookup(i: number): { decodeText(): string } };
  for (let i = 0; i < names.size(); i += 2) {
    if (names.lookup(i).decodeText() === AGREEMENT_MODEL_ATTACHMENT) {
      const spec = doc.context.lookup(names.get(i + 1) as PDFRef, PDFDict);
      return spec.lookup(PDFName.of('EF'), PDFDict).get(PDFName.of('F')) as PDFRef;
    }
  }
  throw new Error('no attachment');
}

/** Replaces the attached model's bytes with `mutate(current text)` (re-compressed, same dictionary otherwise). */
export async function replaceAttachment(pdf: Uint8Array, mutate: (json: string) => string | Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  const ref = attachmentStreamRef(doc);
  const stream = doc.context.lookup(ref) as PDFRawStream;
  const text = new TextDecoder().decode(decodePDFRawStream(stream).decode());
  const next = mutate(text);
  const bytes = typeof next === 'string' ? new TextEncoder().encode(next) : next;
  const params = stream.dict.lookup(PDFName.of('Params'), PDFDict);
  params.set(PDFName.of('Size'), doc.context.obj(bytes.length));
  doc.context.assign(ref, doc.context.flateStream(bytes, { Type: 'EmbeddedFile', Subtype: 'application/json', Params: params }));
  return save(doc);
}

/** Removes the attachment (the catalog's /Names and /AF). */
export async function removeAttachment(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await load(pdf);
  doc.catalog.delete(PDFName.of('Names'));
  doc.catalog.delete(PDFName.of('AF'));
  return save(doc);
}

/**
 * Changes the hash printed in the footer of page `pageIndex` (0-based): two different hex digits of the printed
 * hash swap places, in the content stream's glyph codes. Returns the new PDF and the hash now printed.
 */
export async function alterPrintedHash(pdf: Uint8Array, pageIndex: number): Promise<{ pdf: Uint8Array; printed: string }> {
  const doc = await load(pdf);
  const page = doc.getPages()[pageIndex]!;
  const texts = pageText(page);
  const line = texts.find((t) => /^SHA-256 [0-9a-f]{64}$/.test(t))!;
  const [ref] = contentRefs(page);
  const content = latin1(decodePDFRawStream(doc.context.lookup(ref!) as PDFRawStream).decode());
  // The footer line is the text-showing operand whose length is that of the line (2 bytes a glyph).
  const hexes = [...content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)].map((m) => m[1]!);
  const target = hexes.find((h) => h.length === line.length * 4)!;
  const codes = target.match(/.{4}/g)!;
  const hashStart = 'SHA-256 '.length;
  const i = hashStart;
  const j = [...line].findIndex((c, k) => k > hashStart && c !== line[hashStart]);
  [codes[i], codes[j]] = [codes[j]!, codes[i]!];
  const chars = [...line];
  [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  const patched = content.replace(`<${target}>`, `<${codes.join('')}>`);
  doc.context.assign(ref!, doc.context.flateStream(Buffer.from(patched, 'latin1')));
  return { pdf: await save(doc), printed: chars.join('').slice(hashStart) };
}

/** Sets one Info dictionary entry (e.g. the Title) to another text. */
export async function setInfo(pdf: Uint8Array, set: (doc: PDFDocument) => void): Promise<Uint8Array> {
  const doc = await load(pdf);
  set(doc);
  return save(doc);
}

/** Loads and saves again with no change (pdf-lib's own re-serialisation). */
export async function resave(pdf: Uint8Array): Promise<Uint8Array> {
  return save(await load(pdf));
}

/** Flips one byte of the file. */
export function flipByte(pdf: Uint8Array, at: number): Uint8Array {
  const out = new Uint8Array(pdf);
  out[at] = out[at]! ^ 0x01;
  return out;
}

/** Appends an incremental update that changes nothing visible (a new revision of the Info dictionary). */
export function appendIncrementalUpdate(pdf: Uint8Array): Uint8Array {
  const text = latin1(pdf);
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const size = Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text.slice(text.lastIndexOf('trailer')))![1];
  const info = /\/Info (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')))![1];
  const body = `${info} 0 obj\n<< /Title (Accord modifié) >>\nendobj\n`;
  const offset = pdf.length + 1;
  const xrefAt = offset + body.length;
  const xref = `xref\n${info} 1\n${String(offset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root ${root} /Info ${info} 0 R /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(`\n${body}${xref}`, 'latin1')]));
}
