import { useCallback, useEffect, useRef, useState } from 'react';
import { api, problemText, type Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { Badge } from '../../ui';
import { StatusBadge, useDescribe, type Names } from './labels';
import { formatSize, isActive, kindsOf, linkUsable, pollDelay, POLL_FIRST_MS } from './model';

type Job = Schemas['CreateExportResponse'];

/**
 * One export job: its progress while queued or running (GET /exports/{id} polled with a backoff: 0.5 s ×1.5
 * up to 5 s), then its file — the download link (presigned, on the S3 origin, valid 15 minutes; a fresh one
 * by re-reading the job), SHA-256, size, rows — or the API's reason for a failure, in the UI language.
 */
export function ExportJobPanel({ jobId, initial, names, onSettled }: { jobId: string; initial?: Job; names: Names; onSettled: () => void }) {
  const { t, lang, dateTime, date } = useI18n();
  const describe = useDescribe(names);
  const [job, setJob] = useState<Job | undefined>(initial);
  const [error, setError] = useState<string>();
  const [retrying, setRetrying] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const settled = useRef(onSettled);
  settled.current = onSettled;

  const read = useCallback(async (): Promise<Job | 'gone' | undefined> => {
    const r = await api.GET('/exports/{id}', { params: { path: { id: jobId } } });
    if (r.data) {
      setJob(r.data);
      setError(undefined);
      setNow(Date.now());
      return r.data;
    }
    setError(problemText(r.error));
    return r.response.status >= 400 && r.response.status < 500 ? 'gone' : undefined;
  }, [jobId]);

  // Poll while the job is queued or running; a network error is retried on the same backoff.
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    let attempt = 0;
    let sawActive = initial ? isActive(initial.status) : false;
    const tick = async () => {
      let j: Job | 'gone' | undefined;
      try {
        j = await read();
        setRetrying(false);
      } catch {
        setRetrying(true);
      }
      if (!live || j === 'gone') return;
      if (j === undefined || isActive(j.status)) {
        sawActive ||= j !== undefined;
        timer = setTimeout(() => void tick(), pollDelay(++attempt));
      } else if (sawActive) settled.current();
    };
    timer = setTimeout(() => void tick(), initial ? POLL_FIRST_MS : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [read]); // `initial` only seeds the first render

  // Re-render when the download link expires, so that an expired link is not offered.
  const expiresAt = job?.download?.expiresAt;
  useEffect(() => {
    if (!expiresAt) return;
    const ms = Date.parse(expiresAt) - Date.now() - 5_000;
    if (ms <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(ms + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [expiresAt]);

  const refresh = async () => {
    setRefreshing(true);
    try {
      await read();
    } catch (e) {
      setError(problemText(e));
    } finally {
      setRefreshing(false);
    }
  };

  const num = (n: number) => n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB');

  return (
    <section className="card exports-job" id="export-job" aria-labelledby="export-job-title" tabIndex={-1}>
      <div className="card-header">
        <h2 id="export-job-title">{job ? t(`exports.jobTitle.${job.status}` as MessageKey) : t('exports.jobTitle.loading')}</h2>
        {job && <StatusBadge status={job.status} />}
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {retrying && (
        <p className="notice notice-warn" role="status">
          {t('exports.retrying')}
        </p>
      )}
      {!job && !error && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {job && (
        <>
          <p className="meta-line">
            <strong>{describe.kind(job.request)}</strong>
            <span>{describe.format(job.request)}</span>
            <span>{t('exports.inLocale', { locale: job.request.locale === 'fr' ? 'français' : 'English' })}</span>
            <span>{describe.scope(job.request)}</span>
            <span>{describe.period(job.request)}</span>
            <span>{t('exports.requestedAt', { at: dateTime(job.createdAt), by: job.requestedBy.email ?? job.requestedBy.sub })}</span>
          </p>

          {isActive(job.status) && (
            <div className="exports-progress">
              <label htmlFor="export-progress">{t('exports.progress')}</label>
              <progress id="export-progress" max={100} value={job.percent ?? undefined} aria-describedby="export-progress-text">
                {job.percent ?? ''}
              </progress>
              <p id="export-progress-text" className="small">
                {job.status === 'queued' ? t('exports.queuedText') : t('exports.rowsWritten', { n: num(job.rowsWritten) })}
                {job.percent !== null && job.status === 'running' ? ` · ${Math.round(job.percent)} %` : ''}
              </p>
            </div>
          )}

          {job.status === 'failed' && job.failure && (
            <div className="notice notice-error" role="alert">
              <p>
                <strong>{t('exports.failedLead')}</strong> {job.failure.message[lang]}
              </p>
              <p className="small">{t('exports.failedHint')}</p>
            </div>
          )}

          {job.status === 'done' && job.result && (
            <div className="exports-result">
              <div className="exports-download">
                {job.download && linkUsable(job.download.expiresAt, now) ? (
                  <a className="button button-primary" href={job.download.url} download={job.result.fileName} rel="noopener">
                    {t('exports.download')}
                  </a>
                ) : (
                  <p className="notice notice-warn">{job.download ? t('exports.linkExpired') : t('exports.fileGone', { at: date(job.result.expiresAt) })}</p>
                )}
                {job.download !== null && (
                  <button type="button" className="button button-secondary" onClick={() => void refresh()} disabled={refreshing}>
                    {t('exports.newLink')}
                  </button>
                )}
                {job.download && linkUsable(job.download.expiresAt, now) && (
                  <p className="small muted">{t('exports.linkValidUntil', { at: dateTime(job.download.expiresAt), until: date(job.result.expiresAt) })}</p>
                )}
              </div>
              <dl className="exports-facts">
                <div>
                  <dt>{t('exports.fact.file')}</dt>
                  <dd>{job.result.fileName}</dd>
                </div>
                <div>
                  <dt>{t('exports.fact.size')}</dt>
                  <dd>{formatSize(job.result.bytes, lang)}</dd>
                </div>
                <div>
                  <dt>{t('exports.fact.rows')}</dt>
                  <dd>{num(job.result.rows)}</dd>
                </div>
                <div className="exports-sha">
                  <dt>{t('exports.fact.sha256')}</dt>
                  <dd>
                    <code id="export-sha256">{job.result.sha256}</code>
                  </dd>
                </div>
              </dl>
            </div>
          )}
          {job.request.kind === 'all' && (
            <div className="exports-kind-progress">
              <h3>{t('exports.filesOfZip')}</h3>
              <ol>
                {kindsOf(job).map((k) => (
                  <li key={k.kind} className={`kind-${k.status}`}>
                    <span>{t(`exports.kind.${k.kind}` as MessageKey)}</span>
                    <span className="small">
                      {k.status === 'pending' ? (
                        <Badge tone="neutral">{t('exports.kindStatus.pending')}</Badge>
                      ) : (
                        <>
                          <Badge tone={k.status === 'done' ? 'ok' : 'info'}>{t(`exports.kindStatus.${k.status}` as MessageKey)}</Badge>{' '}
                          {job.kinds?.length ? t('exports.rows', { n: num(k.rows) }) : null}
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          )}

          <p className="visually-hidden" role="status" aria-live="polite">
            {job.status === 'done' && job.result
              ? t('exports.announceDone', { n: num(job.result.rows) })
              : job.status === 'failed'
                ? t('exports.jobTitle.failed')
                : ''}
          </p>
        </>
      )}
    </section>
  );
}
