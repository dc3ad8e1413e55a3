import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import { createPrecompiledValidator } from '@rjsf/validator-ajv8';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, problemText } from '../api/client';
import type { Session } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { Badge, Loaded } from '../ui';
import { useQuery, type Query } from '../use-query';
import validateFns from '../forms/declaration-validator.js';
import { displaySchema, displayUiSchema, pruneHidden, type Json } from '../forms/display-schema';
import { readDraft, writeDraft, type Draft } from '../forms/drafts';
import { fieldErrorsOf, fieldId, pointerOf, pointerSegments, sameData, toExtraErrors, valueAt, type ServerFieldError } from '../forms/form-errors';
import { DayMonthYearWidget } from '../forms/date-widget';
import { AddButton, ObjectTemplate, OrderedSelectWidget, OrganizationWidget, transformErrors, translator, type FormContext } from '../forms/rjsf-parts';

/**
 * The declaration form (`/projects/{projectId}/declarations/{orgId}`), rendered from `GET /forms/declaration`
 * with react-jsonschema-form. A lazily loaded chunk (app.tsx): rjsf and the validator stay out of the first page.
 * The partner of `orgId` edits it (save: PUT with If-Match; submit: POST …/submit); others read it.
 */
type Data = Record<string, unknown>;
type Notice = { tone: 'ok' | 'error' | 'info'; text: string } | null;

/** A declaration with nothing saved yet: the lists the submission requires, empty. */
const EMPTY: Data = { background: [], results: [], accessRights: [], contacts: [{}], confidentiality: { survivesProject: true } };
const WIDGETS = { organization: OrganizationWidget, DateWidget: DayMonthYearWidget, SelectWidget: OrderedSelectWidget };
const TEMPLATES = { ObjectFieldTemplate: ObjectTemplate, ButtonTemplates: { AddButton } };

export default function DeclarationFormPage({ session, projectId, orgId }: { session: Session; projectId: string; orgId: string }) {
  const { t, lang, dateTime } = useI18n();
  const form = useQuery(() => api.GET('/forms/{formId}', { params: { path: { formId: 'declaration' }, query: { lang } } }), [lang]);
  const project = useQuery(() => api.GET('/projects/{projectId}', { params: { path: { projectId } } }), [projectId]);
  // The partners' names come with the project (GET /projects/{id}), for every member of it.
  const partners: Query<{ id: string; name: string }[]> = {
    ...project,
    data: project.data?.partners.map((p) => ({ id: p.organizationId, name: p.legalName })),
  };
  // The saved declaration with its ETag; none yet answers 404 (an empty form).
  const saved = useQuery(async (): Promise<{ data?: Saved; error?: unknown; response: Response }> => {
    const r = await api.GET('/projects/{projectId}/declarations/{orgId}', { params: { path: { projectId, orgId } } });
    if (r.response.status === 404) return { data: { content: null, etag: null, version: 0, status: null }, response: new Response() };
    if (!r.data) return { error: r.error, response: r.response };
    return {
      data: { content: r.data.content as Data, etag: r.response.headers.get('etag'), version: r.data.latestVersion, status: r.data.status },
      response: r.response,
    };
  }, [projectId, orgId]);

  const canEdit = session.user.role === 'partner' && session.user.organizationId === orgId;
  const orgName = partners.data?.find((p) => p.id === orgId)?.name ?? orgId;

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/projects/${projectId}`}>← {project.data ? project.data.acronym : t('common.back')}</Link>
      </p>
      <div className="page-header">
        <h1>{t('declForm.title')}</h1>
        <p className="lead">{t('declForm.of', { org: orgName, project: project.data?.acronym ?? '' })}</p>
      </div>
      <Loaded q={form}>
        {(doc) => (
          <Loaded q={saved}>
            {(s) => (
              <Loaded q={partners}>
                {(list) => (
                  <DeclarationEditor
                    doc={doc as unknown as { schema: Json; uiSchema: Json }}
                    saved={s}
                    partners={list}
                    projectId={projectId}
                    orgId={orgId}
                    canEdit={canEdit}
                    t={t}
                    lang={lang}
                    dateTime={dateTime}
                  />
                )}
              </Loaded>
            )}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

interface Saved {
  content: Data | null;
  etag: string | null;
  version: number;
  status: 'draft' | 'submitted' | null;
}

function DeclarationEditor({
  doc,
  saved: initial,
  partners,
  projectId,
  orgId,
  canEdit,
  t,
  lang,
  dateTime,
}: {
  doc: { schema: Json; uiSchema: Json };
  saved: Saved;
  partners: { id: string; name: string }[];
  projectId: string;
  orgId: string;
  canEdit: boolean;
  t: ReturnType<typeof useI18n>['t'];
  lang: ReturnType<typeof useI18n>['lang'];
  dateTime: (iso: string) => string;
}) {
  const schema = useMemo(() => displaySchema(doc.schema) as RJSFSchema, [doc.schema]);
  const uiSchema = useMemo(() => {
    const ui: Json = { ...displayUiSchema(doc.uiSchema, schema), 'ui:submitButtonOptions': { norender: true } };
    // A section of one field titled as the section: the section's heading is enough.
    for (const sec of (ui['ui:sections'] ?? []) as { title: string; fields: string[] }[]) {
      const only = sec.fields.length === 1 ? (ui[sec.fields[0]!] as Json | undefined) : undefined;
      if (only && only['ui:title'] === sec.title) ui[sec.fields[0]!] = { ...only, 'ui:label': false };
    }
    // Read-only: no add, remove or move buttons on the lists.
    if (!canEdit) ui['ui:globalOptions'] = { addable: false, removable: false, orderable: false, copyable: false };
    return ui as UiSchema;
  }, [doc.uiSchema, schema, canEdit]);
  // Ajv's code precompiled at build time (the CSP forbids compiling in the page); it matches the served schema
  // as long as the app is built with the API it talks to — otherwise the server alone validates.
  const validator = useMemo(() => createPrecompiledValidator(validateFns, schema), [schema]);
  // The last saved state: from the GET, then from each PUT and submit of this page.
  const [current, setCurrent] = useState<Saved>(initial);
  const base = current.content ?? EMPTY;
  const [restored] = useState<Draft | null>(() => {
    const d = canEdit ? readDraft(projectId, orgId) : null;
    return d && !sameData(d.data, initial.content ?? EMPTY) ? d : null;
  });
  const [data, setData] = useState<Data>(() => (restored?.data as Data | undefined) ?? initial.content ?? EMPTY);
  const [showRestored, setShowRestored] = useState(restored !== null);
  const [serverErrors, setServerErrors] = useState<{ error: ServerFieldError; value: string }[]>([]);
  const [clientErrors, setClientErrors] = useState<RJSFValidationError[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<Form>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const dirty = !sameData(pruneHidden(data, uiSchema as Json), pruneHidden(base, uiSchema as Json));

  // Unsaved entries are kept for the tab (sessionStorage): after a network error, a reload, or leaving the page.
  useEffect(() => {
    if (!canEdit) return;
    writeDraft(projectId, orgId, dirty ? { data, baseVersion: current.version, at: new Date().toISOString() } : null);
  }, [data, dirty, canEdit, projectId, orgId, current.version]);

  // A server error stays under its field until that field's value changes.
  const liveServerErrors = serverErrors.filter((e) => JSON.stringify(valueAt(data, pointerOf(e.error)) ?? null) === e.value).map((e) => e.error);
  const extraErrors = useMemo(() => toExtraErrors(liveServerErrors), [JSON.stringify(liveServerErrors)]) as ErrorSchema;

  const focusField = (pointer: string) => {
    const id = fieldId(pointer);
    const el = document.getElementById(id) ?? document.querySelector(`[id^="${id}_"]`);
    const target = el?.matches('input, select, textarea, button') ? el : (el?.querySelector<HTMLElement>('input, select, textarea, button') ?? el);
    if (target instanceof HTMLElement) {
      target.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    }
  };

  const showProblem = (error: unknown, response: Response) => {
    const fields = fieldErrorsOf(error);
    if (response.status === 412) {
      const current = (error as { currentEtag?: string } | undefined)?.currentEtag ?? '?';
      setNotice({ tone: 'error', text: t('declForm.conflict', { n: current.replace(/"/g, '') }) });
    } else if (fields.length) {
      setServerErrors(fields.map((f) => ({ error: f, value: JSON.stringify(valueAt(data, pointerOf(f)) ?? null) })));
      setNotice(null);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    } else setNotice({ tone: 'error', text: t('common.error', { message: problemText(error) }) });
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  /** PUT the form data (If-Match the ETag; the first save has none). Returns the new ETag, or null on failure. */
  const save = async (): Promise<{ etag: string | null; version: number } | null> => {
    if (formRef.current && !formRef.current.validateFormWithFormData(pruneHidden(data, uiSchema as Json) as Data)) {
      setNotice({ tone: 'error', text: t('declForm.clientErrors') });
      requestAnimationFrame(() => summaryRef.current?.focus());
      return null;
    }
    setClientErrors([]);
    if (!dirty && current.etag) return { etag: current.etag, version: current.version };
    const body = pruneHidden(data, uiSchema as Json) as never;
    const r = await api.PUT('/projects/{projectId}/declarations/{orgId}', {
      params: { path: { projectId, orgId }, header: (current.etag ? { 'If-Match': current.etag } : {}) as never },
      body,
    });
    if (!r.response.ok) {
      showProblem(r.error, r.response);
      return null;
    }
    setServerErrors([]);
    setShowRestored(false); // the restored draft is now a saved version
    const next = { etag: r.response.headers.get('etag'), version: r.data?.currentVersion ?? current.version };
    setCurrent({ content: body as Data, ...next, status: r.data?.status ?? 'draft' });
    return next;
  };

  const run = async (what: 'save' | 'submit') => {
    setBusy(true);
    setNotice({ tone: 'info', text: t('declForm.saving') });
    try {
      const s = await save();
      if (!s) return;
      if (what === 'save') {
        writeDraft(projectId, orgId, null);
        setNotice({ tone: 'ok', text: t('declForm.saved', { n: s.version }) });
        return;
      }
      const r = await api.POST('/projects/{projectId}/declarations/{orgId}/submit', { params: { path: { projectId, orgId } } });
      writeDraft(projectId, orgId, null);
      if (!r.response.ok) {
        // Saved, but refused at submit (the rules only the server checks): the errors go under their fields.
        showProblem(r.error, r.response);
        return;
      }
      setServerErrors([]);
      setCurrent((c) => ({ ...c, status: 'submitted' }));
      setNotice({ tone: 'ok', text: t('declForm.submitted', { n: s.version }) });
    } catch (e) {
      // fetch failed (a TypeError): the server is unreachable. The draft stays in sessionStorage either way.
      setNotice({
        tone: 'error',
        text: e instanceof TypeError && /fetch|network/i.test(e.message) ? t('declForm.networkError') : t('common.error', { message: problemText(e) }),
      });
      requestAnimationFrame(() => noticeRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const summary = [
    ...liveServerErrors.map((e) => ({ pointer: pointerOf(e), message: e.message })),
    ...clientErrors.map((e) => ({ pointer: (e.property ?? '').replace(/\./g, '/'), message: e.message ?? e.stack })),
  ];
  // The field's label as the form shows it — a checkbox's is the <label> around it, a group's its <legend> — after
  // the list items it is in ("Contact 1 › Fonction"): the summary must say which of the same-named fields is meant.
  const textOf = (el: Element | null | undefined) => el?.textContent?.replace(/\*$/, '').trim() || undefined;
  const ownLabel = (id: string) => {
    const el = document.getElementById(id);
    return textOf(
      document.querySelector(`label[for="${id}"]`) ??
        document.getElementById(`${id}__title`) ??
        el?.closest('label') ??
        (el instanceof HTMLFieldSetElement ? el.querySelector(':scope > legend') : null),
    );
  };
  const labelOf = (pointer: string) => {
    const segs = pointerSegments(pointer);
    const own = ownLabel(fieldId(pointer));
    if (!own) return pointer.slice(1).replace(/\//g, ' › ') || t('declForm.whole');
    const parts: string[] = [];
    segs.forEach((seg, i) => {
      if (!/^\d+$/.test(seg)) return;
      const item = ownLabel(['root', ...segs.slice(0, i + 1)].join('_'));
      if (item) parts.push(`${item} ${Number(seg) + 1}`);
    });
    const last = segs.at(-1) ?? '';
    return /^\d+$/.test(last) ? parts.join(' › ') : [...parts, own].join(' › ');
  };
  const status = current.status ?? 'none';

  return (
    <div className="decl-form">
      <p className="meta-line">
        <Badge tone={status === 'submitted' ? 'ok' : status === 'draft' ? 'warn' : 'neutral'}>{t(`declStatus.${status}` as MessageKey)}</Badge>
        {current.version > 0 ? <span>{t('declForm.version', { n: current.version })}</span> : <span>{t('declForm.notStarted')}</span>}
        {canEdit && dirty && <Badge tone="warn">{t('declForm.unsaved')}</Badge>}
      </p>
      {!canEdit && <p className="notice notice-info">{t('declForm.readOnly')}</p>}
      {showRestored && restored && (
        <div className="notice notice-warn" role="status">
          <p>
            <strong>{t('declForm.draftRestored')}</strong> — {t('declForm.draftRestoredText', { at: dateTime(restored.at) })}
          </p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              writeDraft(projectId, orgId, null);
              setData(base);
              setShowRestored(false);
            }}
          >
            {t('declForm.discardDraft')}
          </button>
        </div>
      )}
      {notice && (
        <div ref={noticeRef} tabIndex={-1} className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{notice.text}</p>
        </div>
      )}
      {summary.length > 0 && (
        <div ref={summaryRef} tabIndex={-1} className="notice notice-error error-summary" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t('declForm.errorsTitle', { n: summary.length })}</h2>
          <p className="small">{t('declForm.errorsLead')}</p>
          <ul>
            {summary.map((e, i) => (
              <li key={`${e.pointer}-${i}`}>
                <a
                  href={`#${fieldId(e.pointer)}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    focusField(e.pointer);
                  }}
                >
                  {labelOf(e.pointer)}
                </a>{' '}
                — {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted small">{t('declForm.dateHint')}</p>
      <Form<Data, RJSFSchema, FormContext>
        ref={formRef}
        schema={schema}
        uiSchema={uiSchema}
        formData={data}
        validator={validator}
        widgets={WIDGETS}
        templates={TEMPLATES}
        formContext={{ lang, partners }}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        readonly={!canEdit}
        translateString={translator(lang)}
        transformErrors={transformErrors(lang)}
        onError={setClientErrors}
        onChange={(e) => setData(withKeys(e.formData ?? {}))}
        className="rjsf-form"
      >
        {canEdit ? (
          <div className="form-actions">
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => void run('save')}>
              {t('declForm.save')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void run('submit')}>
              {t('declForm.submit')}
            </button>
          </div>
        ) : (
          <></>
        )}
      </Form>
    </div>
  );
}

/** New items of the keyed lists get the next free key (`bg-3`, `r-2`, `ar-1`): the API requires one. */
function withKeys(data: Data): Data {
  const prefixes: Record<string, string> = { background: 'bg-', results: 'r-', accessRights: 'ar-' };
  const out = { ...data };
  for (const [list, prefix] of Object.entries(prefixes)) {
    const items = out[list];
    if (!Array.isArray(items) || items.every((it: Data | null) => it && typeof it.key === 'string' && it.key)) continue;
    const used = new Set(items.map((it: Data | null) => it?.key));
    let n = 1;
    out[list] = items.map((it: Data | null) => {
      if (it && typeof it.key === 'string' && it.key) return it;
      while (used.has(`${prefix}${n}`)) n++;
      used.add(`${prefix}${n}`);
      return { ...it, key: `${prefix}${n}` };
    });
  }
  return out;
}
