import type { ReactNode } from 'react';
import { useI18n } from './i18n';
import type { Query } from './use-query';

/** Loading, error (with a retry) or the content of a query. */
export function Loaded<T>({ q, children }: { q: Query<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (q.error)
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('common.error', { message: q.error })}</p>
        <button type="button" className="button button-secondary" onClick={q.reload}>
          {t('common.retry')}
        </button>
      </div>
    );
  if (q.data === undefined)
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  return <>{children(q.data)}</>;
}

export type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'danger' | 'critical';

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export const severityTone = (s: string): Tone => (s === 'critical' ? 'critical' : s === 'high' ? 'danger' : s === 'medium' ? 'warn' : 'neutral');

export function Section({ id, title, actions, children }: { id?: string; title: string; actions?: ReactNode; children: ReactNode }) {
  const headingId = `${id ?? title.replace(/\W+/g, '-').toLowerCase()}-title`;
  return (
    <section className="card" id={id} aria-labelledby={headingId}>
      <div className="card-header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Today as YYYY-MM-DD in the user's time zone (due dates are calendar days). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
