import * as z from 'zod';
import type { documentRecordSchema } from './documents-schema';
import { idSchema, text } from './common';
import { orgIdSchema } from './organization';

/**
 * Uploaded supporting documents (patent copies, licences, lab notebooks…). Limits are enforced twice:
 * by the presigned POST policy (S3 refuses the upload) and again when the upload is confirmed
 * (the server reads the object: size, SHA-256 and magic bytes), since a local emulator may not
 * enforce policies and a client may lie about the type.
 *
 * A confirmed document is immutable: the form writes to an `incoming/` key only; confirmation copies the
 * upload to a key of its own under `documents/` that no form can write, measures that copy and serves only
 * it (docs/documents.md).
 */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

export const DOCUMENT_TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', label: 'Word (DOCX)' },
  'application/vnd.oasis.opendocument.text': { ext: 'odt', label: 'OpenDocument (ODT)' },
  'image/png': { ext: 'png', label: 'PNG' },
  'image/jpeg': { ext: 'jpg', label: 'JPEG' },
  'text/plain': { ext: 'txt', label: 'Text' },
} as const;
export type DocumentContentType = keyof typeof DOCUMENT_TYPES;
export const documentContentTypeSchema = z.enum(Object.keys(DOCUMENT_TYPES) as [DocumentContentType, ...DocumentContentType[]], {
  message: 'Allowed types: PDF, DOCX, ODT, PNG, JPEG, TXT',
});

export const documentIdSchema = idSchema('doc');

export const uploadRequestSchema = z.strictObject({
  fileName: text(255),
  contentType: documentContentTypeSchema,
  /** Announced size: the upload policy and the confirmation accept a file of exactly this size. */
  size: z.number().int().min(1, 'Empty files are not accepted').max(MAX_DOCUMENT_BYTES, 'At most 25 MB'),
  /** The organization the document belongs to. Partners may only name their own (default: theirs). */
  organizationId: orgIdSchema.optional(),
  description: text(1000).optional(),
});
export type UploadRequest = z.output<typeof uploadRequestSchema>;

export type DocumentStatus = 'pending' | 'available' | 'rejected';

/** A stored document: the output of its schema (./documents-schema.ts), so the two cannot drift. */
export type DocumentRecord = z.output<typeof documentRecordSchema>;

/**
 * Keeps a file name displayable and harmless: no path parts, no control or reserved characters,
 * at most 200 characters, never empty. It is metadata only — object keys never contain it.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'document';
}

/** The S3 key the presigned form of a document writes to: ids only, under `incoming/`. */
export const documentUploadKey = (projectId: string, documentId: string) => `incoming/${projectId}/${documentId}`;

/**
 * The S3 key of a confirmed document's served copy: ids only, under `documents/`, with a random part of its
 * own per confirmation so that two simultaneous confirmations never write the same key.
 */
export const documentObjectKey = (projectId: string, documentId: string, nonce: string) => `documents/${projectId}/${documentId}/${nonce}`;

/**
 * Why an uploaded file is refused at confirmation, or null: empty, over the limit, not the declared size,
 * or bytes that do not match the declared type (see {@link magicMismatch}).
 */
export function uploadRejection(contentType: DocumentContentType, declaredSize: number | undefined, file: { size: number; head: Uint8Array }): string | null {
  if (file.size > MAX_DOCUMENT_BYTES) return `The file is larger than ${MAX_DOCUMENT_BYTES} bytes`;
  if (file.size === 0) return 'The file is empty';
  if (declaredSize !== undefined && file.size !== declaredSize) return `The file has ${file.size} bytes, not the ${declaredSize} declared`;
  return magicMismatch(contentType, file.head);
}

const startsWith = (buf: Uint8Array, sig: number[], offset = 0) => sig.every((b, i) => buf[offset + i] === b);
const ascii = (buf: Uint8Array, from: number, to: number) => Buffer.from(buf.subarray(from, to)).toString('latin1');

/**
 * Checks the first bytes of a file against its declared type (magic numbers). `head` should hold at
 * least the first 4 KB. Returns null when they agree, or the reason they do not.
 */
export function magicMismatch(declared: DocumentContentType, head: Uint8Array): string | null {
  const zip = startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
  if (startsWith(head, [0x4d, 0x5a])) return 'The file is a Windows executable';
  switch (declared) {
    case 'application/pdf':
      return ascii(head, 0, 1024).includes('%PDF-') && ascii(head, 0, 5) === '%PDF-' ? null : 'The file does not start like a PDF (%PDF-)';
    case 'image/png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? null : 'The file is not a PNG image';
    case 'image/jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]) ? null : 'The file is not a JPEG image';
    case 'application/vnd.oasis.opendocument.text':
      // ODF: a zip whose first entry is the uncompressed `mimetype` file holding the media type.
      return zip && ascii(head, 30, 38) === 'mimetype' && ascii(head, 38, 77) === 'application/vnd.oasis.opendocument.text'
        ? null
        : 'The file is not an OpenDocument text';
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return zip && /\[Content_Types\]\.xml|word\/|_rels\//.test(ascii(head, 0, head.length)) ? null : 'The file is not a Word (DOCX) document';
    case 'text/plain': {
      if (head.includes(0)) return 'A text file cannot contain NUL bytes';
      try {
        // Cut at a character boundary: the head may end in the middle of a multi-byte sequence.
        let end = head.length;
        while (end > 0 && end > head.length - 4 && (head[end - 1]! & 0xc0) === 0x80) end--;
        if (end > 0 && head[end - 1]! >= 0xc0) end--;
        new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
        return null;
      } catch {
        return 'A text file must be UTF-8';
      }
    }
  }
}
