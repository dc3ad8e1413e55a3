import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, problemText, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { useI18n, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { today } from '../../ui';
import { canDecide, fieldErrors, gateFor, type Gates, type ProblemLike } from './review-logic';

type Workflow = Schemas['WorkflowView'];
type Pending = Workflow['pending'][number];
type Flag = Schemas['Flag'];

const STAGES = ['declarations', 'partner-approval', 'legal-review', 'lawyer-opinion', 'committee', 'agreement', 'signatures', 'signed'] as const;
const DECISIONS = ['approve', 'request-changes', 'reject'] as const;
type Decision = (typeof DECISIONS)[number];

/**
 * The workflow: stage stepper, pending steps (who, due date) with a decision form on those the signed-in user
 * decides, what blocks an approval (the gates), and the history (who decided what and when). `onDecided`
 * reloads the workflow, so the timeline shows the decision.
 */
export function WorkflowView({
  wf,
  orgName,
  projectId,
  session,
  flags,
  focusStep,
  onDecided,
}: {
  wf: Workflow;
  orgName: (id: string) => string;
  projectId?: string;
  session?: Session;
  flags?: Flag[];
  focusStep?: string | null;
  onDecided?: () => void;
}) {
  const { t, date, dateTime } = useI18n();
  const [announce, setAnnounce] = useState('');
  // A reminder's link names a step: highlighted when it still waits, else a notice of what became of it.
  const focusedStep = focusStep && !wf.pending.some((s) => s.stepId === focusStep) ? wf.steps.find((s) => s.stepId === focusStep) : undefined;
  const current = STAGES.indexOf(wf.stage);
  const now = today();
  const who = (a: { role: string; orgId?: string | null; org?: string | null; email: string | null }) =>
    [t(`role.${a.role}` as MessageKey), (a.orgId ?? a.org) ? orgName((a.orgId ?? a.org)!) : null, a.email].filter(Boolean).join(' · ');
  return (
    <>
      <ol className="stepper" aria-label={t('workflow.stage', { stage: t(`stage.${wf.stage}` as MessageKey) })}>
        {STAGES.filter((s) => s !== 'lawyer-opinion' || wf.config.lawyerOpinion.enabled).map((s) => {
          const i = STAGES.indexOf(s);
          const state = wf.status === 'signed' || i < current ? 'done' : i === current ? 'current' : 'todo';
          return (
            <li key={s} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              {t(`stage.${s}` as MessageKey)}
            </li>
          );
        })}
      </ol>
      <p className="meta-line">
        <span>{t('workflow.status', { status: t(`wfStatus.${wf.status}` as MessageKey) })}</span>
        {wf.pendingDeclarations.length > 0 && <span>{t('workflow.awaitingDeclarations', { list: wf.pendingDeclarations.map(orgName).join(', ') })}</span>}
      </p>
      {focusStep && !wf.pending.some((s) => s.stepId === focusStep) && (
        <p className="notice notice-info" role="status">
          {focusedStep?.decision
            ? t('emailLinks.stepDecided', {
                step: t(`stepKind.${focusedStep.kind}` as MessageKey),
                who: focusedStep.decision.by.email ?? t(`role.${focusedStep.decision.by.role}` as MessageKey),
                decision: t(`decision.${focusedStep.decision.decision}` as MessageKey),
                at: dateTime(focusedStep.decision.at),
              })
            : t('emailLinks.stepNotPending')}
        </p>
      )}
      <p role="status" className="review-done">
        {announce}
      </p>
      <div className="grid-2">
        <div>
          <h3>{t('workflow.pending')}</h3>
          {wf.pending.length === 0 ? (
            <p className="empty">{t('workflow.pendingEmpty')}</p>
          ) : (
            <ul className="pending-list">
              {wf.pending.map((s) => {
                const mine = session && projectId ? canDecide(s.assignee, session.user) : false;
                return (
                  <li
                    key={s.stepId}
                    id={`step-${s.stepId}`}
                    tabIndex={-1}
                    className={`${s.dueDate < now ? 'row-overdue' : ''}${mine ? ' review-mine' : ''}${s.stepId === focusStep ? ' step-focused' : ''}`}
                    aria-current={s.stepId === focusStep ? 'true' : undefined}
                  >
                    <strong>{t(`stepKind.${s.kind}` as MessageKey)}</strong>
                    {s.assignee.orgId ? ` — ${orgName(s.assignee.orgId)}` : ''}
                    {mine && <span className="badge badge-info review-yours">{t('review.decide.yours')}</span>}
                    <div className="small">
                      {t('workflow.waitingFor', { who: s.people.length ? s.people.map((p) => p.name).join(', ') : who(s.assignee) })} ·{' '}
                      <span className={s.dueDate < now ? 'text-danger' : undefined}>{t('workflow.due', { date: date(s.dueDate) })}</span>
                    </div>
                    <GateNotice step={s} gates={wf.gates} flags={flags} projectId={projectId} orgName={orgName} />
                    {mine && projectId && (
                      <DecisionForm
                        projectId={projectId}
                        step={s}
                        partners={wf.partners}
                        orgName={orgName}
                        flags={flags}
                        autoFocus={focusStep === s.stepId}
                        onDone={(d) => {
                          setAnnounce(
                            t('review.decide.done', { step: t(`stepKind.${s.kind}` as MessageKey), decision: t(`review.decision.${d}` as MessageKey) }),
                          );
                          onDecided?.();
                        }}
                      />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('workflow.history')}</h3>
          {wf.history.length === 0 ? (
            <p className="empty">{t('workflow.historyEmpty')}</p>
          ) : (
            <ol className="timeline">
              {[...wf.history].reverse().map((h) => {
                const step = h.stepId ? wf.steps.find((s) => s.stepId === h.stepId) : undefined;
                // The decision of this entry (its own record: a step decided again later keeps both).
                const detail = h.action === 'decision' ? (h.detail as { decision?: string; comment?: string } | null) : null;
                const decision = detail?.decision ?? (h.action === 'decision' ? step?.decision?.decision : undefined);
                const comment = detail ? detail.comment : step?.decision?.comment;
                return (
                  <li key={h.seq}>
                    <time dateTime={h.at}>{dateTime(h.at)}</time>
                    <div>
                      <strong>{t(`history.${h.action}` as MessageKey)}</strong>
                      {step
                        ? ` — ${t(`stepKind.${step.kind}` as MessageKey)}${step.assignee.orgId ? ` (${orgName(step.assignee.orgId)})` : ''}`
                        : ` — ${t(`stage.${h.stage}` as MessageKey)}`}
                      <div className="small muted">
                        {h.by ? t('workflow.by', { who: who(h.by) }) : t('workflow.system')}
                        {decision ? ` ${t(`decision.${decision}` as MessageKey)}` : ''}
                      </div>
                      {comment && <div className="small">{t('workflow.comment', { text: comment })}</div>}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      </div>
    </>
  );
}

/** What blocks approving this step now (legal review: open high/critical flags; committee: also IEF holds). */
function GateNotice({
  step,
  gates,
  flags,
  projectId,
  orgName,
}: {
  step: Pending;
  gates: Gates | undefined;
  flags: Flag[] | undefined;
  projectId: string | undefined;
  orgName: (id: string) => string;
}) {
  const { t } = useI18n();
  const g = gateFor(step.kind, gates);
  if (g.blockingFlags.length === 0 && g.iefHolds.length === 0) return null;
  return (
    <div className="notice notice-warn review-gate">
      <p>
        <strong>{t('review.gate.title')}</strong>{' '}
        {[
          g.blockingFlags.length ? t('review.gate.flags', { n: g.blockingFlags.length }) : '',
          g.iefHolds.length ? t('review.gate.holds', { n: g.iefHolds.length, orgs: [...new Set(g.iefHolds.map((h) => orgName(h.orgId)))].join(', ') }) : '',
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
      <FlagLinks ids={[...new Set([...g.blockingFlags.map((f) => f.id), ...g.iefHolds.map((h) => h.flagId)])]} flags={flags} projectId={projectId} />
      <p className="small">{t('review.gate.help')}</p>
    </div>
  );
}

function FlagLinks({ ids, flags, projectId }: { ids: string[]; flags: Flag[] | undefined; projectId: string | undefined }) {
  const { t, lang } = useI18n();
  if (!ids.length) return null;
  return (
    <ul className="review-flag-links">
      {ids.map((id) => {
        const f = flags?.find((x) => x.id === id);
        const text = f ? `${t(`severity.${f.severity}` as MessageKey)} — ${f.title[lang]}` : id;
        return <li key={id}>{projectId ? <Link to={`/projects/${projectId}/flags/${id}`}>{text}</Link> : text}</li>;
      })}
    </ul>
  );
}

function DecisionForm({
  projectId,
  step,
  partners,
  orgName,
  flags,
  autoFocus,
  onDone,
}: {
  projectId: string;
  step: Pending;
  partners: string[];
  orgName: (id: string) => string;
  flags: Flag[] | undefined;
  autoFocus: boolean;
  onDone: (d: Decision) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [decision, setDecision] = useState<Decision>('approve');
  const [comment, setComment] = useState('');
  const [from, setFrom] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; flagIds: string[] } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const first = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setErrors({});
    try {
      const r = await api.POST('/projects/{projectId}/workflow/steps/{stepId}/decision', {
        params: { path: { projectId, stepId: step.stepId } },
        // One key per submission: a retried request (network error) is not applied twice.
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        body: {
          decision,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(decision === 'request-changes' ? { changesRequestedFrom: from } : {}),
        },
      });
      if (r.data) {
        onDone(decision);
        return;
      }
      const p = r.error as (ProblemLike & { blockingFlags?: { id: string }[]; iefHolds?: { flagId: string }[] }) | undefined;
      const errs = fieldErrors(p);
      setErrors(errs);
      if (errs.comment) commentRef.current?.focus();
      const flagIds = [...new Set([...(p?.blockingFlags ?? []).map((f) => f.id), ...(p?.iefHolds ?? []).map((h) => h.flagId)])];
      // Field errors show at their fields; anything else (a 409 gate, 403…) in words above the form.
      if (Object.keys(errs).length === 0) setProblem({ text: problemText(p), flagIds });
    } catch (err) {
      setProblem({ text: problemText(err), flagIds: [] });
    } finally {
      setBusy(false);
    }
  };

  const commentRequired = decision !== 'approve';
  return (
    <form className="review-form review-decision" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('review.decide.title', { step: t(`stepKind.${step.kind}` as MessageKey) })}</h4>
      {problem && (
        <div className="notice notice-error" role="alert">
          <p>{problem.text}</p>
          <FlagLinks ids={problem.flagIds} flags={flags} projectId={projectId} />
        </div>
      )}
      <fieldset className="review-radios">
        <legend>{t('review.decide.decision')}</legend>
        {DECISIONS.map((d, i) => (
          <label key={d}>
            <input
              ref={i === 0 ? first : undefined}
              type="radio"
              name={`${id}-decision`}
              value={d}
              checked={decision === d}
              onChange={() => {
                setDecision(d);
                setErrors({});
              }}
            />
            {t(`review.decision.${d}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {decision === 'request-changes' && (
        <fieldset
          className="review-radios"
          aria-describedby={errors.changesRequestedFrom ? `${id}-from-error` : undefined}
          aria-invalid={errors.changesRequestedFrom ? true : undefined}
        >
          <legend>{t('review.decide.partners')}</legend>
          {partners.map((o) => (
            <label key={o}>
              <input type="checkbox" checked={from.includes(o)} onChange={(e) => setFrom((l) => (e.target.checked ? [...l, o] : l.filter((x) => x !== o)))} />
              {orgName(o)}
            </label>
          ))}
          {errors.changesRequestedFrom && (
            <p id={`${id}-from-error`} className="review-field-error">
              {errors.changesRequestedFrom}
            </p>
          )}
        </fieldset>
      )}
      <label htmlFor={`${id}-comment`}>
        {t('review.decide.comment')} <span className="muted small">{commentRequired ? t('review.required') : t('review.optional')}</span>
      </label>
      <textarea
        id={`${id}-comment`}
        ref={commentRef}
        className="review-textarea"
        rows={3}
        maxLength={5000}
        value={comment}
        aria-required={commentRequired}
        aria-invalid={errors.comment ? true : undefined}
        aria-describedby={errors.comment ? `${id}-comment-error` : undefined}
        onChange={(e) => {
          setComment(e.target.value);
          if (errors.comment) setErrors(({ comment: _c, ...rest }) => rest);
        }}
      />
      {errors.comment && (
        <p id={`${id}-comment-error`} className="review-field-error">
          {errors.comment}
        </p>
      )}
      <div className="review-form-buttons">
        <button type="submit" className="button review-primary" disabled={busy}>
          {busy ? t('review.sending') : t('review.decide.submit')}
        </button>
      </div>
    </form>
  );
}
