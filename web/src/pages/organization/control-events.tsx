import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, problemText, type Schemas } from '../../api/client';
import { countryLabel, countryOptions } from '../../countries';
import { fieldErrorsOf, type ServerFieldError } from '../../forms/form-errors';
import { useI18n, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { Badge, severityTone } from '../../ui';
import { pct } from './control-chain';
import { bodyOf, EMPTY, EMPTY_CONCERT, fieldOfPath, labelOfField, MAX_CONCERT, type ConcertRow, type FormState } from './event-body';

type ControlEvent = Schemas['ControlEvent'];
type Recorded = Schemas['ControlEventRecorded'];
type Input = Schemas['ControlEventInput'];
type Simulation = Schemas['ControlEventSimulation'];

/** What the results box answers: the event recorded, amended or withdrawn (a simulation has its own box). */
export type EventAction = 'recorded' | 'amended' | 'withdrawn';

/** Percentages have at most 4 decimals: summed as whole ten-thousandths, exactly (as the API does). */
const sumPct = (values: readonly number[]) => values.reduce((sum, v) => sum + Math.round(v * 10_000), 0) / 10_000;

/**
 * Who invests: the investor, its country, and those acting in concert with it (L233-10) with their voting rights and
 * the total of the group — what makes the deal a joint control (L233-3 III). Both registers (organization, pôle) show it.
 */
export function InvestorCell({ event: e }: { event: Pick<ControlEvent, 'investor' | 'concertWith' | 'votingRightsAfterPct'> }) {
  const { t, lang } = useI18n();
  const concert = e.concertWith ?? [];
  return (
    <>
      {e.investor.name}
      <div className="muted small">{countryLabel(e.investor.country, lang)}</div>
      {concert.length > 0 && (
        <div className="small">
          {t('org.inConcertWith', {
            parties: concert.map((c) => `${c.name} (${c.country}, ${pct(c.votingRightsPct, lang)})`).join(lang === 'fr' ? ' ; ' : '; '),
            total: pct(sumPct([e.votingRightsAfterPct, ...concert.map((c) => c.votingRightsPct)]), lang),
          })}
        </div>
      )}
    </>
  );
}

/** An organization's control events, most recent first; legal staff amend or withdraw them (`onChanged`). */
export function ControlEventTable({
  events,
  orgId,
  onChanged,
}: {
  events: ControlEvent[];
  orgId?: string;
  onChanged?: (r: Recorded, action: EventAction) => void;
}) {
  const { t, lang, date, dateTime } = useI18n();
  if (events.length === 0) return <p className="empty">{t('org.eventsEmpty')}</p>;
  const sorted = [...events].sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1));
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('org.eventRecorded')}</th>
            <th scope="col">{t('org.eventOperation')}</th>
            <th scope="col">{t('org.eventInvestor')}</th>
            <th scope="col">{t('org.eventVotingRights')}</th>
            <th scope="col">{t('org.eventEffective')}</th>
            <th scope="col">{t('org.eventAuthorisation')}</th>
            {onChanged && <th scope="col">{t('org.eventActions')}</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{dateTime(e.recordedAt)}</td>
              <td>
                {t(`org.kind.${e.kind}` as MessageKey)} <EventStatus status={e.status} />
                {e.description && <div className="muted small">{e.description}</div>}
                {e.withdrawal && <div className="muted small">{t('org.withdrawnBecause', { reason: e.withdrawal.reason })}</div>}
              </td>
              <td>
                <InvestorCell event={e} />
              </td>
              <td className="nowrap">
                {e.votingRightsBeforePct !== undefined ? `${pct(e.votingRightsBeforePct, lang)} → ` : ''}
                <strong>{pct(e.votingRightsAfterPct, lang)}</strong>
                {e.controlAcquired && (
                  <div>
                    <Badge tone="info">{t('org.controlAcquired')}</Badge>
                  </div>
                )}
              </td>
              <td className="nowrap">{date(e.effectiveDate)}</td>
              <td>
                {e.authorisation ? (
                  <>
                    {t(`org.auth.${e.authorisation.status}` as MessageKey)}
                    {e.authorisation.reference && <div className="muted small">{e.authorisation.reference}</div>}
                  </>
                ) : (
                  t('common.none')
                )}
              </td>
              {onChanged && orgId && <td>{e.status !== 'withdrawn' && <EventActions orgId={orgId} event={e} onChanged={onChanged} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Amend (PATCH, If-Match: the event's version) the voting rights after the operation or the status (planned →
 * completed), or withdraw with a reason (POST …/withdrawal). The answer lists the flags that followed.
 */
function EventActions({ orgId, event, onChanged }: { orgId: string; event: ControlEvent; onChanged: (r: Recorded, action: EventAction) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [after, setAfter] = useState(String(event.votingRightsAfterPct));
  const [completed, setCompleted] = useState(event.status === 'completed');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { after: `amend-after-${event.id}`, status: `amend-done-${event.id}`, reason: `withdraw-reason-${event.id}`, error: `amend-error-${event.id}` };
  const header = { 'If-Match': `"${event.version ?? 1}"` } as never;
  const path = { orgId, eventId: event.id };
  const run = async (action: EventAction, call: () => Promise<{ data?: Recorded; error?: unknown }>) => {
    setBusy(true);
    setFailure(null);
    try {
      const r = await call();
      if (r.data) {
        setOpen(false);
        onChanged(r.data, action);
      } else setFailure(problemText(r.error));
    } catch (err) {
      setFailure(t('org.networkError', { message: problemText(err) }));
    } finally {
      setBusy(false);
    }
  };
  const amend = () => {
    const n = Number(after.trim().replace(',', '.'));
    const body: Record<string, unknown> = {};
    if (Number.isFinite(n) && n !== event.votingRightsAfterPct) body.votingRightsAfterPct = n;
    else if (!Number.isFinite(n)) body.votingRightsAfterPct = after;
    if (completed && event.status === 'planned') body.status = 'completed';
    return run('amended', () => api.PATCH('/organizations/{orgId}/control-events/{eventId}', { params: { path, header }, body: body as never }));
  };
  const withdraw = () =>
    run('withdrawn', () => api.POST('/organizations/{orgId}/control-events/{eventId}/withdrawal', { params: { path, header }, body: { reason } }));
  if (!open)
    return (
      <button
        type="button"
        className="button button-secondary"
        onClick={() => setOpen(true)}
        aria-label={t('org.eventChangeFor', { investor: event.investor.name })}
      >
        {t('org.eventChange')}
      </button>
    );
  return (
    <div className="event-actions">
      <div className="field">
        <label htmlFor={ids.after}>{t('org.after')}</label>
        <input id={ids.after} inputMode="decimal" value={after} onChange={(e) => setAfter(e.target.value)} />
      </div>
      {event.status === 'planned' && (
        <div className="field">
          <label>
            <input id={ids.status} type="checkbox" checked={completed} onChange={(e) => setCompleted(e.target.checked)} /> {t('org.status.completed')}
          </label>
        </div>
      )}
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void amend()}>
        {t('org.eventAmend')}
      </button>
      <div className="field">
        <label htmlFor={ids.reason}>{t('org.withdrawReason')}</label>
        <textarea id={ids.reason} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void withdraw()}>
        {t('org.eventWithdraw')}
      </button>{' '}
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => setOpen(false)}>
        {t('org.cancel')}
      </button>
      {failure && (
        <p id={ids.error} className="field-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}

/** The options of a country select: an empty first one (`empty`), then the ISO list sorted by name in the UI language. */
function CountryOptions({ countries, empty }: { countries: readonly { code: string; label: string }[]; empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {countries.map((c) => (
        <option key={c.code} value={c.code}>
          {c.label}
        </option>
      ))}
    </>
  );
}

export function EventStatus({ status }: { status: ControlEvent['status'] }) {
  const { t } = useI18n();
  return <Badge tone={status === 'planned' ? 'warn' : status === 'withdrawn' ? 'ok' : 'neutral'}>{t(`org.status.${status}` as MessageKey)}</Badge>;
}

// ---------------------------------------------------------------------------------------------------------
// The form (legal staff): POST /organizations/{orgId}/control-events, server errors at the fields

type Org = { id: string; legalName: string; country: string };

export function ControlEventForm({
  orgId,
  investors,
  onRecorded,
  onCancel,
}: {
  orgId: string;
  /** Registered organizations the investor may be (its chain is then walked). */
  investors: Org[];
  onRecorded: (r: Recorded) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const [f, setF] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<ServerFieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const countries = useMemo(() => countryOptions(lang), [lang]);

  // Opened by "Enregistrer un événement", whose button goes away: the focus goes to the form's first field.
  useEffect(() => document.getElementById('cev-kind')?.focus(), []);
  useEffect(() => {
    if (errors.length || failure) summary.current?.focus();
  }, [errors, failure]);

  const errorOf = (id: string) =>
    errors
      .filter((e) => fieldOfPath(e.path) === id)
      .map((e) => e.message)
      .join(' ');
  /** Changing a field clears its errors. */
  const set = <K extends keyof FormState>(key: K, value: FormState[K], field: string) => {
    setF((s) => ({ ...s, [key]: value }));
    setErrors((es) => es.filter((e) => fieldOfPath(e.path) !== field));
  };
  const a11y = (id: string, hint = false) => {
    const err = errorOf(id);
    const describedBy = [hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ');
    return { id, 'aria-invalid': err ? true : undefined, ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
  };

  /** Sends the form's body (recording or what-if): the answer goes to `done`, the server's errors to their fields. */
  const send = async <T,>(call: (body: Input) => Promise<{ data?: T; error?: unknown }>, done: (data: T) => void) => {
    setBusy(true);
    setFailure(null);
    setSimulation(null);
    try {
      const r = await call(bodyOf(f) as unknown as Input);
      if (r.data) {
        setErrors([]);
        done(r.data);
        return;
      }
      const fieldErrors = fieldErrorsOf(r.error);
      setErrors(fieldErrors);
      setFailure(fieldErrors.length ? null : problemText(r.error));
    } catch (err) {
      setFailure(t('org.networkError', { message: problemText(err) }));
    } finally {
      setBusy(false);
    }
  };
  const params = { path: { orgId } };
  /** What-if (legal staff): the same body, nothing recorded; the answer shows under the form. */
  const simulate = () => send((body) => api.POST('/organizations/{orgId}/control-events/simulate', { params, body }), setSimulation);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    return send(
      (body) => api.POST('/organizations/{orgId}/control-events', { params, body }),
      (r) => {
        setF(EMPTY);
        onRecorded(r);
      },
    );
  };

  /** Investors in concert: a change clears that field's errors; adding or removing one clears them all (indices shift). */
  const setConcert = (i: number, patch: Partial<ConcertRow>, field: string) => {
    setF((s) => ({ ...s, concert: s.concert.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
    setErrors((es) => es.filter((e) => ![field, 'cev-concert'].includes(fieldOfPath(e.path) ?? '')));
  };
  const clearConcertErrors = () => setErrors((es) => es.filter((e) => !(fieldOfPath(e.path) ?? '').startsWith('cev-concert')));
  const addConcert = () => {
    setF((s) => ({ ...s, concert: [...s.concert, { ...EMPTY_CONCERT }] }));
    clearConcertErrors();
    // The new group's first field takes the focus once rendered.
    const id = `cev-concert-${f.concert.length}-name`;
    setTimeout(() => document.getElementById(id)?.focus(), 0);
  };
  const removeConcert = (i: number) => {
    setF((s) => ({ ...s, concert: s.concert.filter((_, j) => j !== i) }));
    clearConcertErrors();
    setTimeout(() => document.getElementById('cev-concert-add')?.focus(), 0);
  };

  const chooseInvestor = (id: string) => {
    const o = investors.find((x) => x.id === id);
    setF((s) => ({ ...s, investorOrgId: id, ...(o ? { investorName: o.legalName, investorCountry: o.country } : {}) }));
    setErrors((es) => es.filter((x) => !['cev-investor-org', 'cev-investor-name', 'cev-investor-country'].includes(fieldOfPath(x.path) ?? '')));
  };

  const field = (id: string, label: string, control: ReactNode, hint?: string) => {
    const err = errorOf(id);
    return (
      <div className={`field${err ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {control}
        {hint && (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        )}
        {err && (
          <p id={`${id}-error`} className="field-error">
            {err}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className="cev-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="cev-form-title">
      <h3 id="cev-form-title">{t('org.formTitle')}</h3>
      {(errors.length > 0 || failure) && (
        <div className="notice notice-error error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>{failure ? t('org.formFailed') : t('org.formErrors', { n: errors.length })}</h2>
          {failure ? (
            <p>{failure}</p>
          ) : (
            <ul>
              {errors.map((e, i) => {
                const id = fieldOfPath(e.path);
                const label = id ? labelOfField(id) : undefined;
                // The field's name with its message: a list of bare "Required" says nothing.
                const name = label ? (label.party ? `${t('org.concertParty', { n: label.party })}, ${t(label.key)}` : t(label.key)) : undefined;
                return (
                  <li key={i}>
                    {id ? (
                      <a
                        href={`#${id}`}
                        onClick={(ev) => {
                          ev.preventDefault();
                          document.getElementById(id)?.focus();
                        }}
                      >
                        {name ? t('org.errorItem', { field: name, message: e.message }) : e.message}
                      </a>
                    ) : (
                      `${e.path}: ${e.message}`
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
      <fieldset>
        <legend>{t('org.formOperation')}</legend>
        <div className="field-row">
          {field(
            'cev-kind',
            t('org.kind'),
            <select {...a11y('cev-kind')} value={f.kind} onChange={(e) => set('kind', e.target.value as FormState['kind'], 'cev-kind')}>
              <option value="shareholding-change">{t('org.kind.shareholding-change')}</option>
              <option value="acquisition">{t('org.kind.acquisition')}</option>
            </select>,
          )}
          {field(
            'cev-status',
            t('org.status'),
            <select {...a11y('cev-status')} value={f.status} onChange={(e) => set('status', e.target.value as FormState['status'], 'cev-status')}>
              <option value="planned">{t('org.status.planned')}</option>
              <option value="completed">{t('org.status.completed')}</option>
            </select>,
          )}
          {field(
            'cev-effective',
            t('org.effectiveDate'),
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder={t('declForm.datePlaceholder')}
              {...a11y('cev-effective', true)}
              value={f.effectiveDate}
              onChange={(e) => set('effectiveDate', e.target.value, 'cev-effective')}
            />,
            t('declForm.dateFormat'),
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('org.formInvestor')}</legend>
        <div className="field-row">
          {investors.length > 0 &&
            field(
              'cev-investor-org',
              t('org.investorOrg'),
              <select {...a11y('cev-investor-org', true)} value={f.investorOrgId} onChange={(e) => chooseInvestor(e.target.value)}>
                <option value="">{t('org.investorNotRegistered')}</option>
                {investors.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.legalName} ({o.country})
                  </option>
                ))}
              </select>,
              t('org.investorOrgHint'),
            )}
          {field(
            'cev-investor-name',
            t('org.investorName'),
            <input
              type="text"
              {...a11y('cev-investor-name')}
              value={f.investorName}
              onChange={(e) => set('investorName', e.target.value, 'cev-investor-name')}
            />,
          )}
          {field(
            'cev-investor-country',
            t('org.investorCountry'),
            <select
              {...a11y('cev-investor-country')}
              value={f.investorCountry}
              onChange={(e) => set('investorCountry', e.target.value, 'cev-investor-country')}
            >
              <CountryOptions countries={countries} empty={t('org.chooseCountry')} />
            </select>,
          )}
        </div>
        <div className="field-row field-row-checks">
          <div className="field field-check">
            <input
              type="checkbox"
              {...a11y('cev-investor-listed')}
              checked={f.investorListed}
              onChange={(e) => set('investorListed', e.target.checked, 'cev-investor-listed')}
            />
            <label htmlFor="cev-investor-listed">{t('org.investorListed')}</label>
          </div>
          <div className="field field-check">
            <input
              type="checkbox"
              {...a11y('cev-natural-person')}
              checked={f.naturalPerson}
              onChange={(e) => set('naturalPerson', e.target.checked, 'cev-natural-person')}
            />
            <label htmlFor="cev-natural-person">{t('org.investorNaturalPerson')}</label>
          </div>
          {f.naturalPerson &&
            field(
              'cev-tax-domicile',
              t('org.taxDomicile'),
              <select
                {...a11y('cev-tax-domicile')}
                value={f.taxDomiciledInFrance}
                onChange={(e) => set('taxDomiciledInFrance', e.target.value as FormState['taxDomiciledInFrance'], 'cev-tax-domicile')}
              >
                <option value="">{t('org.unspecified')}</option>
                <option value="yes">{t('org.yes')}</option>
                <option value="no">{t('org.no')}</option>
              </select>,
            )}
          {f.naturalPerson &&
            field(
              'cev-tax-country',
              t('org.taxDomicileCountry'),
              <select {...a11y('cev-tax-country')} value={f.taxDomicileCountry} onChange={(e) => set('taxDomicileCountry', e.target.value, 'cev-tax-country')}>
                <CountryOptions countries={countries} empty={t('org.unspecified')} />
              </select>,
            )}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('org.formVotingRights')}</legend>
        <div className="field-row">
          {field(
            'cev-before',
            t('org.before'),
            <input
              type="text"
              inputMode="decimal"
              {...a11y('cev-before', true)}
              value={f.before}
              onChange={(e) => set('before', e.target.value, 'cev-before')}
            />,
            t('org.beforeHint'),
          )}
          {field(
            'cev-after',
            t('org.after'),
            <input type="text" inputMode="decimal" {...a11y('cev-after')} value={f.after} onChange={(e) => set('after', e.target.value, 'cev-after')} />,
          )}
          {field(
            'cev-control',
            t('org.controlAcquiredField'),
            <select
              {...a11y('cev-control', true)}
              value={f.controlAcquired}
              onChange={(e) => set('controlAcquired', e.target.value as FormState['controlAcquired'], 'cev-control')}
            >
              <option value="">{t('org.unspecified')}</option>
              <option value="yes">{t('org.yes')}</option>
              <option value="no">{t('org.no')}</option>
            </select>,
            t('org.controlAcquiredHint'),
          )}
          {field(
            'cev-control-basis',
            t('org.controlBasis'),
            <select
              {...a11y('cev-control-basis')}
              value={f.controlBasis}
              onChange={(e) => set('controlBasis', e.target.value as FormState['controlBasis'], 'cev-control-basis')}
            >
              <option value="">{t('org.unspecified')}</option>
              {(['agreement', 'de-facto', 'appointment', 'concert'] as const).map((b) => (
                <option key={b} value={b}>
                  {t(`org.controlBasis.${b}` as MessageKey)}
                </option>
              ))}
            </select>,
          )}
        </div>
      </fieldset>
      <fieldset
        id="cev-concert"
        tabIndex={-1}
        className={errorOf('cev-concert') ? 'field-invalid' : undefined}
        aria-describedby={errorOf('cev-concert') ? 'cev-concert-hint cev-concert-error' : 'cev-concert-hint'}
      >
        <legend>{t('org.formConcert')}</legend>
        <p id="cev-concert-hint" className="field-hint">
          {t('org.concertHint')}
        </p>
        {errorOf('cev-concert') && (
          <p id="cev-concert-error" className="field-error">
            {errorOf('cev-concert')}
          </p>
        )}
        {f.concert.map((c, i) => {
          const id = (suffix: string) => `cev-concert-${i}-${suffix}`;
          return (
            <fieldset key={i} className="cev-concert-party">
              <legend>{t('org.concertParty', { n: i + 1 })}</legend>
              <div className="field-row">
                {field(
                  id('name'),
                  t('org.concertName'),
                  <input type="text" {...a11y(id('name'))} value={c.name} onChange={(e) => setConcert(i, { name: e.target.value }, id('name'))} />,
                )}
                {field(
                  id('country'),
                  t('org.concertCountry'),
                  <select {...a11y(id('country'))} value={c.country} onChange={(e) => setConcert(i, { country: e.target.value }, id('country'))}>
                    <CountryOptions countries={countries} empty={t('org.chooseCountry')} />
                  </select>,
                )}
                {field(
                  id('pct'),
                  t('org.concertPct'),
                  <input
                    type="text"
                    inputMode="decimal"
                    {...a11y(id('pct'))}
                    value={c.pct}
                    onChange={(e) => setConcert(i, { pct: e.target.value }, id('pct'))}
                  />,
                )}
              </div>
              <div className="field-row field-row-checks">
                <div className="field field-check">
                  <input
                    type="checkbox"
                    {...a11y(id('natural'))}
                    checked={c.naturalPerson}
                    onChange={(e) => setConcert(i, { naturalPerson: e.target.checked }, id('natural'))}
                  />
                  <label htmlFor={id('natural')}>{t('org.investorNaturalPerson')}</label>
                </div>
                {c.naturalPerson &&
                  field(
                    id('tax-country'),
                    t('org.taxDomicileCountry'),
                    <select
                      {...a11y(id('tax-country'))}
                      value={c.taxDomicileCountry}
                      onChange={(e) => setConcert(i, { taxDomicileCountry: e.target.value }, id('tax-country'))}
                    >
                      <CountryOptions countries={countries} empty={t('org.unspecified')} />
                    </select>,
                  )}
              </div>
              <button type="button" className="button button-secondary" onClick={() => removeConcert(i)} disabled={busy}>
                {t('org.concertRemove', { n: i + 1 })}
              </button>
            </fieldset>
          );
        })}
        {f.concert.length < MAX_CONCERT && (
          <button id="cev-concert-add" type="button" className="button button-secondary" onClick={addConcert} disabled={busy}>
            {t('org.concertAdd')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('org.formAuthorisation')}</legend>
        <div className="field-row">
          {field(
            'cev-auth-status',
            t('org.authorisationStatus'),
            <select
              {...a11y('cev-auth-status')}
              value={f.authorisationStatus}
              onChange={(e) => set('authorisationStatus', e.target.value as FormState['authorisationStatus'], 'cev-auth-status')}
            >
              <option value="">{t('org.unspecified')}</option>
              {(['none', 'requested', 'granted', 'refused'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`org.auth.${s}`)}
                </option>
              ))}
            </select>,
          )}
          {f.authorisationStatus !== '' &&
            f.authorisationStatus !== 'none' &&
            field(
              'cev-auth-reference',
              t('org.authorisationReference'),
              <input
                type="text"
                {...a11y('cev-auth-reference')}
                value={f.authorisationReference}
                onChange={(e) => set('authorisationReference', e.target.value, 'cev-auth-reference')}
              />,
            )}
          {(f.authorisationStatus === 'granted' || f.authorisationStatus === 'refused') &&
            field(
              'cev-auth-decided',
              t('org.authorisationDecidedAt'),
              <input
                type="text"
                inputMode="numeric"
                autoComplete="off"
                placeholder={t('declForm.datePlaceholder')}
                {...a11y('cev-auth-decided')}
                value={f.authorisationDecidedAt}
                onChange={(e) => set('authorisationDecidedAt', e.target.value, 'cev-auth-decided')}
              />,
            )}
        </div>
        {field(
          'cev-description',
          t('org.description'),
          <textarea rows={2} {...a11y('cev-description')} value={f.description} onChange={(e) => set('description', e.target.value, 'cev-description')} />,
        )}
      </fieldset>
      <div className="cev-actions">
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('org.cancel')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void simulate()} disabled={busy}>
          {busy ? t('org.simulating') : t('org.simulate')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('org.recording') : t('org.record')}
        </button>
      </div>
      {simulation && <SimulationResult simulation={simulation} />}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------
// What the recording changed, from the POST's answer

type FlagRef = Recorded['reevaluated'][number]['raised'][number];

export function Consequences({ recorded, action = 'recorded' }: { recorded: Recorded; action?: EventAction }) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), [recorded]);
  const r = recorded.reevaluated;
  const count = (k: 'raised' | 'reopened' | 'updated' | 'closed') => r.reduce((n, p) => n + p[k].length, 0);
  const flagItem = (projectId: string, f: FlagRef | Omit<FlagRef, 'severity'>, kind: 'raised' | 'reopened' | 'updated' | 'closed') => (
    <li key={`${kind}-${f.id}`}>
      <Badge tone={kind === 'closed' ? 'ok' : 'severity' in f ? severityTone(f.severity) : 'neutral'}>
        {'severity' in f ? t(`severity.${f.severity}` as MessageKey) : t('org.flagClosed')}
      </Badge>{' '}
      <Link to={`/projects/${projectId}/flags/${f.id}`}>{f.title[lang]}</Link> <span className="muted small">— {t(`org.flag.${kind}` as MessageKey)}</span>
    </li>
  );
  return (
    <section className="consequences" role="status" aria-labelledby="consequences-title" tabIndex={-1} ref={box}>
      <h3 id="consequences-title">{t(`org.resultTitle.${action}`)}</h3>
      <p>
        {t(`org.resultText.${action}`, {
          investor: recorded.event.investor.name,
          pct: pct(recorded.event.votingRightsAfterPct, lang),
        })}
      </p>
      {r.length === 0 ? (
        <p>{t('org.noProjects')}</p>
      ) : (
        <>
          <p>
            <strong>
              {t('org.consequencesSummary', {
                projects: r.length,
                raised: count('raised'),
                reopened: count('reopened'),
                updated: count('updated'),
                closed: count('closed'),
              })}
            </strong>
          </p>
          <ul className="consequence-projects">
            {r.map((p) => {
              const flags = [
                ...p.raised.map((f) => flagItem(p.projectId, f, 'raised')),
                ...p.reopened.map((f) => flagItem(p.projectId, f, 'reopened')),
                ...p.updated.map((f) => flagItem(p.projectId, f, 'updated')),
                ...p.closed.map((f) => flagItem(p.projectId, f, 'closed')),
              ];
              return (
                <li key={p.projectId}>
                  <Link to={`/projects/${p.projectId}`}>
                    <strong>{p.acronym}</strong>
                  </Link>{' '}
                  <span className="muted">— {p.title}</span>
                  {flags.length ? <ul className="consequence-flags">{flags}</ul> : <p className="muted small">{t('org.noChange')}</p>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------
// What-if: what recording the event would change, nothing recorded (POST …/control-events/simulate)

export function SimulationResult({ simulation }: { simulation: Simulation }) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), [simulation]);
  const ps = simulation.projects;
  const count = (k: 'raised' | 'reopened' | 'updated' | 'closed') => ps.reduce((n, p) => n + p[k].length, 0);
  const kinds = ['raised', 'reopened', 'updated', 'closed'] as const;
  const total = kinds.reduce((n, k) => n + count(k), 0);
  return (
    <section className="consequences simulation" role="status" aria-labelledby="simulation-title" tabIndex={-1} ref={box}>
      <h3 id="simulation-title">{t('org.resultTitle.simulated')}</h3>
      <p>
        <strong>
          {t('org.simulationSummary', {
            projects: ps.length,
            raised: count('raised'),
            reopened: count('reopened'),
            updated: count('updated'),
            closed: count('closed'),
          })}
        </strong>
      </p>
      {total === 0 ? (
        <p>{t('org.simulationNone')}</p>
      ) : (
        <ul className="consequence-projects">
          {ps
            .filter((p) => kinds.some((k) => p[k].length))
            .map((p) => (
              <li key={p.projectId}>
                <strong>{p.acronym}</strong> <span className="muted">— {p.title}</span>
                <ul className="consequence-flags">
                  {kinds.flatMap((k) =>
                    p[k].map((fl) => (
                      <li key={`${k}-${fl.id}`}>
                        <Badge tone={k === 'closed' ? 'ok' : severityTone(fl.severity)}>
                          {k === 'closed' ? t('org.flagClosed') : t(`severity.${fl.severity}` as MessageKey)}
                        </Badge>{' '}
                        <strong>{fl.title[lang]}</strong> <span className="muted small">— {t(`org.flag.${k}` as MessageKey)}</span>
                        <p className="small">{fl.explanation[lang]}</p>
                      </li>
                    )),
                  )}
                </ul>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
