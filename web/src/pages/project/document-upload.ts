import { api, type Schemas } from '../../api/client';
import { declaredType, problemSummary, s3ErrorText, sha256Hex, type ProblemLike } from './file-facts';

type DocumentRecord = Schemas['Document'];

/** Where an upload stands: the API checks the request, the browser hashes the file, sends it, the API confirms. */
export type UploadPhase = 'register' | 'hash' | 'send' | 'confirm';

export interface UploadResult {
  document: DocumentRecord;
  /** The SHA-256 the browser computed before sending: it must equal the one the API measured. */
  browserSha256: string;
}

/** A refused or failed upload: the phase, and the API's problem (field errors included) or S3's message. */
export class UploadError extends Error {
  constructor(
    readonly phase: UploadPhase,
    readonly problem: ProblemLike | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The API's upload flow (docs/documents.md): `POST /projects/{id}/documents` (the API checks the name, type and
 * size first), the SHA-256 computed in the browser, the file POSTed to S3 with the presigned form (progress
 * reported), then `POST …/documents/{docId}/confirm`, where the API measures the stored copy.
 */
export async function uploadDocument(opts: {
  projectId: string;
  file: File;
  organizationId?: string;
  description?: string;
  onPhase: (phase: UploadPhase) => void;
  onProgress: (fraction: number) => void;
}): Promise<UploadResult> {
  const { projectId, file } = opts;
  opts.onPhase('register');
  const body: Schemas['UploadRequest'] = {
    fileName: file.name,
    contentType: declaredType(file) as Schemas['UploadRequest']['contentType'],
    size: file.size,
    ...(opts.organizationId ? { organizationId: opts.organizationId } : {}),
    ...(opts.description ? { description: opts.description } : {}),
  };
  const started = await api.POST('/projects/{projectId}/documents', { params: { path: { projectId } }, body });
  if (!started.data) throw new UploadError('register', started.error as ProblemLike, problemMessage(started.error));

  opts.onPhase('hash');
  const browserSha256 = await sha256Hex(await file.arrayBuffer());

  opts.onPhase('send');
  const form = new FormData();
  for (const [k, v] of Object.entries(started.data.upload.fields)) form.append(k, v);
  form.append('file', file);
  const sent = await postForm(started.data.upload.url, form, opts.onProgress);
  if (sent.status >= 300) throw new UploadError('send', undefined, s3ErrorText(sent.body) ?? `HTTP ${sent.status}`);

  opts.onPhase('confirm');
  const docId = started.data.document.id;
  const confirmed = await api.POST('/projects/{projectId}/documents/{docId}/confirm', { params: { path: { projectId, docId } } });
  if (!confirmed.data) throw new UploadError('confirm', confirmed.error as ProblemLike, problemMessage(confirmed.error));
  notifyDocumentsChanged();
  return { document: confirmed.data, browserSha256 };
}

const problemMessage = (e: unknown): string => problemSummary(e as ProblemLike | undefined) || String(e);

/** XMLHttpRequest rather than fetch: only it reports the upload's progress. */
function postForm(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => resolve({ status: xhr.status, body: xhr.responseText }));
    xhr.addEventListener('error', () => reject(new UploadError('send', undefined, 'network')));
    xhr.addEventListener('abort', () => reject(new UploadError('send', undefined, 'aborted')));
    xhr.send(form);
  });
}

/** The documents section reloads its list when a document is added elsewhere on the page (a signed copy). */
const EVENT = 'vigie:documents-changed';
export function notifyDocumentsChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}
export function onDocumentsChanged(f: () => void): () => void {
  window.addEventListener(EVENT, f);
  return () => window.removeEventListener(EVENT, f);
}

/** Opens a presigned GET: the storage answers `Content-Disposition: attachment`, so the browser downloads. */
export function startDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
