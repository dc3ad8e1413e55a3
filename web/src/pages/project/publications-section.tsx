import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, problemText, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { useI18n, type MessageKey } from '../../i18n';
import { PAGE_MAX, readAll } from '../../read-all';
import { useQuery } from '../../use-query';
import { Badge, Loaded, Section, today, type Tone } from '../../ui';
import { startDownload, uploadDocument, UploadError } from './document-upload';
import { ACCEPTED_FILES, fieldErrors, type ProblemLike } from './file-facts';

type Notice = Schemas['PublicationNoticeSummary'];
type Answer = Notice['answers'][number];

const STATE_TONE: Record<Notice['state'], Tone> = { open: 'info', objected: 'warn', cleared: 'ok' };
const ANSWER_TONE: Record<Answer['status'], Tone> = { pending: 'neutral', consented: 'ok', objected: 'warn' };
const ifMatch = (n: { version: number }) => ({ 'If-Match': `"${n.version}"` }) as never;

/**
 * Publication notices (docs/publications.md): the list with each notice's state, deadlines (Europe/Paris calendar
 * days, until 24:00 Paris time) and days left; the notice form (the manuscript goes through the documents upload);
 * for another partner, its answer (object on stated grounds, or consent) and the withdrawal of its objection; for
 * the publisher, a new manuscript version answering the objections. Silence until the deadline is consent.
 */
export function PublicationsSection({
  session,
  projectId,
  partners,
  orgName,
  focused,
}: {
  session: Session;
  projectId: string;
  partners: string[];
  orgName: (id: string) => string;
  focused?: string;
}) {
  const { t } = useI18n();
  const list = useQuery(
    () => readAll((cursor) => api.GET('/projects/{projectId}/publications', { params: { path: { projectId }, query: { limit: PAGE_MAX, cursor } } })),
    [projectId],
  );
  const ownOrg = session.user.role === 'partner' ? session.user.organizationId : undefined;
  const canGive = session.user.role === 'legal' || (!!ownOrg && partners.includes(ownOrg));
  const [giving, setGiving] = useState(false);
  const [done, setDone] = useState('');

  useEffect(() => {
    if (!focused || !list.data) return;
    const el = document.getElementById(`publication-${focused}`);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  }, [focused, list.data]);

  return (
    <Section
      id="publications"
      title={t('pub.sectionTitle')}
      actions={
        canGive && !giving ? (
          <button type="button" className="button" onClick={() => setGiving(true)}>
            {t('pub.give')}
          </button>
        ) : undefined
      }
    >
      <p className="section-lead">{t('pub.lead')}</p>
      <p role="status" className="review-done">
        {done}
      </p>
      {giving && (
        <NoticeForm
          session={session}
          projectId={projectId}
          partners={partners}
          orgName={orgName}
          onCancel={() => setGiving(false)}
          onDone={() => {
            setGiving(false);
            setDone(t('pub.given'));
            list.reload();
          }}
        />
      )}
      <Loaded q={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p className="empty">{t('pub.empty')}</p>
          ) : (
            <ul className="publication-list">
              {l.items.map((n) => (
                <NoticeItem
                  key={n.id}
                  projectId={projectId}
                  notice={n}
                  session={session}
                  orgName={orgName}
                  focused={focused === n.id}
                  onChanged={(message) => {
                    setDone(message);
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

/** `jusqu'au 03/02/2027 à 24:00 (heure de Paris)` and the days left. */
function Deadline({ deadline, remaining }: { deadline: string; remaining: number | null }) {
  const { t, date } = useI18n();
  return (
    <>
      {t('pub.until', { date: date(deadline) })}{' '}
      {remaining !== null &&
        (remaining > 0 ? (
          <Badge tone={remaining <= 2 ? 'warn' : 'neutral'}>{t('pub.daysLeft', { n: remaining })}</Badge>
        ) : remaining === 0 ? (
          <Badge tone="warn">{t('pub.lastDay')}</Badge>
        ) : (
          <Badge tone="danger">{t('pub.deadlinePassed')}</Badge>
        ))}
    </>
  );
}

function NoticeItem({
  projectId,
  notice: n,
  session,
  orgName,
  focused,
  onChanged,
}: {
  projectId: string;
  notice: Notice;
  session: Session;
  orgName: (id: string) => string;
  focused: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, date } = useI18n();
  const headingId = `publication-${n.id}-title`;
  const ownOrg = session.user.role === 'partner' ? session.user.organizationId : undefined;
  const isPublisher = !!ownOrg && ownOrg === n.organizationId;
  const mine = ownOrg && !isPublisher ? n.answers.find((a) => a.organizationId === ownOrg) : undefined;
  const canVersion = n.state === 'objected' && (isPublisher || session.user.role === 'legal');
  return (
    <li id={`publication-${n.id}`} tabIndex={-1} aria-labelledby={headingId} className={`publication${focused ? ' publication-focused' : ''}`}>
      <div className="flag-head">
        <h3 id={headingId}>{n.title}</h3>
        <Badge tone={STATE_TONE[n.state]}>{t(`pub.state.${n.state}` as MessageKey)}</Badge>
        {n.late && <Badge tone="danger">{t('pub.late', { n: n.daysBeforePublication, required: n.terms.noticeDays })}</Badge>}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('pub.publisher')}</dt>
          <dd>{orgName(n.organizationId)}</dd>
        </div>
        <div>
          <dt>{t('pub.venue')}</dt>
          <dd>{n.venue}</dd>
        </div>
        <div>
          <dt>{t('pub.authors')}</dt>
          <dd>{n.authors.join(', ')}</dd>
        </div>
        <div>
          <dt>{t('pub.plannedDate')}</dt>
          <dd>
            {date(n.plannedDate)}
            {n.earliestPublicationDate !== n.plannedDate ? ` — ${t('pub.delayedUntil', { date: date(n.earliestPublicationDate) })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('pub.noticeDate')}</dt>
          <dd>{date(n.noticeDate)}</dd>
        </div>
        <div>
          <dt>{t('pub.results')}</dt>
          <dd>{n.resultKeys.length ? n.resultKeys.join(', ') : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('pub.manuscript')}</dt>
          <dd>
            {t('pub.manuscriptVersion', { n: n.manuscriptVersion })} <ManuscriptDownload documentId={n.documentId} title={n.title} />
          </dd>
        </div>
      </dl>
      {mine ? (
        <p className="publication-mine">
          <strong>{t('pub.yourAnswer')}</strong> <Badge tone={ANSWER_TONE[mine.status]}>{t(`pub.answer.${mine.status}` as MessageKey)}</Badge>{' '}
          {mine.status === 'pending' ? <Deadline deadline={mine.deadline} remaining={mine.remainingDays} /> : null}
          {mine.consent ? ` (${t(`pub.consent.${mine.consent}` as MessageKey)})` : ''}
        </p>
      ) : n.answers.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('pub.answersOf', { title: n.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pub.partner')}</th>
                <th scope="col">{t('pub.answerCol')}</th>
                <th scope="col">{t('pub.deadline')}</th>
              </tr>
            </thead>
            <tbody>
              {n.answers.map((a) => (
                <tr key={a.organizationId}>
                  <td>{orgName(a.organizationId)}</td>
                  <td>
                    <Badge tone={ANSWER_TONE[a.status]}>{t(`pub.answer.${a.status}` as MessageKey)}</Badge>
                    {a.consent ? <span className="small muted"> {t(`pub.consent.${a.consent}` as MessageKey)}</span> : null}
                  </td>
                  <td>{a.status === 'pending' ? <Deadline deadline={a.deadline} remaining={a.remainingDays} /> : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {mine?.status === 'pending' && n.state !== 'cleared' && <AnswerForm projectId={projectId} notice={n} onDone={(m) => onChanged(m)} />}
      {mine?.status === 'objected' && <WithdrawButton projectId={projectId} notice={n} orgId={ownOrg!} onDone={onChanged} />}
      {canVersion && <VersionForm projectId={projectId} notice={n} onDone={onChanged} />}
    </li>
  );
}

/** The current manuscript: a presigned GET (every partner of the project may read a notice's manuscript). */
function ManuscriptDownload({ documentId, title }: { documentId: string; title: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const open = async () => {
    setBusy(true);
    setError('');
    const r = await api.GET('/documents/{docId}', { params: { path: { docId: documentId } } });
    setBusy(false);
    if (r.data?.download) startDownload(r.data.download.url);
    else setError(r.error ? problemText(r.error) : t('documents.notAvailable'));
  };
  return (
    <>
      <button type="button" className="link-button" disabled={busy} onClick={() => void open()} aria-label={t('pub.readManuscriptOf', { title })}>
        {t('pub.readManuscript')}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}

function FormError({ message }: { message: string }) {
  return message ? (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
    </div>
  ) : null;
}

function Field({ id, label, error, hint, children }: { id: string; label: ReactNode; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, hint: boolean, error: string | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Object (confidential information, or protection first with the results and the filing date) or consent. */
function AnswerForm({ projectId, notice: n, onDone }: { projectId: string; notice: Notice; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState<'consent' | 'confidential-information' | 'protection-first'>('consent');
  const [comment, setComment] = useState('');
  const [results, setResults] = useState<string[]>([]);
  const [filingBy, setFilingBy] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setErrors({});
    const path = { projectId, publicationId: n.id };
    const r =
      choice === 'consent'
        ? await api.POST('/projects/{projectId}/publications/{publicationId}/consents', {
            params: { path, header: ifMatch(n) },
            body: comment.trim() ? { comment: comment.trim() } : {},
          })
        : await api.POST('/projects/{projectId}/publications/{publicationId}/objections', {
            params: { path, header: ifMatch(n) },
            body: {
              grounds: choice,
              comment: comment.trim(),
              resultKeys: choice === 'protection-first' ? results : [],
              ...(choice === 'protection-first' && filingBy ? { filingBy } : {}),
            },
          });
    setBusy(false);
    if (r.data) {
      onDone(t(choice === 'consent' ? 'pub.doneConsent' : 'pub.doneObjection'));
      return;
    }
    const problem = r.error as ProblemLike | undefined;
    setErrors(fieldErrors(problem));
    setError(problemText(problem));
  };

  return (
    <form className="review-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('pub.answerTitle')}</h4>
      <p className="form-help">{t('pub.silence')}</p>
      <FormError message={error} />
      <fieldset className="pub-choices">
        <legend>{t('pub.choice')}</legend>
        {(['consent', 'confidential-information', 'protection-first'] as const).map((c) => (
          <label key={c} className="pub-choice">
            <input type="radio" name={`${id}-choice`} value={c} checked={choice === c} onChange={() => setChoice(c)} /> {t(`pub.choice.${c}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {choice === 'protection-first' && (
        <>
          <fieldset className="pub-choices" aria-describedby={errors.resultKeys ? `${id}-results-error` : undefined}>
            <legend>{t('pub.resultsToProtect')}</legend>
            {n.resultKeys.map((k) => (
              <label key={k} className="pub-choice">
                <input
                  type="checkbox"
                  checked={results.includes(k)}
                  onChange={(e) => setResults((l) => (e.target.checked ? [...l, k] : l.filter((x) => x !== k)))}
                />{' '}
                {k}
              </label>
            ))}
            {errors.resultKeys && (
              <p className="field-error" id={`${id}-results-error`}>
                {errors.resultKeys}
              </p>
            )}
          </fieldset>
          <Field id={`${id}-filing`} label={t('pub.filingBy')} hint={t('pub.filingByHint', { n: n.terms.filingDelayDays })} error={errors.filingBy}>
            <input
              id={`${id}-filing`}
              type="date"
              min={today()}
              value={filingBy}
              onChange={(e) => setFilingBy(e.target.value)}
              aria-describedby={describedBy(`${id}-filing`, true, errors.filingBy)}
              aria-invalid={errors.filingBy ? true : undefined}
            />
          </Field>
        </>
      )}
      <Field
        id={`${id}-comment`}
        label={
          <>
            {t('pub.comment')} <span className="muted small">{choice === 'consent' ? t('review.optional') : t('review.required')}</span>
          </>
        }
        error={errors.comment}
      >
        <textarea
          id={`${id}-comment`}
          className="review-textarea"
          value={comment}
          maxLength={5000}
          onChange={(e) => setComment(e.target.value)}
          aria-describedby={describedBy(`${id}-comment`, false, errors.comment)}
          aria-invalid={errors.comment ? true : undefined}
        />
      </Field>
      <div className="review-actions">
        <button type="submit" className="button review-primary" disabled={busy}>
          {t(choice === 'consent' ? 'pub.submitConsent' : 'pub.submitObjection')}
        </button>
      </div>
    </form>
  );
}

function WithdrawButton({ projectId, notice: n, orgId, onDone }: { projectId: string; notice: Notice; orgId: string; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const withdraw = async () => {
    setBusy(true);
    setError('');
    const r = await api.DELETE('/projects/{projectId}/publications/{publicationId}/objections/{organizationId}', {
      params: { path: { projectId, publicationId: n.id, organizationId: orgId }, header: ifMatch(n) },
    });
    setBusy(false);
    if (r.data) onDone(t('pub.doneWithdrawal'));
    else setError(problemText(r.error));
  };
  return (
    <div className="review-actions">
      <FormError message={error} />
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void withdraw()}>
        {t('pub.withdraw')}
      </button>
    </div>
  );
}

/** The manuscript through the documents upload, then the call that uses it. */
function ManuscriptInput({ id, error, onFile }: { id: string; error?: string; onFile: (f: File | null) => void }) {
  const { t } = useI18n();
  return (
    <Field id={id} label={t('pub.manuscriptFile')} hint={t('documents.fileHint')} error={error}>
      <input
        id={id}
        type="file"
        accept={ACCEPTED_FILES}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        aria-describedby={describedBy(id, true, error)}
        aria-invalid={error ? true : undefined}
      />
    </Field>
  );
}

async function upload(projectId: string, file: File, organizationId?: string): Promise<{ id: string } | { error: string }> {
  try {
    const r = await uploadDocument({ projectId, file, organizationId, onPhase: () => {}, onProgress: () => {} });
    return { id: r.document.id };
  } catch (e) {
    return { error: e instanceof UploadError ? e.message : String(e) };
  }
}

function VersionForm({ projectId, notice: n, onDone }: { projectId: string; notice: Notice; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError('');
    const up = await upload(projectId, file, n.organizationId);
    if ('error' in up) {
      setBusy(false);
      setError(up.error);
      return;
    }
    const r = await api.POST('/projects/{projectId}/publications/{publicationId}/versions', {
      params: { path: { projectId, publicationId: n.id }, header: ifMatch(n) },
      body: { documentId: up.id },
    });
    setBusy(false);
    if (r.data) onDone(t('pub.doneVersion'));
    else setError(problemText(r.error));
  };
  return (
    <form className="review-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('pub.versionTitle')}</h4>
      <p className="form-help">{t('pub.versionHelp')}</p>
      <FormError message={error} />
      <ManuscriptInput id={`${id}-file`} onFile={setFile} />
      <div className="review-actions">
        <button type="submit" className="button review-primary" disabled={!file || busy}>
          {t('pub.submitVersion')}
        </button>
      </div>
    </form>
  );
}

/** Title, authors, venue, planned date, the disclosed results (from the publisher's declaration), the manuscript. */
function NoticeForm({
  session,
  projectId,
  partners,
  orgName,
  onCancel,
  onDone,
}: {
  session: Session;
  projectId: string;
  partners: string[];
  orgName: (id: string) => string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const isLegal = session.user.role === 'legal';
  const [org, setOrg] = useState(isLegal ? '' : (session.user.organizationId ?? ''));
  const [title, setTitle] = useState('');
  const [authors, setAuthors] = useState('');
  const [venue, setVenue] = useState('');
  const [plannedDate, setPlannedDate] = useState('');
  const [results, setResults] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const declared = useQuery(async () => {
    if (!org) return { data: [] as { key: string; title: string }[], response: new Response() };
    const r = await api.GET('/projects/{projectId}/declarations/{orgId}', { params: { path: { projectId, orgId: org } } });
    const items = (r.data?.content.results ?? []).flatMap((x) => (x.key ? [{ key: x.key, title: x.title ?? x.key }] : []));
    return { data: items, response: new Response() };
  }, [projectId, org]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    setErrors({});
    if (!file) {
      setErrors({ documentId: t('pub.manuscriptRequired') });
      return;
    }
    setBusy(true);
    const up = await upload(projectId, file, isLegal ? org : undefined);
    if ('error' in up) {
      setBusy(false);
      setErrors({ documentId: up.error });
      return;
    }
    const r = await api.POST('/projects/{projectId}/publications', {
      params: { path: { projectId } },
      body: {
        ...(isLegal ? { organizationId: org } : {}),
        title: title.trim(),
        authors: authors
          .split(/[,;\n]/)
          .map((a) => a.trim())
          .filter(Boolean),
        venue: venue.trim(),
        plannedDate,
        resultKeys: results,
        documentId: up.id,
      },
    });
    setBusy(false);
    if (r.data) {
      onDone();
      return;
    }
    const problem = r.error as ProblemLike | undefined;
    setErrors(fieldErrors(problem));
    setError(problemText(problem));
  };

  const input = (name: 'title' | 'venue', value: string, set: (v: string) => void, max: number) => (
    <Field id={`${id}-${name}`} label={t(`pub.${name}` as MessageKey)} error={errors[name]}>
      <input
        ref={name === 'title' ? first : undefined}
        id={`${id}-${name}`}
        type="text"
        value={value}
        maxLength={max}
        required
        onChange={(e) => set(e.target.value)}
        aria-describedby={describedBy(`${id}-${name}`, false, errors[name])}
        aria-invalid={errors[name] ? true : undefined}
      />
    </Field>
  );

  return (
    <form className="review-form publication-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title-h`}>
      <h3 id={`${id}-title-h`}>{t('pub.give')}</h3>
      <p className="form-help">{t('pub.giveHelp')}</p>
      <FormError message={error} />
      {isLegal && (
        <Field id={`${id}-org`} label={t('pub.publisher')} error={errors.organizationId}>
          <select id={`${id}-org`} value={org} onChange={(e) => setOrg(e.target.value)} required>
            <option value="">{t('documents.chooseOrganization')}</option>
            {partners.map((p) => (
              <option key={p} value={p}>
                {orgName(p)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {input('title', title, setTitle, 500)}
      <Field id={`${id}-authors`} label={t('pub.authors')} hint={t('pub.authorsHint')} error={errors.authors}>
        <input
          id={`${id}-authors`}
          type="text"
          value={authors}
          required
          onChange={(e) => setAuthors(e.target.value)}
          aria-describedby={describedBy(`${id}-authors`, true, errors.authors)}
          aria-invalid={errors.authors ? true : undefined}
        />
      </Field>
      {input('venue', venue, setVenue, 300)}
      <Field id={`${id}-date`} label={t('pub.plannedDate')} error={errors.plannedDate}>
        <input
          id={`${id}-date`}
          type="date"
          min={today()}
          value={plannedDate}
          required
          onChange={(e) => setPlannedDate(e.target.value)}
          aria-describedby={describedBy(`${id}-date`, false, errors.plannedDate)}
          aria-invalid={errors.plannedDate ? true : undefined}
        />
      </Field>
      <fieldset className="pub-choices">
        <legend>{t('pub.disclosedResults')}</legend>
        {declared.data?.length ? (
          declared.data.map((r) => (
            <label key={r.key} className="pub-choice">
              <input
                type="checkbox"
                checked={results.includes(r.key)}
                onChange={(e) => setResults((l) => (e.target.checked ? [...l, r.key] : l.filter((x) => x !== r.key)))}
              />{' '}
              {r.title} <span className="muted small">({r.key})</span>
            </label>
          ))
        ) : (
          <p className="muted small">{t('pub.noResults')}</p>
        )}
        {errors.resultKeys && <p className="field-error">{errors.resultKeys}</p>}
      </fieldset>
      <ManuscriptInput id={`${id}-file`} error={errors.documentId} onFile={setFile} />
      <div className="review-actions">
        <button type="submit" className="button review-primary" disabled={busy || (isLegal && !org)}>
          {busy ? t('pub.sending') : t('pub.submitNotice')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('pub.cancel')}
        </button>
      </div>
    </form>
  );
}
