import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { useI18n, type MessageKey } from '../../i18n';
import { useQuery } from '../../use-query';
import { Badge, Loaded, Section, type Tone } from '../../ui';
import { onDocumentsChanged, startDownload, uploadDocument, UploadError, type UploadPhase, type UploadResult } from './document-upload';
import { ACCEPTED_FILES, fieldErrors, formatBytes } from './file-facts';
import { HashValue } from './hash-value';

type DocumentRecord = Schemas['Document'];

/**
 * Every page of `GET /projects/{id}/documents` (the route reads `?limit=&cursor=`, functions/http/params.ts,
 * without declaring them in the OpenAPI document: hence the cast).
 */
export async function listAllDocuments(projectId: string) {
  const items: DocumentRecord[] = [];
  let cursor: string | null = null;
  do {
    const query = { limit: 100, ...(cursor ? { cursor } : {}) } as never;
    const r = await api.GET('/projects/{projectId}/documents', { params: { path: { projectId }, query } });
    if (!r.data) return { error: r.error, response: r.response };
    items.push(...r.data.items);
    cursor = r.data.nextCursor;
  } while (cursor);
  return { data: items, response: new Response() };
}

const STATUS_TONE: Record<DocumentRecord['status'], Tone> = { pending: 'warn', available: 'ok', rejected: 'danger' };
const PHASES: UploadPhase[] = ['register', 'hash', 'send', 'confirm'];

/**
 * The project's documents (`GET /projects/{id}/documents`: a partner sees its own organization's only), with
 * their SHA-256, and the upload for legal staff and partners (presigned POST, docs/documents.md).
 */
export function DocumentsSection({
  session,
  projectId,
  partners,
  orgName,
}: {
  session: Session;
  projectId: string;
  partners: string[];
  orgName: (id: string) => string;
}) {
  const { t, lang, dateTime } = useI18n();
  const docs = useQuery(() => listAllDocuments(projectId), [projectId]);
  const reload = useRef(docs.reload);
  reload.current = docs.reload;
  useEffect(() => onDocumentsChanged(() => reload.current()), []);
  const canUpload = session.user.role === 'legal' || session.user.role === 'partner';
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);

  const download = async (doc: DocumentRecord) => {
    setOpening(doc.id);
    setOpenError(null);
    const r = await api.GET('/documents/{docId}', { params: { path: { docId: doc.id } } });
    setOpening(null);
    if (r.data?.download) startDownload(r.data.download.url);
    else setOpenError(r.error ? [r.error.title, r.error.detail].filter(Boolean).join(' — ') : t('documents.notAvailable'));
  };

  return (
    <Section
      id="documents"
      title={t('documents.title')}
      actions={docs.data ? <span className="muted small">{t('documents.count', { n: docs.data.length })}</span> : undefined}
    >
      <p className="section-lead">{t(session.user.role === 'partner' ? 'documents.leadPartner' : 'documents.lead')}</p>
      {canUpload && <UploadForm session={session} projectId={projectId} partners={partners} orgName={orgName} />}
      {openError && (
        <div className="notice notice-error" role="alert">
          <p>{openError}</p>
        </div>
      )}
      <Loaded q={docs}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty">{t('documents.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table documents-table">
                <caption className="visually-hidden">{t('documents.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('documents.document')}</th>
                    <th scope="col">{t('documents.organization')}</th>
                    <th scope="col" className="num">
                      {t('documents.size')}
                    </th>
                    <th scope="col">{t('documents.uploaded')}</th>
                    <th scope="col">{t('documents.status')}</th>
                    <th scope="col">SHA-256</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('documents.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <tr key={d.id} id={`document-${d.id}`}>
                      <td>
                        <span className="doc-name">{d.fileName}</span>
                        <div className="small muted">
                          {t(`documents.type.${d.contentType}` as MessageKey)}
                          {d.description ? ` · ${d.description}` : ''}
                        </div>
                        {d.rejectionReason && <div className="small text-danger">{d.rejectionReason}</div>}
                      </td>
                      <td>{orgName(d.organizationId)}</td>
                      <td className="num nowrap">{formatBytes(d.size ?? d.declaredSize ?? 0, lang)}</td>
                      <td>
                        <time dateTime={d.confirmedAt ?? d.createdAt}>{dateTime(d.confirmedAt ?? d.createdAt)}</time>
                        <div className="small muted">{d.uploadedBy.email ?? t(`role.${d.uploadedBy.role}` as MessageKey)}</div>
                      </td>
                      <td>
                        <Badge tone={STATUS_TONE[d.status]}>{t(`documents.status.${d.status}` as MessageKey)}</Badge>
                      </td>
                      <td>{d.sha256 ? <HashValue value={d.sha256} label={d.fileName} /> : <span className="muted">{t('common.none')}</span>}</td>
                      <td className="nowrap">
                        {d.status === 'available' && (
                          <button
                            type="button"
                            className="button button-secondary"
                            disabled={opening === d.id}
                            onClick={() => void download(d)}
                            aria-label={t('documents.downloadLabel', { name: d.fileName })}
                          >
                            {t('documents.download')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </Section>
  );
}

/** A labelled file input (and, for legal staff, the partner the document belongs to), then the upload's steps. */
function UploadForm({ session, projectId, partners, orgName }: { session: Session; projectId: string; partners: string[]; orgName: (id: string) => string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const isPartner = session.user.role === 'partner';
  const [org, setOrg] = useState('');
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<UploadResult | null>(null);
  const [error, setError] = useState<UploadError | null>(null);
  const busy = phase !== null && result === null && error === null;
  const errors = fieldErrors(error?.problem);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    setError(null);
    setProgress(0);
    try {
      const r = await uploadDocument({
        projectId,
        file,
        ...(isPartner ? {} : { organizationId: org }),
        description: description.trim(),
        onPhase: setPhase,
        onProgress: setProgress,
      });
      setResult(r);
      setFile(null);
      setDescription('');
      if (fileRef.current) fileRef.current.value = '';
    } catch (err) {
      setError(err instanceof UploadError ? err : new UploadError('send', undefined, String(err)));
    }
  };

  const errorText = (err: UploadError): string => {
    if (err.phase === 'send' && !err.problem)
      return err.message === 'network' ? t('documents.sendNetwork') : t('documents.sendRefused', { message: err.message });
    return err.message;
  };

  return (
    <form className="upload-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('documents.uploadTitle')}</h3>
      <div className={isPartner ? 'upload-fields upload-fields-own' : 'upload-fields'}>
        {!isPartner && (
          <div className="field">
            <label htmlFor={`${id}-org`}>{t('documents.organization')}</label>
            <select
              id={`${id}-org`}
              value={org}
              onChange={(e) => setOrg(e.target.value)}
              required
              aria-invalid={errors.organizationId ? true : undefined}
              aria-describedby={errors.organizationId ? `${id}-org-error` : undefined}
            >
              <option value="">{t('documents.chooseOrganization')}</option>
              {partners.map((p) => (
                <option key={p} value={p}>
                  {orgName(p)}
                </option>
              ))}
            </select>
            {errors.organizationId && (
              <p className="field-error" id={`${id}-org-error`}>
                {errors.organizationId}
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('documents.file')}</label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            accept={ACCEPTED_FILES}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
              setResult(null);
              setPhase(null);
            }}
            aria-describedby={`${id}-file-hint${errors.contentType || errors.size || errors.fileName ? ` ${id}-file-error` : ''}`}
            aria-invalid={errors.contentType || errors.size || errors.fileName ? true : undefined}
          />
          <p className="field-hint" id={`${id}-file-hint`}>
            {t('documents.fileHint')}
          </p>
          {(errors.contentType || errors.size || errors.fileName) && (
            <p className="field-error" id={`${id}-file-error`}>
              {[errors.fileName, errors.contentType, errors.size].filter(Boolean).join(' ')}
            </p>
          )}
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-description`}>
            {t('documents.description')} <span className="muted small">{t('documents.optional')}</span>
          </label>
          <input id={`${id}-description`} type="text" maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <div className="field field-action">
          <button type="submit" className="button button-primary" disabled={!file || busy || (!isPartner && !org)}>
            {busy ? t('documents.uploading') : t('documents.upload')}
          </button>
        </div>
      </div>
      {phase && (
        <div className="upload-status" aria-live="polite">
          <ol className="upload-steps">
            {PHASES.map((p, i) => {
              const at = PHASES.indexOf(phase);
              const state = result || i < at ? 'done' : i === at ? (error ? 'failed' : 'current') : 'todo';
              return (
                <li key={p} className={`upload-step upload-step-${state}`}>
                  <span className="visually-hidden">{t(`documents.stepState.${state}` as MessageKey)} : </span>
                  {t(`documents.phase.${p}` as MessageKey)}
                  {p === 'send' && state === 'current' && (
                    <>
                      {' '}
                      <progress max={1} value={progress} aria-label={t('documents.phase.send')} /> {Math.round(progress * 100)} %
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      )}
      {error && (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{t('documents.refused')}</strong> {errorText(error)}
          </p>
        </div>
      )}
      {result && <UploadReceipt result={result} lang={lang} />}
    </form>
  );
}

/** What was stored: the name, size and the SHA-256 the API measured, compared with the browser's. */
function UploadReceipt({ result, lang }: { result: UploadResult; lang: 'fr' | 'en' }) {
  const { t } = useI18n();
  const d = result.document;
  const same = d.sha256 === result.browserSha256;
  return (
    <div className={`notice ${same ? 'notice-ok' : 'notice-warn'} upload-receipt`} role="status">
      <p>
        <strong>{t('documents.confirmed', { name: d.fileName })}</strong> ({formatBytes(d.size ?? 0, lang)})
      </p>
      <p className="receipt-hash">
        <span>{t('documents.serverHash')}</span> <HashValue value={d.sha256 ?? ''} label={d.fileName} full />
      </p>
      <p className="small">{same ? t('documents.hashMatches') : t('documents.hashDiffers', { hash: result.browserSha256 })}</p>
    </div>
  );
}
