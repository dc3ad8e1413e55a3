import type { Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { today } from '../../ui';

type Workflow = Schemas['WorkflowView'];

const STAGES = ['declarations', 'partner-approval', 'legal-review', 'lawyer-opinion', 'committee', 'agreement', 'signatures', 'signed'] as const;

/** The workflow: stage stepper, pending steps (who, due date), the history (who decided what and when). */
export function WorkflowView({ wf, orgName, focusStepId }: { wf: Workflow; orgName: (id: string) => string; focusStepId?: string }) {
  const { t, date, dateTime } = useI18n();
  // A reminder's link names a step: highlighted when it still waits, else a notice of what became of it.
  const focusedStep = focusStepId && !wf.pending.some((s) => s.stepId === focusStepId) ? wf.steps.find((s) => s.stepId === focusStepId) : undefined;
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
      {focusStepId && !wf.pending.some((s) => s.stepId === focusStepId) && (
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
      <div className="grid-2">
        <div>
          <h3>{t('workflow.pending')}</h3>
          {wf.pending.length === 0 ? (
            <p className="empty">{t('workflow.pendingEmpty')}</p>
          ) : (
            <ul className="pending-list">
              {wf.pending.map((s) => (
                <li
                  key={s.stepId}
                  id={`step-${s.stepId}`}
                  tabIndex={-1}
                  className={[s.dueDate < now ? 'row-overdue' : '', s.stepId === focusStepId ? 'step-focused' : ''].filter(Boolean).join(' ') || undefined}
                  aria-current={s.stepId === focusStepId ? 'true' : undefined}
                >
                  <strong>{t(`stepKind.${s.kind}` as MessageKey)}</strong>
                  {s.assignee.orgId ? ` — ${orgName(s.assignee.orgId)}` : ''}
                  <div className="small">
                    {t('workflow.waitingFor', { who: s.people.length ? s.people.map((p) => p.name).join(', ') : who(s.assignee) })} ·{' '}
                    <span className={s.dueDate < now ? 'text-danger' : undefined}>{t('workflow.due', { date: date(s.dueDate) })}</span>
                  </div>
                </li>
              ))}
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
                const decision = h.action === 'decision' ? step?.decision : undefined;
                return (
                  <li key={h.seq}>
                    <time dateTime={h.at}>{dateTime(h.at)}</time>
                    <div>
                      <strong>{t(`history.${h.action}` as MessageKey)}</strong>
                      {step ? ` — ${t(`stepKind.${step.kind}` as MessageKey)}` : ` — ${t(`stage.${h.stage}` as MessageKey)}`}
                      <div className="small muted">
                        {h.by ? t('workflow.by', { who: who(h.by) }) : t('workflow.system')}
                        {decision ? ` ${t(`decision.${decision.decision}` as MessageKey)}` : ''}
                      </div>
                      {decision?.comment && <div className="small">{t('workflow.comment', { text: decision.comment })}</div>}
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
