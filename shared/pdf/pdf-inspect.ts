import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

/**
 * Reading a PDF back with pdf-lib's low-level objects (for the verifier): an embedded file by name, a page's
 * decoded content, the text a page shows (through its fonts' ToUnicode maps), the metadata. Tolerant of damaged
 * input: what cannot be read comes back undefined (or throws an Error the caller reports).
 */

const decodeStream = (stream: PDFObject | undefined): Uint8Array | undefined => {
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  return undefined;
};

const textOf = (o: PDFObject | undefined): string | undefined => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

/** The name tree's entries (ISO 32000-1 §7.9.6): the /Names pairs of the node and of its /Kids, depth first. */
function nameTreeEntries(doc: PDFDocument, node: PDFDict | undefined, depth = 0): [string, PDFObject][] {
  if (!node || depth > 32) return [];
  const out: [string, PDFObject][] = [];
  const names = doc.context.lookupMaybe(node.get(PDFName.of('Names')), PDFArray);
  for (let i = 0; names && i + 1 < names.size(); i += 2) {
    const key = textOf(doc.context.lookup(names.get(i)));
    if (key !== undefined) out.push([key, names.get(i + 1)]);
  }
  const kids = doc.context.lookupMaybe(node.get(PDFName.of('Kids')), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) out.push(...nameTreeEntries(doc, doc.context.lookupMaybe(kids.get(i), PDFDict), depth + 1));
  return out;
}

export interface EmbeddedFile {
  bytes: Uint8Array;
  spec: PDFDict;
}

/**
 * The embedded file named `name` (catalog → /Names → /EmbeddedFiles → its file specification → /EF /F),
 * decoded; undefined when there is none. Throws when the stream is there but cannot be decoded.
 */
export function embeddedFile(doc: PDFDocument, name: string): EmbeddedFile | undefined {
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  for (const [key, value] of nameTreeEntries(doc, tree)) {
    if (key !== name) continue;
    const spec = doc.context.lookupMaybe(value, PDFDict);
    const ef = spec?.lookupMaybe(PDFName.of('EF'), PDFDict);
    const stream = ef ? doc.context.lookup(ef.get(PDFName.of('F')) ?? ef.get(PDFName.of('UF'))) : undefined;
    const bytes = decodeStream(stream);
    if (spec && bytes) return { bytes, spec };
  }
  return undefined;
}

/** The refs of a page's content streams (one stream, or an array of them). */
export function contentRefs(page: PDFPage): PDFRef[] {
  const raw = page.node.get(PDFName.of('Contents'));
  if (raw instanceof PDFRef) {
    const target = page.doc.context.lookup(raw);
    if (target instanceof PDFArray) return target.asArray().filter((r): r is PDFRef => r instanceof PDFRef);
    return [raw];
  }
  if (raw instanceof PDFArray) return raw.asArray().filter((r): r is PDFRef => r instanceof PDFRef);
  return [];
}

/** A page's content: its content streams decoded and joined (as a viewer reads them). */
export function pageContent(page: PDFPage): Uint8Array {
  const parts = contentRefs(page).map((ref) => decodeStream(page.doc.context.lookup(ref)) ?? new Uint8Array());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 0x0a;
    at += p.length + 1;
  }
  return out;
}

// ---------------------------------------------------------------- text of a page

type Token = { kind: 'name' | 'op'; value: string } | { kind: 'num'; value: number } | { kind: 'str'; bytes: number[] } | { kind: 'open' | 'close' };

const WHITE = /[\0\t\n\f\r ]/;
const DELIM = /[()<>[\]{}/%]/;

/** A tokenizer of content streams: enough of ISO 32000-1 §7.2 and §7.8 to find the text-showing operators. */
export function* contentTokens(src: string): Generator<Token> {
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (WHITE.test(c)) i++;
    else if (c === '%') while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    else if (c === '/') {
      let j = i + 1;
      while (j < n && !WHITE.test(src[j]!) && !DELIM.test(src[j]!)) j++;
      yield { kind: 'name', value: src.slice(i + 1, j) };
      i = j;
    } else if (c === '<' && src[i + 1] === '<') {
      yield { kind: 'op', value: '<<' };
      i += 2;
    } else if (c === '>' && src[i + 1] === '>') {
      yield { kind: 'op', value: '>>' };
      i += 2;
    } else if (c === '<') {
      const end = src.indexOf('>', i);
      const hex = src.slice(i + 1, end < 0 ? n : end).replace(/[^0-9a-fA-F]/g, '');
      const padded = hex.length % 2 ? `${hex}0` : hex;
      const bytes: number[] = [];
      for (let k = 0; k < padded.length; k += 2) bytes.push(parseInt(padded.slice(k, k + 2), 16));
      yield { kind: 'str', bytes };
      i = end < 0 ? n : end + 1;
    } else if (c === '(') {
      const bytes: number[] = [];
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const d = src[i]!;
        if (d === '\\') {
          const e = src[i + 1] ?? '';
          const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
          if (e in simple) {
            bytes.push(simple[e]!);
            i += 2;
          } else if (/[0-7]/.test(e)) {
            const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4))![0];
            bytes.push(parseInt(oct, 8) & 0xff);
            i += 1 + oct.length;
          } else i += 2; // a line continuation or an unknown escape: ignored
          continue;
        }
        if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
        bytes.push(d.charCodeAt(0) & 0xff);
        i++;
      }
      yield { kind: 'str', bytes };
      i++;
    } else if (c === '[') {
      yield { kind: 'open' };
      i++;
    } else if (c === ']') {
      yield { kind: 'close' };
      i++;
    } else if (/[0-9+\-.]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(src[j]!)) j++;
      yield { kind: 'num', value: Number(src.slice(i, j)) || 0 };
      i = j;
    } else {
      let j = i + 1;
      while (j < n && !WHITE.test(src[j]!) && !DELIM.test(src[j]!)) j++;
      const op = src.slice(i, j);
      i = j;
      if (op === 'ID') {
        // Inline image data is binary: skip to its end marker.
        const end = src.indexOf('EI', i);
        i = end < 0 ? n : end + 2;
      }
      yield { kind: 'op', value: op };
    }
  }
}

/** A ToUnicode CMap's code → text map (bfchar and bfrange, 2-byte codes as the Identity-H fonts here use). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexText = (h: string): string => {
    const units: number[] = [];
    for (let k = 0; k + 4 <= h.length; k += 4) units.push(parseInt(h.slice(k, k + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1]!, 16), hexText(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = Math.min(parseInt(m[2]!, 16), lo + 0xffff);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        [...dst.matchAll(/<([0-9a-fA-F]*)>/g)].forEach((d, k) => lo + k <= hi && map.set(lo + k, hexText(d[1]!)));
      } else {
        const base = dst.slice(1, -1);
        const head = base.slice(0, -4);
        const last = parseInt(base.slice(-4) || '0', 16);
        for (let code = lo; code <= hi; code++) map.set(code, hexText(head + (last + code - lo).toString(16).padStart(4, '0')));
      }
    }
  }
  return map;
}

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
};

/** The text a page shows, one entry per text-showing operator (see {@link pageTextRuns}). */
export const pageText = (page: PDFPage): string[] => pageTextRuns(page).map((r) => r.text);

export interface TextRun {
  text: string;
  /** The text matrix's origin when the run is shown (Tm, moved by Td/TD/T*; enough for the renderer's output). */
  x: number;
  y: number;
  font: string | undefined;
  size: number;
}

/**
 * The text a page shows, one run per text-showing operator (Tj, TJ, ', "), decoded through the fonts' ToUnicode
 * maps (2-byte codes); a font without one is read as Latin-1 bytes.
 */
export function pageTextRuns(page: PDFPage): TextRun[] {
  const ctx = page.doc.context;
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const maps = new Map<string, Map<number, string> | null>();
  const mapFor = (name: string): Map<number, string> | null => {
    if (!maps.has(name)) {
      const font = fonts ? ctx.lookupMaybe(fonts.get(PDFName.of(name)), PDFDict) : undefined;
      const cmap = font ? decodeStream(ctx.lookup(font.get(PDFName.of('ToUnicode')))) : undefined;
      maps.set(name, cmap ? parseToUnicode(latin1(cmap)) : null);
    }
    return maps.get(name)!;
  };
  const out: TextRun[] = [];
  let font: string | undefined;
  let size = 0;
  let x = 0;
  let y = 0;
  let leading = 0;
  const num = (t: Token | undefined): number => (t?.kind === 'num' ? t.value : 0);
  const show = (bytes: number[]): string => {
    const map = font === undefined ? null : mapFor(font);
    if (!map) return String.fromCharCode(...bytes);
    let s = '';
    for (let k = 0; k + 1 < bytes.length; k += 2) s += map.get((bytes[k]! << 8) | bytes[k + 1]!) ?? '\ufffd';
    return s;
  };
  let operands: Token[] = [];
  let array: Token[] | undefined;
  for (const t of contentTokens(latin1(pageContent(page)))) {
    if (t.kind === 'open') array = [];
    else if (t.kind === 'close') {
      operands.push({ kind: 'str', bytes: (array ?? []).flatMap((a) => (a.kind === 'str' ? a.bytes : [])) });
      array = undefined;
    } else if (array) array.push(t);
    else if (t.kind !== 'op') operands.push(t);
    else {
      const last = operands[operands.length - 1];
      const arg = (k: number) => num(operands[operands.length - k]);
      if (t.value === 'Tf') {
        const name = operands[operands.length - 2];
        font = name?.kind === 'name' ? name.value : undefined;
        size = arg(1);
      } else if (t.value === 'BT') [x, y] = [0, 0];
      else if (t.value === 'Tm') [x, y] = [arg(2), arg(1)];
      else if (t.value === 'Td' || t.value === 'TD') {
        if (t.value === 'TD') leading = -arg(1);
        [x, y] = [x + arg(2), y + arg(1)];
      } else if (t.value === 'TL') leading = arg(1);
      else if (t.value === 'T*') y -= leading;
      if (t.value === "'" || t.value === '"') y -= leading;
      if ((t.value === 'Tj' || t.value === 'TJ' || t.value === "'" || t.value === '"') && last?.kind === 'str') {
        out.push({ text: show(last.bytes), x, y, font, size });
      }
      operands = [];
    }
  }
  return out;
}

// ---------------------------------------------------------------- metadata

export const METADATA_FIELDS = ['title', 'subject', 'author', 'keywords', 'creator', 'producer', 'creationDate', 'modificationDate', 'language'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/** The Info dictionary's entries and the catalog's /Lang, as text (dates in ISO 8601). */
export function pdfMetadata(doc: PDFDocument): Record<MetadataField, string | undefined> {
  const safe = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  return {
    title: safe(() => doc.getTitle()),
    subject: safe(() => doc.getSubject()),
    author: safe(() => doc.getAuthor()),
    keywords: safe(() => doc.getKeywords()),
    creator: safe(() => doc.getCreator()),
    producer: safe(() => doc.getProducer()),
    creationDate: safe(() => doc.getCreationDate()?.toISOString()),
    modificationDate: safe(() => doc.getModificationDate()?.toISOString()),
    language: textOf(doc.catalog.lookup(PDFName.of('Lang'))),
  };
}

/** The object's bytes as pdf-lib writes them (to compare two objects exactly). */
export function objectBytes(o: PDFObject): Uint8Array {
  const out = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(out, 0);
  return out;
}

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
