import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, problemText, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { countryLabel } from '../../countries';
import { useI18n, type MessageKey } from '../../i18n';
import { PAGE_MAX, readAll } from '../../read-all';
import { useQuery } from '../../use-query';
import { Badge, Loaded, Section } from '../../ui';
import { fieldErrors, type ProblemLike } from './file-facts';

type Review = Schemas['ControlReview'];
const OUTCOMES = ['accept', 'restrict-access', 'withdrawal-requested'] as const;

/**
 * Changes of control after signature (docs/change-of-control.md), for staff and the project's lawyer: each review
 * with the event, the signed agreement version, the due date (overdue when passed) and the committee's decision;
 * committee members decide the open ones here.
 */
export function ControlReviewsSection({
  session,
  projectId,
  orgName,
  focused,
}: {
  session: Session;
  projectId: string;
  orgName: (id: string) => string;
  focused?: string;
}) {
  const { t } = useI18n();
  const list = useQuery(
    () => readAll((cursor) => api.GET('/projects/{projectId}/control-reviews', { params: { path: { projectId }, query: { limit: PAGE_MAX, cursor } } })),
    [projectId],
  );
  const [done, setDone] = useState('');
  useEffect(() => {
    if (!focused || !list.data) return;
    const el = document.getElementById(`control-review-${focused}`);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  }, [focused, list.data]);
  // Shown once there is something to review (or an email's link points here).
  if (!focused && list.data && list.data.items.length === 0) return null;
  return (
    <Section id="control-reviews" title={t('coc.title')}>
      <p className="section-lead">{t('coc.lead')}</p>
      <p role="status" className="review-done">
        {done}
      </p>
      <Loaded q={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p className="empty">{t('coc.empty')}</p>
          ) : (
            <ul className="publication-list">
              {l.items.map((r) => (
                <ReviewItem
                  key={r.id}
                  projectId={projectId}
                  review={r}
                  canDecide={session.user.role === 'committee'}
                  orgName={orgName}
                  focused={focused === r.id}
                  onDecided={() => {
                    setDone(t('coc.decided'));
                    list.reload();
                  }}
                />
              ))}
            </ul>
          )
        }
      </Loaded>
    </Section>
  );
}

function ReviewItem({
  projectId,
  review: r,
  canDecide,
  orgName,
  focused,
  onDecided,
}: {
  projectId: string;
  review: Review;
  canDecide: boolean;
  orgName: (id: string) => string;
  focused: boolean;
  onDecided: () => void;
}) {
  const { t, lang, date, dateTime } = useI18n();
  const headingId = `control-review-${r.id}-title`;
  const e = r.event;
  // The partners concerned; the operation may be on an organization controlling them (not a member: its name as recorded).
  const operationOn = r.organizationName ?? orgName(r.organizationId);
  const controlled = r.partnerIds.filter((id) => id !== r.organizationId).map(orgName);
  return (
    <li id={`control-review-${r.id}`} tabIndex={-1} aria-labelledby={headingId} className={`publication${focused ? ' publication-focused' : ''}`}>
      <div className="flag-head">
        <h3 id={headingId}>{t('coc.itemTitle', { org: r.partnerIds.map(orgName).join(', ') })}</h3>
        <Badge tone={r.state === 'open' ? (r.overdue ? 'danger' : 'warn') : 'ok'}>
          {r.state === 'open' ? t(r.overdue ? 'coc.state.overdue' : 'coc.state.open') : t(`coc.state.${r.state}`)}
        </Badge>
      </div>
      {controlled.length > 0 && <p className="coc-indirect">{t('coc.indirect', { on: operationOn, partners: controlled.join(', ') })}</p>}
      <p>
        {t('coc.event', {
          kind: t(`coc.kind.${e.kind}` as MessageKey),
          status: t(`coc.status.${e.status}` as MessageKey),
          investor: e.investor.name,
          country: countryLabel(e.investor.country, lang),
          pct: e.votingRightsAfterPct,
          date: date(e.effectiveDate),
        })}
      </p>
      <p className="muted small">
        {r.agreementVersion ? t('coc.agreement', { n: r.agreementVersion }) : ''} · {t('coc.window', { n: r.windowDays })} ·{' '}
        {t('coc.due', { date: date(r.dueDate) })}
        {r.remainingDays !== null && r.remainingDays >= 0 ? ` · ${t('pub.daysLeft', { n: r.remainingDays })}` : ''}
      </p>
      {r.decision && (
        <div className="review-waiver">
          <p>
            <strong>{t(`coc.outcome.${r.decision.outcome}` as MessageKey)}</strong> —{' '}
            {t('coc.decidedBy', {
              by: r.decision.decidedBy.email ?? r.decision.decidedBy.sub,
              at: dateTime(r.decision.decidedAt),
              n: r.decision.agreementVersion ?? '—',
            })}
          </p>
          <blockquote>{r.decision.note}</blockquote>
        </div>
      )}
      {r.withdrawal && (
        <p className="review-waiver">
          {t('coc.withdrawn', { at: dateTime(r.withdrawal.at) })} <q>{r.withdrawal.reason}</q>
        </p>
      )}
      {canDecide && r.state === 'open' && <DecisionForm projectId={projectId} review={r} onDone={onDecided} />}
    </li>
  );
}

function DecisionForm({ projectId, review: r, onDone }: { projectId: string; review: Review; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number] | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError('');
    setErrors({});
    const res = await api.POST('/projects/{projectId}/control-reviews/{reviewId}/decision', {
      params: { path: { projectId, reviewId: r.id }, header: { 'If-Match': `"${r.version}"` } as never },
      body: { outcome: outcome as (typeof OUTCOMES)[number], note: note.trim() },
    });
    setBusy(false);
    if (res.data) {
      onDone();
      return;
    }
    const problem = res.error as ProblemLike | undefined;
    setErrors(fieldErrors(problem));
    setError(problemText(problem));
  };
  return (
    <form className="review-form" onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('coc.decide')}</h4>
      {error && (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <fieldset className="pub-choices" aria-describedby={errors.outcome ? `${id}-outcome-error` : undefined}>
        <legend>{t('coc.outcome')}</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className="pub-choice">
            <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {t(`coc.outcome.${o}` as MessageKey)}
          </label>
        ))}
        {errors.outcome && (
          <p className="field-error" id={`${id}-outcome-error`}>
            {errors.outcome}
          </p>
        )}
      </fieldset>
      <label htmlFor={`${id}-note`}>
        {t('coc.note')} <span className="muted small">{t('review.required')}</span>
      </label>
      <textarea
        id={`${id}-note`}
        className="review-textarea"
        value={note}
        maxLength={5000}
        onChange={(ev) => setNote(ev.target.value)}
        aria-invalid={errors.note ? true : undefined}
        aria-describedby={errors.note ? `${id}-note-error` : undefined}
      />
      {errors.note && (
        <p className="field-error" id={`${id}-note-error`}>
          {errors.note}
        </p>
      )}
      <div className="review-actions">
        <button type="submit" className="button review-primary" disabled={busy || !outcome}>
          {t('coc.submit')}
        </button>
      </div>
    </form>
  );
}
