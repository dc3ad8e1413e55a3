import { PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { sha256Hex } from '../domain/audit';
import { agreementModelSchema, modelJson, type AgreementModel } from '../domain/agreement/model';
import { FOOTER_HASH_PATTERN } from './footer';
import { AGREEMENT_MODEL_ATTACHMENT, AGREEMENT_RENDERER_VERSION, KEYWORD_HASH_PATTERN, RENDERER_VERSION_PATTERN } from './metadata';
import { contentRefs, embeddedFile, METADATA_FIELDS, objectBytes, pageContent, pageText, pdfMetadata, sameBytes, type MetadataField } from './pdf-inspect';
import { renderAgreementPdf } from './render-agreement';

/**
 * The offline check of an agreement PDF (`npm run verify-agreement`, docs/agreements.md): pure logic on bytes.
 *  1. extract the attached content model (`agreement-model.json`) and validate it against the schema;
 *  2. hash it, and compare with the hash printed in every page's footer and in the Keywords;
 *  3. re-render the model and compare: the whole file first, then page by page, the metadata, the fonts, the
 *     attachment's entry and every other object, to say exactly what differs.
 * "Intact" means no finding at all: the file is byte for byte the rendering of the model whose hash it prints.
 */

export type Finding =
  | { code: 'unreadable'; reason: string }
  | { code: 'attachment-missing' }
  | { code: 'attachment-unreadable'; reason: string }
  | { code: 'attachment-not-json'; reason: string }
  | { code: 'attachment-invalid'; issues: { path: string; message: string }[] }
  | { code: 'attachment-not-canonical' }
  | { code: 'printed-hash-missing'; pages: number[] }
  | { code: 'printed-hash-mismatch'; pages: number[]; printed: string[]; expected: string }
  | { code: 'keyword-hash-missing' }
  | { code: 'keyword-hash-mismatch'; printed: string; expected: string }
  | { code: 'renderer-version'; producer: string | undefined; current: number }
  | { code: 'page-count'; expected: number; actual: number }
  | { code: 'pages-differ'; pages: number[] }
  | { code: 'metadata-differs'; fields: { field: MetadataField; expected: string | undefined; actual: string | undefined }[] }
  | { code: 'fonts-differ' }
  | { code: 'attachment-entry-differs' }
  | { code: 'objects-differ'; count: number }
  | { code: 'file-layout-differs'; revisions: number }
  | { code: 'api-unreachable'; reason: string }
  | { code: 'api-status'; status: number }
  | { code: 'api-invalid-response' }
  | { code: 'api-model-hash'; server: string | undefined; file: string }
  | { code: 'api-pdf-hash'; server: string | undefined; file: string }
  | { code: 'api-document'; field: 'documentId' | 'version'; server: string | undefined; file: string };

export interface VerifyResult {
  intact: boolean;
  findings: Finding[];
  /** SHA-256 of the file as given. */
  pdfSha256: string;
  /** The attached model, when it is there and valid. */
  model?: AgreementModel;
  /** SHA-256 of the attachment's bytes, when it is there. */
  attachmentSha256?: string;
  pages?: number;
}

export interface VerifyOptions {
  /** The renderer to compare with (tests inject one); default {@link renderAgreementPdf}. */
  render?: (model: AgreementModel) => Promise<Uint8Array>;
}

export async function verifyAgreementPdf(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyResult> {
  const pdfSha256 = sha256Hex(bytes);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    return { intact: false, pdfSha256, findings: [{ code: 'unreadable', reason: reasonOf(e) }] };
  }
  const findings: Finding[] = [];
  const result: VerifyResult = { intact: false, findings, pdfSha256 };
  try {
    result.pages = doc.getPageCount();
    const attachment = readAttachment(doc, findings);
    result.attachmentSha256 = attachment?.sha256;
    result.model = attachment?.model;
    checkPrintedHashes(doc, attachment?.sha256, findings);
    if (attachment?.model) {
      const expected = await (options.render ?? renderAgreementPdf)(attachment.model);
      if (!sameBytes(expected, bytes)) findings.push(...compareWithRendering(doc, bytes, await PDFDocument.load(expected, { updateMetadata: false })));
    }
  } catch (e) {
    // A file pdf-lib can open but whose structure is broken (a damaged catalog or page tree).
    findings.push({ code: 'unreadable', reason: reasonOf(e) });
  }
  result.intact = findings.length === 0;
  return result;
}

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);

function readAttachment(doc: PDFDocument, findings: Finding[]): { sha256: string; model?: AgreementModel } | undefined {
  let file;
  try {
    file = embeddedFile(doc, AGREEMENT_MODEL_ATTACHMENT);
  } catch (e) {
    findings.push({ code: 'attachment-unreadable', reason: reasonOf(e) });
    return undefined;
  }
  if (!file) {
    findings.push({ code: 'attachment-missing' });
    return undefined;
  }
  const sha256 = sha256Hex(file.bytes);
  let json: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    json = JSON.parse(text);
  } catch (e) {
    findings.push({ code: 'attachment-not-json', reason: reasonOf(e) });
    return { sha256 };
  }
  const parsed = agreementModelSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    findings.push({ code: 'attachment-invalid', issues });
    return { sha256 };
  }
  // The hash covers the canonical JSON: an attachment re-serialised (spaces, key order) is not the one printed.
  if (modelJson(parsed.data) !== text) findings.push({ code: 'attachment-not-canonical' });
  return { sha256, model: parsed.data };
}

/** Every page's footer must print the attachment's hash; so must the Keywords. */
function checkPrintedHashes(doc: PDFDocument, expected: string | undefined, findings: Finding[]): void {
  const missing: number[] = [];
  const mismatch: { page: number; printed: string }[] = [];
  doc.getPages().forEach((page, i) => {
    let printed: string | undefined;
    try {
      printed = pageText(page)
        .map((t) => FOOTER_HASH_PATTERN.exec(t)?.[1])
        .find(Boolean);
    } catch {
      printed = undefined; // an undecodable content stream: reported below as "no hash printed"
    }
    if (!printed) missing.push(i + 1);
    else if (expected && printed !== expected) mismatch.push({ page: i + 1, printed });
  });
  if (missing.length) findings.push({ code: 'printed-hash-missing', pages: missing });
  if (mismatch.length && expected) {
    findings.push({ code: 'printed-hash-mismatch', pages: mismatch.map((m) => m.page), printed: [...new Set(mismatch.map((m) => m.printed))], expected });
  }
  const keyword = KEYWORD_HASH_PATTERN.exec(pdfMetadata(doc).keywords ?? '')?.[1];
  if (!keyword) findings.push({ code: 'keyword-hash-missing' });
  else if (expected && keyword !== expected) findings.push({ code: 'keyword-hash-mismatch', printed: keyword, expected });
}

/** What differs between the file and the re-rendering of its model (called only when the bytes differ). */
function compareWithRendering(actual: PDFDocument, bytes: Uint8Array, expected: PDFDocument): Finding[] {
  const findings: Finding[] = [];
  const meta = pdfMetadata(actual);
  const producedBy = RENDERER_VERSION_PATTERN.exec(meta.producer ?? '')?.[1];
  if (producedBy !== undefined && Number(producedBy) !== AGREEMENT_RENDERER_VERSION) {
    findings.push({ code: 'renderer-version', producer: meta.producer, current: AGREEMENT_RENDERER_VERSION });
  }

  const actualPages = actual.getPages();
  const expectedPages = expected.getPages();
  if (actualPages.length !== expectedPages.length) findings.push({ code: 'page-count', expected: expectedPages.length, actual: actualPages.length });
  const differing: number[] = [];
  for (let i = 0; i < Math.min(actualPages.length, expectedPages.length); i++) {
    let same: boolean;
    try {
      same = sameBytes(pageContent(actualPages[i]!), pageContent(expectedPages[i]!));
    } catch {
      same = false;
    }
    if (!same) differing.push(i + 1);
  }
  if (differing.length) findings.push({ code: 'pages-differ', pages: differing });

  const expectedMeta = pdfMetadata(expected);
  const fields = METADATA_FIELDS.filter((f) => meta[f] !== expectedMeta[f]).map((field) => ({ field, expected: expectedMeta[field], actual: meta[field] }));
  if (fields.length) findings.push({ code: 'metadata-differs', fields });

  // Object numbers match only when the page count does (the renderer numbers objects page after page).
  if (actualPages.length === expectedPages.length) findings.push(...compareObjects(actual, expected));
  const revisions = countRevisions(bytes);
  if (!findings.length || revisions > 1) findings.push({ code: 'file-layout-differs', revisions });
  return findings;
}

/**
 * Object by object (same numbers: the renderer is deterministic), outside what is compared above (page contents,
 * the Info dictionary, the catalog's /Lang): the fonts, the attachment's file specification, and anything else —
 * an annotation, an action or a JavaScript added to the file shows up here.
 */
function compareObjects(actual: PDFDocument, expected: PDFDocument): Finding[] {
  const key = (ref: PDFRef) => ref.toString();
  const skip = new Set<string>(expected.getPages().flatMap((p) => contentRefs(p).map(key)));
  const info = expected.context.trailerInfo.Info;
  if (info instanceof PDFRef) skip.add(key(info));
  const fontRefs = reachable(expected, expected.getPages()[0]?.node.Resources()?.get(PDFName.of('Font')));
  const attachmentRefs = reachable(expected, expected.catalog.get(PDFName.of('Names')));
  const catalogRef = expected.context.trailerInfo.Root;

  let fonts = false;
  let attachment = false;
  let other = 0;
  const seen = new Set<string>();
  for (const [ref, object] of expected.context.enumerateIndirectObjects()) {
    seen.add(key(ref));
    if (skip.has(key(ref))) continue;
    const mine = actual.context.lookup(ref);
    const same = mine !== undefined && sameBytes(objectBytes(withoutLang(ref, catalogRef, mine)), objectBytes(withoutLang(ref, catalogRef, object)));
    if (same) continue;
    if (fontRefs.has(key(ref))) fonts = true;
    else if (attachmentRefs.has(key(ref))) attachment = true;
    else other++;
  }
  for (const [ref] of actual.context.enumerateIndirectObjects()) if (!seen.has(key(ref))) other++;
  return [
    ...(fonts ? [{ code: 'fonts-differ' } as const] : []),
    ...(attachment ? [{ code: 'attachment-entry-differs' } as const] : []),
    ...(other ? [{ code: 'objects-differ', count: other } as const] : []),
  ];
}

/** The catalog without /Lang (compared with the metadata); any other object as is. */
function withoutLang(ref: PDFRef, catalogRef: PDFObject | undefined, o: PDFObject): PDFObject {
  if (!(o instanceof PDFDict) || !(catalogRef instanceof PDFRef) || ref.toString() !== catalogRef.toString()) return o;
  const copy = o.clone();
  copy.delete(PDFName.of('Lang'));
  return copy;
}

/** The indirect objects reachable from `root` (refs as "n g R"). */
function reachable(doc: PDFDocument, root: PDFObject | undefined): Set<string> {
  const out = new Set<string>();
  const stack: (PDFObject | undefined)[] = [root];
  while (stack.length) {
    const o = stack.pop();
    if (o instanceof PDFRef) {
      if (out.has(o.toString())) continue;
      out.add(o.toString());
      stack.push(doc.context.lookup(o));
    } else if (o instanceof PDFDict) stack.push(...o.values());
    else if (o && 'asArray' in o && typeof o.asArray === 'function') stack.push(...(o.asArray() as PDFObject[]));
    else if (o && 'dict' in o && o.dict instanceof PDFDict) stack.push(o.dict);
  }
  return out;
}

/** How many times the file was saved: one %%EOF per revision (an incremental update appends one). */
const countRevisions = (bytes: Uint8Array): number => Buffer.from(bytes).toString('latin1').split('%%EOF').length - 1;

/** The server's record of an agreement version (`GET /projects/{id}/agreements/{n}`): the fields compared. */
export interface AgreementRecord {
  version?: unknown;
  documentId?: unknown;
  modelHash?: unknown;
  pdfSha256?: unknown;
}

/** Compares the file with the server's record of the same version. */
export function compareWithRecord(result: VerifyResult, record: AgreementRecord): Finding[] {
  const out: Finding[] = [];
  const str = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  if (result.model) {
    if (str(record.documentId) !== result.model.documentId) {
      out.push({ code: 'api-document', field: 'documentId', server: str(record.documentId), file: result.model.documentId });
    }
    if (str(record.version) !== String(result.model.version)) {
      out.push({ code: 'api-document', field: 'version', server: str(record.version), file: String(result.model.version) });
    }
  }
  if (result.attachmentSha256 && record.modelHash !== result.attachmentSha256) {
    out.push({ code: 'api-model-hash', server: str(record.modelHash), file: result.attachmentSha256 });
  }
  if (record.pdfSha256 !== result.pdfSha256) out.push({ code: 'api-pdf-hash', server: str(record.pdfSha256), file: result.pdfSha256 });
  return out;
}
