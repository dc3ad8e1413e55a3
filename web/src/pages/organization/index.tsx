import { useEffect, useRef, useState } from 'react';
import { api, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { countryLabel } from '../../countries';
import { useI18n, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useQuery } from '../../use-query';
import { PAGE_MAX, readAll } from '../../read-all';
import { MoreButton, usePaged } from '../../use-paged';
import { ProjectTable } from '../project-table';
import { Badge, Loaded, Section } from '../../ui';
import { ControlChainView, pct } from './control-chain';
import { Consequences, ControlEventForm, ControlEventTable, type EventAction } from './control-events';

type Org = Schemas['Organization'];
type Recorded = Schemas['ControlEventRecorded'];

const none = () => Promise.resolve({ data: null, response: new Response() });

/**
 * `/organizations/{orgId}` (a chunk of its own, app.tsx): identity, shareholders, the control chain as the risk
 * engine walks it (staff and lawyers), the organization's projects, and its control events with the form that
 * records one and shows at once what it changed (legal staff). A partner sees its own organization without the
 * chain and the events (the API refuses them).
 */
export default function OrganizationPage({ session, orgId }: { session: Session; orgId: string }) {
  const { t, lang } = useI18n();
  const role = session.user.role;
  const staff = role === 'legal' || role === 'committee';
  const seesChain = role !== 'partner';
  const org = useQuery(() => api.GET('/organizations/{orgId}', { params: { path: { orgId } } }), [orgId]);
  const chain = useQuery(() => (seesChain ? api.GET('/organizations/{orgId}/control-chain', { params: { path: { orgId } } }) : none()), [orgId, seesChain]);
  const projects = usePaged((cursor) => api.GET('/organizations/{orgId}/projects', { params: { path: { orgId }, query: { limit: 100, cursor } } }), [orgId]);
  const events = useQuery(
    () =>
      staff
        ? readAll((cursor) => api.GET('/organizations/{orgId}/control-events', { params: { path: { orgId }, query: { limit: PAGE_MAX, cursor } } }))
        : none(),
    [orgId, staff],
  );
  // The investor may be a registered organization: the legal staff pick it from the register.
  const register = useQuery(
    () => (role === 'legal' ? readAll((cursor) => api.GET('/organizations', { params: { query: { limit: PAGE_MAX, cursor } } })) : none()),
    [role],
  );
  const [formOpen, setFormOpen] = useState(false);
  // The form cancelled: the focus goes back to the button that opened it (shown again), not to <body>.
  const recordButton = useRef<HTMLButtonElement>(null);
  const [refocusRecord, setRefocusRecord] = useState(false);
  useEffect(() => {
    if (!refocusRecord || formOpen) return;
    recordButton.current?.focus();
    setRefocusRecord(false);
  }, [refocusRecord, formOpen]);
  const [recorded, setRecorded] = useState<{ result: Recorded; action: EventAction } | null>(null);

  const onRecorded = (result: Recorded, action: EventAction = 'recorded') => {
    setRecorded({ result, action });
    setFormOpen(false);
    events.reload();
    projects.first.reload();
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">← {t('common.back')}</Link>
      </p>
      <Loaded q={org}>
        {(o: Org) => (
          <>
            <div className="page-header">
              <h1>{o.legalName}</h1>
              <p className="meta-line">
                <Badge tone="info">{t(`org.category.${o.category}` as MessageKey)}</Badge>
                <span>{countryLabel(o.country, lang)}</span>
                {o.siren && <span>{t('org.sirenValue', { siren: o.siren })}</span>}
                {o.city && <span>{o.city}</span>}
                {o.listed && <Badge tone="info">{t('org.listed')}</Badge>}
                {o.zrr && <Badge tone="warn">{t('org.zrr')}</Badge>}
              </p>
              {o.activityDescription && <p className="lead">{o.activityDescription}</p>}
            </div>
            <div className="grid-2">
              <Section id="identity" title={t('org.identity')}>
                <dl className="org-facts">
                  <dt>{t('org.legalName')}</dt>
                  <dd>{o.legalName}</dd>
                  <dt>{o.siren ? t('org.siren') : t('org.registrationId')}</dt>
                  <dd>{o.siren ?? o.registrationId ?? t('common.none')}</dd>
                  <dt>{t('org.country')}</dt>
                  <dd>{countryLabel(o.country, lang)}</dd>
                  <dt>{t('org.category')}</dt>
                  <dd>{t(`org.category.${o.category}` as MessageKey)}</dd>
                  <dt>{t('org.city')}</dt>
                  <dd>{o.city ?? o.registeredAddress?.city ?? t('common.none')}</dd>
                  {o.registeredAddress && (
                    <>
                      <dt>{t('org.address')}</dt>
                      <dd>
                        {o.registeredAddress.street}, {o.registeredAddress.postalCode} {o.registeredAddress.city}
                      </dd>
                    </>
                  )}
                  <dt>{t('org.listedLabel')}</dt>
                  <dd>{o.listed ? t('org.yes') : t('org.no')}</dd>
                  <dt>{t('org.zrrLabel')}</dt>
                  <dd>{o.zrr ? t('org.yes') : t('org.no')}</dd>
                </dl>
              </Section>
              <Section id="shareholders" title={t('org.shareholders')}>
                {o.shareholders.length === 0 ? (
                  <p className="empty">{t('org.noShareholders')}</p>
                ) : (
                  <div className="table-scroll">
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">{t('org.shareholder')}</th>
                          <th scope="col">{t('org.country')}</th>
                          <th scope="col" className="num">
                            {t('org.votingRights')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {o.shareholders.map((s, i) => (
                          <tr key={i}>
                            <td>
                              {s.organizationId && staff ? <Link to={`/organizations/${s.organizationId}`}>{s.name}</Link> : s.name}{' '}
                              {(s.votingRightsPct > 50 || s.controlling) && <Badge tone="info">{t('org.control')}</Badge>}{' '}
                              {s.naturalPerson && <Badge tone="neutral">{t('org.naturalPerson')}</Badge>}
                            </td>
                            <td>{countryLabel(s.country, lang)}</td>
                            <td className="num nowrap">{pct(s.votingRightsPct, lang)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </Section>
            </div>
          </>
        )}
      </Loaded>
      {seesChain && (
        <Section id="control-chain" title={t('org.chain')}>
          <p className="section-intro muted">{t('org.chainIntro')}</p>
          <Loaded q={chain}>{(c) => (c ? <ControlChainView chain={c} linkOrgs={staff} /> : null)}</Loaded>
        </Section>
      )}
      {staff && (
        <Section
          id="control-events"
          title={t('org.events')}
          actions={
            role === 'legal' && !formOpen ? (
              <button
                ref={recordButton}
                type="button"
                className="button button-primary"
                onClick={() => {
                  setFormOpen(true);
                  setRecorded(null);
                }}
              >
                {t('org.recordEvent')}
              </button>
            ) : undefined
          }
        >
          {recorded && <Consequences recorded={recorded.result} action={recorded.action} />}
          {formOpen && (
            <ControlEventForm
              orgId={orgId}
              investors={(register.data?.items ?? []).filter((x) => x.id !== orgId)}
              onRecorded={onRecorded}
              onCancel={() => {
                setFormOpen(false);
                setRefocusRecord(true);
              }}
            />
          )}
          <Loaded q={events}>
            {(list) => (list ? <ControlEventTable events={list.items} {...(role === 'legal' ? { orgId, onChanged: onRecorded } : {})} /> : null)}
          </Loaded>
        </Section>
      )}
      <Section id="org-projects" title={t('org.projects')}>
        <Loaded q={projects.first}>
          {() => (
            <>
              <ProjectTable projects={projects.items} empty={t('org.projectsEmpty')} />
              <MoreButton paged={projects} />
            </>
          )}
        </Loaded>
      </Section>
    </>
  );
}
