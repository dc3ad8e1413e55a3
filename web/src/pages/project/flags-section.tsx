import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, problemText, type Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { Badge, severityTone } from '../../ui';
import { ACTION_FIELD, fieldErrors, flagActionsFor, type FlagAction, type ProblemLike } from './review-logic';

type Flag = Schemas['Flag'];
type HistoryEntry = Flag['history'][number];

/**
 * The project's flags (staff and lawyers): severity, title, explanation, the legal citation apart, rule, waiver,
 * history; and the actions the signed-in role may take (acknowledge, mitigate, waive with a justification,
 * reopen). A flag changed by an action is replaced in place by the API's answer; `onChanged` lets the page
 * refresh what depends on flags (the workflow's gates).
 */
export function FlagList({
  projectId,
  flags,
  role,
  orgName,
  focused,
  onChanged,
}: {
  projectId: string;
  flags: Flag[];
  role: string;
  orgName: (id: string) => string;
  focused: string | undefined;
  onChanged?: (flag: Flag) => void;
}) {
  const { t } = useI18n();
  // Those that need attention first (open, acknowledged), then mitigated and waived; closed ones folded away.
  // The order is set when the list is loaded: a flag changed by an action stays where it is.
  const [items, setItems] = useState(() => byAttention(flags));
  useEffect(() => setItems(byAttention(flags)), [flags]);
  if (items.length === 0) return <p className="empty">{t('flags.empty')}</p>;
  const render = (list: Flag[]) => (
    <ul className="flag-list">
      {list.map((f) => (
        <FlagItem
          key={f.id}
          projectId={projectId}
          flag={f}
          role={role}
          orgName={orgName}
          focused={focused === f.id}
          onUpdated={(next) => {
            setItems((l) => l.map((x) => (x.id === next.id ? next : x)));
            onChanged?.(next);
          }}
        />
      ))}
    </ul>
  );
  const closed = items.filter((f) => f.status === 'closed');
  const live = items.filter((f) => f.status !== 'closed');
  return (
    <>
      {live.length ? render(live) : <p className="empty">{t('review.flag.noneLive')}</p>}
      {closed.length > 0 && (
        // Opened when an e-mail link points at a closed flag.
        <details className="review-closed-flags" open={closed.some((f) => f.id === focused)}>
          <summary>{t('review.flag.closed', { n: closed.length })}</summary>
          {render(closed)}
        </details>
      )}
    </>
  );
}

const ATTENTION: Record<Flag['status'], number> = { open: 0, acknowledged: 1, mitigated: 2, waived: 3, closed: 4 };
/** Stable: within a status, the API's order (most severe first). */
const byAttention = (flags: Flag[]) => [...flags].sort((a, b) => ATTENTION[a.status] - ATTENTION[b.status]);

/** Who made a history entry: e-mail (or role), "Vigie" for re-evaluation. */
function useWho() {
  const { t } = useI18n();
  return (h: Pick<HistoryEntry, 'by' | 'byEmail' | 'byRole'>) => {
    if (!h.by) return t('review.system');
    const role = h.byRole ? t(`role.${h.byRole}` as MessageKey) : '';
    return [h.byEmail ?? h.by, role].filter(Boolean).join(' · ');
  };
}

function FlagItem({
  projectId,
  flag: f,
  role,
  orgName,
  focused,
  onUpdated,
}: {
  projectId: string;
  flag: Flag;
  role: string;
  orgName: (id: string) => string;
  focused: boolean;
  onUpdated: (f: Flag) => void;
}) {
  const { t, lang, date, dateTime } = useI18n();
  const who = useWho();
  const [action, setAction] = useState<FlagAction | null>(null);
  const [done, setDone] = useState<string>('');
  // Where the focus goes when the inline form closes: back to the button that opened it (cancel), or to the
  // flag itself once the action is done (its buttons change; the list may reorder it) — never lost on <body>.
  const [refocus, setRefocus] = useState<{ to: 'button'; action: FlagAction } | { to: 'flag' } | null>(null);
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!refocus) return;
    const target = refocus.to === 'button' ? item.current?.querySelector<HTMLElement>(`.review-actions [data-action="${refocus.action}"]`) : item.current;
    target?.focus();
    setRefocus(null);
  }, [refocus]);
  const actions = flagActionsFor(f.status, role);
  const headingId = `flag-${f.id}-title`;
  const waiveEntry = f.waiver ? [...f.history].reverse().find((h) => h.action === 'waive') : undefined;
  return (
    <li ref={item} id={`flag-${f.id}`} tabIndex={-1} aria-labelledby={headingId} className={`flag flag-${f.severity}${focused ? ' flag-focused' : ''}`}>
      <div className="flag-head">
        <Badge tone={severityTone(f.severity)}>{t(`severity.${f.severity}` as MessageKey)}</Badge>
        <h3 id={headingId}>{f.title[lang]}</h3>
        <Badge tone={f.status === 'open' ? 'warn' : f.status === 'acknowledged' ? 'info' : 'neutral'}>{t(`flagStatus.${f.status}` as MessageKey)}</Badge>
      </div>
      <p className="flag-explanation">{f.explanation[lang]}</p>
      {f.source && (
        <p className="review-citation">
          <span className="review-citation-label">{t('flags.source')}</span> <cite>{f.source[lang]}</cite>
        </p>
      )}
      <p className="muted small">
        {f.manual ? t('flags.manual') : t('flags.rule', { rule: f.ruleId, version: f.ruleVersion })}
        {f.subject.organizationId ? ` · ${orgName(f.subject.organizationId)}` : ''} · {t('flags.raised')} {date(f.createdAt)}
        {f.holds ? ` · ${t('review.flag.hold', { org: orgName(f.holds.organizationId) })}` : ''}
      </p>
      {f.waiver && (
        <div className="review-waiver">
          <p className="small">{t('review.flag.waivedBy', { by: waiveEntry ? who(waiveEntry) : f.waiver.by, at: dateTime(f.waiver.at) })}</p>
          <blockquote>{f.waiver.justification}</blockquote>
        </div>
      )}
      <p role="status" className="review-done">
        {done}
      </p>
      {actions.length > 0 && !action && (
        <div className="review-actions" role="group" aria-label={t('review.flag.actions', { title: f.title[lang] })}>
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              data-action={a}
              className={a === 'waive' ? 'button review-primary' : 'button button-secondary'}
              onClick={() => {
                setDone('');
                setAction(a);
              }}
            >
              {t(`review.action.${a}` as MessageKey)}
            </button>
          ))}
        </div>
      )}
      {action && (
        <FlagActionForm
          projectId={projectId}
          flag={f}
          action={action}
          onCancel={() => {
            setAction(null);
            setRefocus({ to: 'button', action });
          }}
          onDone={(next) => {
            setAction(null);
            setRefocus({ to: 'flag' });
            setDone(t(`review.done.${action}` as MessageKey));
            onUpdated(next);
          }}
        />
      )}
      <FlagHistory flag={f} />
    </li>
  );
}

function FlagActionForm({
  projectId,
  flag,
  action,
  onCancel,
  onDone,
}: {
  projectId: string;
  flag: Flag;
  action: FlagAction;
  onCancel: () => void;
  onDone: (f: Flag) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const { field, required } = ACTION_FIELD[action];
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>('');
  const [fieldError, setFieldError] = useState<string>('');
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFieldError('');
    try {
      const value = text.trim();
      const r = await api.POST('/projects/{projectId}/flags/{flagId}/actions', {
        params: { path: { projectId, flagId: flag.id } },
        body: { action, ...(value ? { [field]: value } : {}) },
      });
      if (r.data) {
        onDone(r.data);
        return;
      }
      const problem = r.error as ProblemLike | undefined;
      const errs = fieldErrors(problem);
      if (errs[field]) {
        setFieldError(errs[field]);
        area.current?.focus();
      } else setError(problemText(problem));
    } catch (err) {
      setError(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  const label = t(`review.field.${action}` as MessageKey);
  const help = t(`review.help.${action}` as MessageKey);
  return (
    <form className="review-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t(`review.formTitle.${action}` as MessageKey)}</h4>
      {error && (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <label htmlFor={`${id}-text`}>
        {label} <span className="muted small">{required ? t('review.required') : t('review.optional')}</span>
      </label>
      <p id={`${id}-help`} className="form-help">
        {help}
      </p>
      <textarea
        id={`${id}-text`}
        ref={area}
        name={field}
        className="review-textarea"
        rows={3}
        maxLength={2000}
        value={text}
        aria-required={required}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={`${id}-help${fieldError ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          setText(e.target.value);
          if (fieldError) setFieldError('');
        }}
      />
      {fieldError && (
        <p id={`${id}-error`} className="review-field-error">
          {fieldError}
        </p>
      )}
      <div className="review-form-buttons">
        <button type="submit" className="button review-primary" disabled={busy}>
          {busy ? t('review.sending') : t(`review.confirm.${action}` as MessageKey)}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('review.cancel')}
        </button>
      </div>
    </form>
  );
}

function FlagHistory({ flag }: { flag: Flag }) {
  const { t, dateTime } = useI18n();
  const who = useWho();
  return (
    <details className="review-history">
      <summary>{t('review.flag.history', { n: flag.history.length })}</summary>
      <ol>
        {[...flag.history].reverse().map((h, i) => (
          <li key={`${h.at}-${i}`}>
            <time dateTime={h.at}>{dateTime(h.at)}</time>
            <div>
              <strong>{t(`review.flagHistory.${h.action}` as MessageKey)}</strong>{' '}
              <span className="muted small">
                {h.from ? `${t(`flagStatus.${h.from}` as MessageKey)} → ` : ''}
                {t(`flagStatus.${h.to}` as MessageKey)} · {t('workflow.by', { who: who(h) })}
              </span>
              {h.note && <div className="small">« {h.note} »</div>}
            </div>
          </li>
        ))}
      </ol>
    </details>
  );
}
