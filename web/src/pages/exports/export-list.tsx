import { useEffect, useState } from 'react';
import { api, problemText, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useQuery } from '../../use-query';
import { Loaded } from '../../ui';
import { StatusBadge, useDescribe, type Names } from './labels';
import type { Status } from './model';

type Item = Schemas['ListExportsResponse']['items'][number];

/** Starts a download of a URL on another origin (the S3 link; its Content-Disposition makes it a download). */
function startDownload(url: string, fileName: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * The caller's exports, newest first (GET /exports, 20 a page, "older" for the next). A finished export's
 * file is downloaded with a fresh link (GET /exports/{id}), as long as the file is kept (7 days).
 */
export function ExportList({ tick, currentId, names }: { tick: number; currentId?: string; names: Names }) {
  const { t, lang, dateTime } = useI18n();
  const describe = useDescribe(names);
  const first = useQuery(() => api.GET('/exports', { params: { query: { limit: 20 } } }), [tick]);
  const [older, setOlder] = useState<{ items: Item[]; cursor: string | null }>({ items: [], cursor: null });
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => setOlder({ items: [], cursor: null }), [tick]);

  const more = async (cursor: string) => {
    setBusy('more');
    const r = await api.GET('/exports', { params: { query: { limit: 20, cursor } } }).catch((e: unknown) => ({ data: undefined, error: e }));
    setBusy(undefined);
    if (r.data) setOlder((o) => ({ items: [...o.items, ...r.data.items], cursor: r.data.nextCursor }));
    else setError(problemText(r.error));
  };

  const download = async (job: Item) => {
    setBusy(job.id);
    setError(undefined);
    const r = await api.GET('/exports/{id}', { params: { path: { id: job.id } } }).catch((e: unknown) => ({ data: undefined, error: e }));
    setBusy(undefined);
    if (r.data?.download && r.data.result) startDownload(r.data.download.url, r.data.result.fileName);
    else setError(r.data ? t('exports.fileGone', { at: dateTime(job.result?.expiresAt ?? job.createdAt) }) : problemText(r.error));
  };

  const now = Date.now();
  return (
    <Loaded q={first}>
      {(page) => {
        const items = [...page.items, ...older.items];
        const cursor = older.items.length ? older.cursor : page.nextCursor;
        if (items.length === 0) return <p className="empty">{t('exports.listEmpty')}</p>;
        return (
          <>
            {error && (
              <p className="notice notice-error" role="alert">
                {error}
              </p>
            )}
            <div className="table-scroll">
              <table className="table exports-table">
                <thead>
                  <tr>
                    <th scope="col">{t('exports.col.requested')}</th>
                    <th scope="col">{t('exports.col.content')}</th>
                    <th scope="col">{t('exports.col.scope')}</th>
                    <th scope="col">{t('exports.col.status')}</th>
                    <th scope="col" className="num">
                      {t('exports.col.rows')}
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">{t('exports.col.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((job) => {
                    const kept = job.status === 'done' && job.result && Date.parse(job.result.expiresAt) > now;
                    return (
                      <tr key={job.id} className={job.id === currentId ? 'row-current' : undefined} aria-current={job.id === currentId ? 'true' : undefined}>
                        <td className="nowrap">{dateTime(job.createdAt)}</td>
                        <td>
                          <Link to={`/exports/${job.id}`}>{describe.kind(job.request)}</Link>
                          <div className="muted small">
                            {describe.format(job.request)} · {job.request.locale.toUpperCase()}
                          </div>
                        </td>
                        <td>
                          {describe.scope(job.request)}
                          <div className="muted small">{describe.period(job.request)}</div>
                        </td>
                        <td>
                          <StatusBadge status={job.status as Status} />
                          {job.status === 'failed' && job.failure && <div className="small text-danger">{job.failure.message[lang]}</div>}
                        </td>
                        <td className="num">
                          {job.status === 'done' || job.rowsWritten > 0 ? job.rowsWritten.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB') : '—'}
                        </td>
                        <td className="nowrap">
                          {kept && (
                            <button
                              type="button"
                              className="button button-secondary"
                              onClick={() => void download(job)}
                              disabled={busy !== undefined}
                              aria-label={t('exports.downloadOf', { name: job.result!.fileName })}
                            >
                              {t('exports.download')}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {cursor && (
              <p>
                <button type="button" className="button button-secondary" onClick={() => void more(cursor)} disabled={busy !== undefined}>
                  {t('exports.older')}
                </button>
              </p>
            )}
          </>
        );
      }}
    </Loaded>
  );
}
