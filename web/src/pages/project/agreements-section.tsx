import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { useI18n, type MessageKey } from '../../i18n';
import { useQuery } from '../../use-query';
import { Badge, Loaded, Section, today, type Tone } from '../../ui';
import { startDownload, uploadDocument, UploadError, type UploadPhase } from './document-upload';
import { fieldErrors, formatBytes, problemSummary, type ProblemLike } from './file-facts';
import { HashValue } from './hash-value';

type Version = Schemas['AgreementVersion'];
type Detail = Schemas['AgreementDetail'];
type SignatureRecord = Detail['signatures'][number];
type Workflow = Schemas['WorkflowView'];

const STATUS_TONE: Record<Version['status'], Tone> = { current: 'info', signed: 'ok', superseded: 'neutral', invalidated: 'warn' };

/** Every page of `GET /projects/{id}/agreements`, newest first (`?limit=&cursor=` undeclared in OpenAPI: the cast). */
async function listAllVersions(projectId: string) {
  const items: Version[] = [];
  let cursor: string | null = null;
  do {
    const query = { limit: 100, ...(cursor ? { cursor } : {}) } as never;
    const r = await api.GET('/projects/{projectId}/agreements', { params: { path: { projectId }, query } });
    if (!r.data) return { error: r.error, response: r.response };
    items.push(...r.data.items);
    cursor = r.data.nextCursor;
  } while (cursor);
  return { data: items, response: new Response() };
}

/**
 * The consortium agreement (docs/agreements.md): the versions with their status and hashes, the current one in
 * full with its signatories, generation (legal staff, at the agreement or signatures stage), download (each
 * `GET …/agreements/{n}` hands out audited 5-minute links, so it is called on demand only) and signatures
 * (legal staff for any partner, a partner's representative for its own organization).
 */
export function AgreementsSection({
  session,
  projectId,
  workflow,
  onWorkflowChange,
  orgName,
  focused = false,
}: {
  session: Session;
  projectId: string;
  /** The project's workflow: undefined while loading, null when not started. */
  workflow: Workflow | null | undefined;
  onWorkflowChange: () => void;
  orgName: (id: string) => string;
  /** Opened from the agreement emails' link (`/projects/{id}/agreements`): scrolled to and focused once loaded. */
  focused?: boolean;
}) {
  const { t } = useI18n();
  const versions = useQuery(() => listAllVersions(projectId), [projectId]);
  const loaded = versions.data !== undefined;
  const focusDone = useRef(false);
  useEffect(() => {
    if (!focused || !loaded || focusDone.current) return;
    focusDone.current = true;
    const heading = document.getElementById('agreements-title');
    heading?.setAttribute('tabindex', '-1');
    document.getElementById('agreements')?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }, [focused, loaded]);
  const [details, setDetails] = useState<Record<number, Detail>>({});
  const [opening, setOpening] = useState<number | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  // Signatures recorded from this page: shown with their signatory even before the version's detail is loaded.
  const [signedHere, setSignedHere] = useState<SignatureRecord[]>([]);
  const [generated, setGenerated] = useState<Version | null>(null);

  /** `GET …/agreements/{n}`: the signatures and fresh links (audited); then, if asked, the download starts. */
  const open = async (n: number, file?: 'pdf' | 'model') => {
    setOpening(n);
    setOpenError(null);
    const r = await api.GET('/projects/{projectId}/agreements/{n}', { params: { path: { projectId, n } } });
    setOpening(null);
    if (!r.data) return setOpenError(problemSummary(r.error as ProblemLike) || t('agreements.openFailed'));
    const detail = r.data;
    setDetails((d) => ({ ...d, [n]: detail }));
    if (file) startDownload(detail.download[file].url);
  };

  const changed = () => {
    versions.reload();
    onWorkflowChange();
  };

  return (
    <Section id="agreements" title={t('agreements.title')}>
      <p className="section-lead">{t('agreements.lead')}</p>
      {openError && (
        <div className="notice notice-error" role="alert">
          <p>{openError}</p>
        </div>
      )}
      {generated && (
        <div className="notice notice-ok generated-receipt" role="status">
          <p>
            <strong>{t('agreements.generatedNotice', { n: generated.version })}</strong>
          </p>
          <p className="receipt-hash">
            <span>{t('agreements.pdfHash')}</span> <HashValue value={generated.pdfSha256} label={t('agreements.pdfHashOf', { n: generated.version })} full />
          </p>
        </div>
      )}
      <Loaded q={versions}>
        {(list) => {
          const current = list.find((v) => v.status === 'current' || v.status === 'signed');
          return (
            <>
              {current ? (
                <CurrentVersion
                  session={session}
                  projectId={projectId}
                  version={current}
                  detail={details[current.version]}
                  workflow={workflow}
                  orgName={orgName}
                  opening={opening === current.version}
                  onOpen={(file) => void open(current.version, file)}
                  signedHere={signedHere}
                  onSigned={(sig) => {
                    setSignedHere((l) => [...l, sig]);
                    changed();
                  }}
                />
              ) : (
                <p className="empty">{t(list.length ? 'agreements.noCurrent' : 'agreements.none')}</p>
              )}
              {session.user.role === 'legal' && (
                <GeneratePanel
                  projectId={projectId}
                  workflow={workflow}
                  current={current}
                  onGenerated={(g) => {
                    setGenerated(g);
                    changed();
                  }}
                />
              )}
              {list.length > 0 && <VersionTable list={list} opening={opening} onDownload={(n) => void open(n, 'pdf')} />}
            </>
          );
        }}
      </Loaded>
    </Section>
  );
}

function Fact({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The version in force: its identity, hashes and downloads, then each partner's signature. */
function CurrentVersion({
  session,
  projectId,
  version: v,
  detail,
  workflow,
  orgName,
  opening,
  onOpen,
  signedHere,
  onSigned,
}: {
  session: Session;
  projectId: string;
  version: Version;
  detail: Detail | undefined;
  signedHere: SignatureRecord[];
  workflow: Workflow | null | undefined;
  orgName: (id: string) => string;
  opening: boolean;
  onOpen: (file?: 'pdf' | 'model') => void;
  onSigned: (s: SignatureRecord) => void;
}) {
  const { t, lang, dateTime } = useI18n();
  const headingId = useId();
  const partners = workflow?.partners ?? [];
  const signed = new Map((workflow?.signatures ?? []).filter((s) => s.agreementId === v.agreementId).map((s) => [s.orgId, s]));
  const records = new Map([...(detail?.signatures ?? []), ...signedHere.filter((s) => s.agreementId === v.agreementId)].map((s) => [s.organizationId, s]));
  const [lastSigned, setLastSigned] = useState<SignatureRecord | null>(null);
  const canSign =
    workflow?.status === 'active' &&
    workflow.stage === 'signatures' &&
    v.status === 'current' &&
    (session.user.role === 'legal' || (session.user.role === 'partner' && !!session.user.organizationId && !signed.has(session.user.organizationId)));
  const unsigned = partners.filter((p) => !signed.has(p));
  const by = v.generatedBy.email ?? t(`role.${v.generatedBy.role}` as MessageKey);

  return (
    <article className="agreement-current" aria-labelledby={headingId}>
      <div className="agreement-head">
        <h3 id={headingId}>{t('agreements.versionTitle', { n: v.version })}</h3>
        <Badge tone={STATUS_TONE[v.status]}>{t(`agreements.status.${v.status}` as MessageKey)}</Badge>
        {v.status === 'current' && partners.length > 0 && (
          <span className="muted small">{t('agreements.signedCount', { n: signed.size, total: partners.length })}</span>
        )}
      </div>
      <dl className="facts">
        <Fact label={t('agreements.reference')}>
          <code>{v.agreementId}</code>
        </Fact>
        <Fact label={t('agreements.generated')}>
          <time dateTime={v.generatedAt}>{dateTime(v.generatedAt)}</time> — {by}
        </Fact>
        <Fact label={t('agreements.content')}>
          {t(`agreements.language.${v.language}` as MessageKey)} · {t('agreements.pages', { n: v.pages })} · {formatBytes(v.pdf.bytes, lang)}
        </Fact>
        <Fact label={t('agreements.terms')}>
          {t(`agreements.regime.${v.coOwnershipRegime}` as MessageKey)} ·{' '}
          {t('agreements.publicationTerms', {
            notice: v.publications.noticeDays,
            objection: v.publications.objectionDays,
            filing: v.publications.filingDelayDays,
          })}
        </Fact>
        <Fact label={t('agreements.pdfHash')} wide>
          <HashValue value={v.pdfSha256} label={t('agreements.pdfHashOf', { n: v.version })} full />
        </Fact>
        <Fact label={t('agreements.modelHash')} wide>
          <HashValue value={v.modelHash} label={t('agreements.modelHashOf', { n: v.version })} full />
          <div className="small muted">{t('agreements.modelHashHint')}</div>
        </Fact>
        <Fact label={t('agreements.ipFileHash')} wide>
          <HashValue value={v.ipFileHash} label={t('agreements.ipFileHash')} full />
        </Fact>
      </dl>
      <div className="agreement-actions">
        <button type="button" className="button button-primary" disabled={opening} onClick={() => onOpen('pdf')}>
          {t('agreements.downloadPdf', { n: v.version })}
        </button>
        <button type="button" className="button button-secondary" disabled={opening} onClick={() => onOpen('model')}>
          {t('agreements.downloadModel')}
        </button>
        <span className="small muted">{t('agreements.linksAudited')}</span>
      </div>

      <h4 className="subheading">{t('agreements.signatures')}</h4>
      {!workflow || workflow.agreement?.agreementId !== v.agreementId ? (
        <p className="empty">{t('agreements.signaturesUnknown')}</p>
      ) : (
        <>
          {signed.size > 0 && !detail && (
            <p className="small">
              <button type="button" className="link-button" disabled={opening} onClick={() => onOpen()}>
                {t('agreements.showSignatureDetails')}
              </button>{' '}
              <span className="muted">{t('agreements.showSignatureDetailsHint')}</span>
            </p>
          )}
          <div className="table-scroll">
            <table className="table signatories">
              <caption className="visually-hidden">{t('agreements.signaturesOf', { n: v.version })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreements.party')}</th>
                  <th scope="col">{t('agreements.signatureStatus')}</th>
                  <th scope="col">{t('agreements.signatory')}</th>
                  <th scope="col">{t('agreements.signedOn')}</th>
                  <th scope="col">{t('agreements.signedCopy')}</th>
                </tr>
              </thead>
              <tbody>
                {partners.map((p) => {
                  const s = signed.get(p);
                  const r = records.get(p);
                  return (
                    <tr key={p}>
                      <th scope="row">{orgName(p)}</th>
                      <td>
                        {s ? <Badge tone="ok">{t('agreements.hasSigned')}</Badge> : <Badge tone="warn">{t('agreements.toSign')}</Badge>}
                        {s && (
                          <div className="small muted">
                            {t('agreements.recordedAt', { at: dateTime(s.signedAt) })}
                            {r?.recordedBy.email ? ` — ${r.recordedBy.email}` : ''}
                          </div>
                        )}
                      </td>
                      <td>
                        {r ? (
                          <>
                            {r.signatoryName}
                            <div className="small muted">{r.signatoryRole}</div>
                          </>
                        ) : (
                          <span className="muted">{t('common.none')}</span>
                        )}
                      </td>
                      <td>{r ? <SignedOn iso={r.signedOn} /> : <span className="muted">{t('common.none')}</span>}</td>
                      <td>
                        {r ? (
                          <HashValue value={r.signedCopy.sha256} label={t('agreements.signedCopyOf', { org: orgName(p) })} />
                        ) : (
                          <span className="muted">{t('common.none')}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {lastSigned && (
            <div className="notice notice-ok signature-receipt" role="status">
              <p>
                <strong>{t('agreements.signatureRecorded', { org: orgName(lastSigned.organizationId) })}</strong>
              </p>
              <p className="receipt-hash">
                <span>{t('agreements.signedCopyHash')}</span>{' '}
                <HashValue value={lastSigned.signedCopy.sha256} label={t('agreements.signedCopyOf', { org: orgName(lastSigned.organizationId) })} full />
              </p>
            </div>
          )}
          {canSign && unsigned.length > 0 && (
            <SignatureForm
              session={session}
              projectId={projectId}
              version={v}
              unsigned={unsigned}
              orgName={orgName}
              onSigned={(sig) => {
                setLastSigned(sig);
                onSigned(sig);
              }}
            />
          )}
          {v.status === 'signed' && <p className="notice notice-ok">{t('agreements.allSigned')}</p>}
        </>
      )}
    </article>
  );
}

function SignedOn({ iso }: { iso: string }) {
  const { date } = useI18n();
  return <time dateTime={iso}>{date(iso)}</time>;
}

const SIGN_PHASES = ['register', 'hash', 'send', 'confirm', 'record'] as const;
type SignPhase = UploadPhase | 'record';

/**
 * Records a signature: the signed copy (a PDF) goes through the documents upload as a document of the signing
 * organization, then `POST …/agreements/{n}/signatures` names it.
 */
function SignatureForm({
  session,
  projectId,
  version: v,
  unsigned,
  orgName,
  onSigned,
}: {
  session: Session;
  projectId: string;
  version: Version;
  unsigned: string[];
  orgName: (id: string) => string;
  onSigned: (s: SignatureRecord) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const ownOrg = session.user.role === 'partner' ? session.user.organizationId : undefined;
  const [org, setOrg] = useState(ownOrg ?? '');
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [signedOn, setSignedOn] = useState(today());
  const [file, setFile] = useState<File | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<SignPhase | null>(null);
  const [progress, setProgress] = useState(0);
  const [problem, setProblem] = useState<{ phase: SignPhase; problem?: ProblemLike; message: string } | null>(null);
  // A signed copy already uploaded for this file: a retry after a refused signature does not upload it again.
  const uploaded = useRef<{ file: File; org: string; docId: string } | null>(null);
  const busy = phase !== null && !problem;
  const errors = fieldErrors(problem?.problem);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || !org) return;
    setProblem(null);
    setProgress(0);
    let docId = uploaded.current?.file === file && uploaded.current.org === org ? uploaded.current.docId : null;
    try {
      if (!docId) {
        const r = await uploadDocument({
          projectId,
          file,
          ...(ownOrg ? {} : { organizationId: org }),
          description: t('agreements.signedCopyDescription', { n: v.version }),
          onPhase: setPhase,
          onProgress: setProgress,
        });
        docId = r.document.id;
        uploaded.current = { file, org, docId };
      }
    } catch (err) {
      const u = err instanceof UploadError ? err : new UploadError('send', undefined, String(err));
      setProblem({ phase: u.phase, ...(u.problem ? { problem: u.problem } : {}), message: u.message === 'network' ? t('documents.sendNetwork') : u.message });
      return;
    }
    setPhase('record');
    const r = await api.POST('/projects/{projectId}/agreements/{n}/signatures', {
      params: { path: { projectId, n: v.version }, header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: { organizationId: org, signatoryName: name.trim(), signatoryRole: role.trim(), signedOn, documentId: docId },
    });
    if (!r.data) {
      setProblem({ phase: 'record', problem: r.error as ProblemLike, message: problemSummary(r.error as ProblemLike) });
      return;
    }
    // Recorded: the form is ready for the next party (the receipt is shown above it).
    uploaded.current = null;
    if (fileRef.current) fileRef.current.value = '';
    setFile(null);
    setName('');
    setRole('');
    setPhase(null);
    if (!ownOrg) setOrg('');
    onSigned(r.data.signature);
  };

  const invalid = (path: string) => (errors[path] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${path}-error` } : {});
  const fieldError = (path: string) =>
    errors[path] ? (
      <p className="field-error" id={`${id}-${path}-error`}>
        {errors[path]}
      </p>
    ) : null;
  const fileError = errors.documentId ?? errors.contentType ?? errors.size;

  return (
    <form className="signature-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h4 id={`${id}-title`}>{t('agreements.recordSignature')}</h4>
      <p className="small muted">{t('agreements.recordSignatureLead', { n: v.version })}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-org`}>{t('agreements.party')}</label>
          {ownOrg ? (
            <input id={`${id}-org`} type="text" readOnly value={orgName(ownOrg)} />
          ) : (
            <select id={`${id}-org`} value={org} onChange={(e) => setOrg(e.target.value)} required {...invalid('organizationId')}>
              <option value="">{t('documents.chooseOrganization')}</option>
              {unsigned.map((p) => (
                <option key={p} value={p}>
                  {orgName(p)}
                </option>
              ))}
            </select>
          )}
          {fieldError('organizationId')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('agreements.signatoryName')}</label>
          <input
            id={`${id}-name`}
            type="text"
            required
            maxLength={200}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...invalid('signatoryName')}
          />
          {fieldError('signatoryName')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('agreements.signatoryRole')}</label>
          <input
            id={`${id}-role`}
            type="text"
            required
            maxLength={200}
            placeholder={t('agreements.signatoryRolePlaceholder')}
            value={role}
            onChange={(e) => setRole(e.target.value)}
            {...invalid('signatoryRole')}
          />
          {fieldError('signatoryRole')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('agreements.signedOn')}</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            max={today()}
            min={v.generatedAt.slice(0, 10)}
            value={signedOn}
            onChange={(e) => setSignedOn(e.target.value)}
            {...invalid('signedOn')}
          />
          {fieldError('signedOn')}
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-file`}>{t('agreements.signedCopyFile')}</label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            accept=".pdf,application/pdf"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setProblem(null);
              setPhase(null);
            }}
            aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ''}`}
            aria-invalid={fileError ? true : undefined}
          />
          <p className="field-hint" id={`${id}-file-hint`}>
            {t('agreements.signedCopyHint')}
          </p>
          {fileError && (
            <p className="field-error" id={`${id}-file-error`}>
              {fileError}
            </p>
          )}
        </div>
      </div>
      <div className="form-footer">
        <button type="submit" className="button button-primary" disabled={busy || !file || !org || !name.trim() || !role.trim() || !signedOn}>
          {busy ? t('agreements.recording') : t('agreements.recordSignatureButton')}
        </button>
        {phase && (
          <ol className="upload-steps upload-steps-inline" aria-live="polite">
            {SIGN_PHASES.map((p, i) => {
              const at = SIGN_PHASES.indexOf(phase);
              const state = i < at ? 'done' : i === at ? (problem ? 'failed' : 'current') : 'todo';
              return (
                <li key={p} className={`upload-step upload-step-${state}`}>
                  <span className="visually-hidden">{t(`documents.stepState.${state}` as MessageKey)} : </span>
                  {t(`agreements.phase.${p}` as MessageKey)}
                  {p === 'send' && state === 'current' && <progress max={1} value={progress} aria-label={t('documents.phase.send')} />}
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {problem && (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{t(problem.phase === 'record' ? 'agreements.signatureRefused' : 'agreements.signedCopyRefused')}</strong> {problem.message}
          </p>
        </div>
      )}
    </form>
  );
}

/** Generation: legal staff, when the workflow stands at the agreement (or signatures) stage; otherwise why not. */
function GeneratePanel({
  projectId,
  workflow,
  current,
  onGenerated,
}: {
  projectId: string;
  workflow: Workflow | null | undefined;
  current: Version | undefined;
  onGenerated: (v: Version) => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [language, setLanguage] = useState<'fr' | 'en'>(lang);
  const [regime, setRegime] = useState<Version['coOwnershipRegime']>('legal-default');
  const [notice, setNotice] = useState('45');
  const [objection, setObjection] = useState('30');
  const [filing, setFiling] = useState('90');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemLike | null>(null);

  if (workflow === undefined) return null;
  let why: string | null = null;
  if (workflow === null) why = t('agreements.why.noWorkflow');
  // Signed: the version above says so (and that the IP file is locked).
  else if (workflow.status === 'signed') return null;
  else if (workflow.status === 'rejected') why = t('agreements.why.rejected');
  else if (workflow.stage !== 'agreement' && workflow.stage !== 'signatures')
    why = t('agreements.why.stage', { stage: t(`stage.${workflow.stage}` as MessageKey) });
  if (why)
    return (
      <div className="notice notice-info generate-why">
        <p>
          <strong>{t('agreements.generateUnavailable')}</strong> {why}
        </p>
      </div>
    );

  const errors = fieldErrors(problem ?? undefined);
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const r = await api.POST('/projects/{projectId}/agreements', {
      params: { path: { projectId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: {
        language,
        coOwnershipRegime: regime,
        publications: { noticeDays: num(notice), objectionDays: num(objection), filingDelayDays: num(filing) },
      },
    });
    setBusy(false);
    if (!r.data) return setProblem((r.error as ProblemLike) ?? { title: String(r.response.status) });
    onGenerated(r.data);
  };
  const days = (path: string, label: string, value: string, set: (s: string) => void, max: number) => (
    <div className="field">
      <label htmlFor={`${id}-${path}`}>{label}</label>
      <input
        id={`${id}-${path}`}
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        step={1}
        required
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={errors[`publications/${path}`] ? true : undefined}
        aria-describedby={errors[`publications/${path}`] ? `${id}-${path}-error` : undefined}
      />
      {errors[`publications/${path}`] && (
        <p className="field-error" id={`${id}-${path}-error`}>
          {errors[`publications/${path}`]}
        </p>
      )}
    </div>
  );

  const form = (
    <form className="generate-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h4 id={`${id}-title`}>{current ? t('agreements.generateNew') : t('agreements.generate')}</h4>
      <p className="small muted">{t('agreements.generateLead')}</p>
      {current && current.status === 'current' && (workflow?.signatures.some((s) => s.agreementId === current.agreementId) ?? false) && (
        <p className="notice notice-warn">{t('agreements.generateClearsSignatures', { n: current.version })}</p>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('agreements.languageLabel')}</label>
          <select id={`${id}-language`} value={language} onChange={(e) => setLanguage(e.target.value as 'fr' | 'en')}>
            <option value="fr">{t('agreements.language.fr')}</option>
            <option value="en">{t('agreements.language.en')}</option>
          </select>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-regime`}>{t('agreements.regimeLabel')}</label>
          <select id={`${id}-regime`} value={regime} onChange={(e) => setRegime(e.target.value as Version['coOwnershipRegime'])}>
            <option value="legal-default">{t('agreements.regime.legal-default')}</option>
            <option value="separate-regulation">{t('agreements.regime.separate-regulation')}</option>
          </select>
        </div>
        <fieldset className="days-fieldset">
          <legend>{t('agreements.publicationsLegend')}</legend>
          <div className="form-grid">
            {days('noticeDays', t('agreements.noticeDays'), notice, setNotice, 365)}
            {days('objectionDays', t('agreements.objectionDays'), objection, setObjection, 365)}
            {days('filingDelayDays', t('agreements.filingDelayDays'), filing, setFiling, 730)}
          </div>
        </fieldset>
      </div>
      <div className="form-footer">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('agreements.generating') : current ? t('agreements.generateNewButton') : t('agreements.generateButton')}
        </button>
      </div>
      {problem && (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>{t('agreements.generateRefused')}</strong> {problemSummary(problem)}
          </p>
        </div>
      )}
    </form>
  );
  return current ? (
    <details className="generate-details">
      <summary>{t('agreements.generateNew')}</summary>
      {form}
    </details>
  ) : (
    form
  );
}

/** Every version, newest first: the record of what was generated, when, by whom, and its hash. */
function VersionTable({ list, opening, onDownload }: { list: Version[]; opening: number | null; onDownload: (n: number) => void }) {
  const { t, dateTime } = useI18n();
  return (
    <>
      <h4 className="subheading">{t('agreements.versions')}</h4>
      <div className="table-scroll">
        <table className="table agreement-versions">
          <caption className="visually-hidden">{t('agreements.versions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agreements.version')}</th>
              <th scope="col">{t('agreements.generated')}</th>
              <th scope="col">{t('agreements.languageLabel')}</th>
              <th scope="col" className="num">
                {t('agreements.pagesLabel')}
              </th>
              <th scope="col">{t('agreements.statusLabel')}</th>
              <th scope="col">{t('agreements.pdfHashShort')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('documents.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <tr key={v.version}>
                <th scope="row">v{v.version}</th>
                <td>
                  <time dateTime={v.generatedAt}>{dateTime(v.generatedAt)}</time>
                  <div className="small muted">{v.generatedBy.email ?? t(`role.${v.generatedBy.role}` as MessageKey)}</div>
                </td>
                <td>{t(`agreements.language.${v.language}` as MessageKey)}</td>
                <td className="num">{v.pages}</td>
                <td>
                  <Badge tone={STATUS_TONE[v.status]}>{t(`agreements.status.${v.status}` as MessageKey)}</Badge>
                </td>
                <td>
                  <HashValue value={v.pdfSha256} label={t('agreements.pdfHashOf', { n: v.version })} />
                </td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={opening === v.version}
                    onClick={() => onDownload(v.version)}
                    aria-label={t('agreements.downloadPdf', { n: v.version })}
                  >
                    {t('documents.download')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
