import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, problemText, type Schemas } from '../../api/client';
import { fieldErrorsOf } from '../../forms/form-errors';
import { useI18n, type MessageKey } from '../../i18n';
import { BUNDLE_KINDS, FORMATS, LOG_KINDS, REGISTER_KINDS, fieldOf, fitFormat, formatsFor, requestBody, type Field, type Format, type Kind } from './model';

type Job = Schemas['CreateExportResponse'];
type Project = Schemas['Project'];
type Org = Schemas['Organization'];

interface Values {
  kind: Kind;
  format: Format;
  locale: 'fr' | 'en';
  projectId: string;
  organizationId: string;
  from: string;
  to: string;
}

/** Where a field's error sends the focus (the format's checked radio, the others their input). */
const focusId = (f: Field, v: Values) => (f === 'format' ? `export-format-${v.format}` : f === 'locale' ? `export-locale-${v.locale}` : `export-${f}`);

/**
 * The request of an export: kind, format (PDF only for the project summary, as the API requires), language,
 * optional project and organization, period. The server validates; its errors (problem+json `errors[].path`)
 * show under their field, with a summary whose links focus the field.
 */
export function ExportForm({ projects, organizations, onCreated }: { projects: Project[]; organizations: Org[]; onCreated: (job: Job) => void }) {
  const { t, lang } = useI18n();
  const [v, setV] = useState<Values>({ kind: 'declarations-register', format: 'csv', locale: lang, projectId: '', organizationId: '', from: '', to: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string[]>>>({});
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((cur) => {
      const next = { ...cur, [k]: value };
      if (k === 'kind') next.format = fitFormat(value as Kind, cur.format);
      return next;
    });
    // A field's error goes when its value changes (the format's too when the kind changes it).
    setErrors((cur) => {
      const rest = { ...cur };
      delete rest[k as Field];
      if (k === 'kind') delete rest.format;
      return rest;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setOther([]);
    try {
      const res = await api.POST('/exports', { body: requestBody(v) });
      if (res.data) return onCreated(res.data);
      const fieldErrors = fieldErrorsOf(res.error);
      const byField: Partial<Record<Field, string[]>> = {};
      const rest: string[] = [];
      for (const fe of fieldErrors) {
        const f = fieldOf(fe.path);
        if (f) (byField[f] ??= []).push(fe.message);
        else rest.push(fe.message);
      }
      if (fieldErrors.length === 0) rest.push(problemText(res.error));
      setErrors(byField);
      setOther(rest);
      requestAnimationFrame(() => summary.current?.focus());
    } catch (err) {
      setOther([t('exports.networkError', { message: problemText(err) })]);
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const listed = Object.entries(errors) as [Field, string[]][];
  const allowed = formatsFor(v.kind);
  const err = (f: Field) => (errors[f]?.length ? { 'aria-invalid': true as const, 'aria-describedby': `export-${f}-error` } : {});

  return (
    <form className="exports-form" onSubmit={(e) => void submit(e)} noValidate>
      {(listed.length > 0 || other.length > 0) && (
        <div className="notice notice-error error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>{t('exports.errorsTitle')}</h2>
          <ul>
            {listed.map(([f, msgs]) => (
              <li key={f}>
                <a
                  href={`#${focusId(f, v)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(focusId(f, v))?.focus();
                  }}
                >
                  {t('exports.errorItem', { field: t(`exports.field.${f}` as MessageKey), message: msgs.join(' ') })}
                </a>
              </li>
            ))}
            {other.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}

      <FieldBox id="export-kind" label={t('exports.field.kind')} errors={errors.kind}>
        <select
          id="export-kind"
          value={v.kind}
          onChange={(e) => set('kind', e.target.value as Kind)}
          aria-describedby={errors.kind?.length ? 'export-kind-error export-kind-hint' : 'export-kind-hint'}
          aria-invalid={errors.kind?.length ? true : undefined}
        >
          {(
            [
              ['exports.group.registers', REGISTER_KINDS],
              ['exports.group.logs', LOG_KINDS],
              ['exports.group.bundles', BUNDLE_KINDS],
            ] as const
          ).map(([group, kinds]) => (
            <optgroup key={group} label={t(group)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`exports.kind.${k}` as MessageKey)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p className="form-help" id="export-kind-hint">
          {t(`exports.kindHelp.${v.kind}` as MessageKey)}
        </p>
      </FieldBox>

      <fieldset className="exports-field exports-choices" aria-describedby={errors.format?.length ? 'export-format-error' : 'export-format-hint'}>
        <legend>{t('exports.field.format')}</legend>
        <div className="exports-radios">
          {FORMATS.map((f) => (
            <label key={f} className={allowed.includes(f) ? undefined : 'is-disabled'}>
              <input
                type="radio"
                name="export-format"
                id={`export-format-${f}`}
                value={f}
                checked={v.format === f}
                disabled={!allowed.includes(f)}
                onChange={() => set('format', f)}
              />
              {t(`exports.format.${f}` as MessageKey)}
            </label>
          ))}
        </div>
        <p className="form-help" id="export-format-hint">
          {t(v.kind === 'project-summary' ? 'exports.formatHint.summary' : 'exports.formatHint.tabular')}
        </p>
        <FieldErrors id="export-format-error" errors={errors.format} />
      </fieldset>

      <fieldset className="exports-field exports-choices">
        <legend>{t('exports.field.locale')}</legend>
        <div className="exports-radios">
          {(['fr', 'en'] as const).map((l) => (
            <label key={l}>
              <input type="radio" name="export-locale" id={`export-locale-${l}`} value={l} checked={v.locale === l} onChange={() => set('locale', l)} />
              <span lang={l}>{l === 'fr' ? 'Français' : 'English'}</span>
            </label>
          ))}
        </div>
        <FieldErrors id="export-locale-error" errors={errors.locale} />
      </fieldset>

      <div className="exports-row">
        <FieldBox id="export-projectId" label={t('exports.field.projectId')} errors={errors.projectId}>
          <select id="export-projectId" value={v.projectId} onChange={(e) => set('projectId', e.target.value)} {...err('projectId')}>
            <option value="">{t('exports.allProjects')}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.acronym} — {p.title}
              </option>
            ))}
          </select>
        </FieldBox>
        <FieldBox id="export-organizationId" label={t('exports.field.organizationId')} errors={errors.organizationId}>
          <select id="export-organizationId" value={v.organizationId} onChange={(e) => set('organizationId', e.target.value)} {...err('organizationId')}>
            <option value="">{t('exports.allOrganizations')}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.legalName}
              </option>
            ))}
          </select>
        </FieldBox>
      </div>

      <fieldset className="exports-field" aria-describedby="export-period-hint">
        <legend>{t('exports.field.period')}</legend>
        <div className="exports-row">
          <FieldBox id="export-from" label={t('exports.field.from')} errors={errors.from}>
            <input type="date" id="export-from" value={v.from} onChange={(e) => set('from', e.target.value)} {...err('from')} />
          </FieldBox>
          <FieldBox id="export-to" label={t('exports.field.to')} errors={errors.to}>
            <input type="date" id="export-to" value={v.to} onChange={(e) => set('to', e.target.value)} {...err('to')} />
          </FieldBox>
        </div>
        <p className="form-help" id="export-period-hint">
          {t('exports.periodHint')}
        </p>
      </fieldset>

      <div className="exports-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('exports.submitting') : t('exports.submit')}
        </button>
      </div>
    </form>
  );
}

function FieldBox({ id, label, errors, children }: { id: string; label: string; errors?: string[]; children: ReactNode }) {
  return (
    <div className={`exports-field${errors?.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={id}>
      {errors.join(' ')}
    </p>
  );
}
