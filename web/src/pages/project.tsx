import { useEffect } from 'react';
import { api, type Schemas } from '../api/client';
import type { Session } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { useQuery } from '../use-query';
import { Badge, Loaded, Section, severityTone, today } from '../ui';

type ProjectView = Schemas['ProjectView'];
type Org = Schemas['Organization'];
type Flag = Schemas['Flag'];
type Workflow = Schemas['WorkflowView'];
type DeclarationStatus = Schemas['DeclarationStatus'];

/**
 * A project, read-only: partners, declarations, flags (staff and lawyers), the workflow. Also the target of
 * the emails' links: `/projects/{id}/workflow` and `/projects/{id}/flags/{flagId}` scroll to that part.
 */
export function ProjectPage({
  session,
  projectId,
  focus,
}: {
  session: Session;
  projectId: string;
  focus?: { section: 'workflow' | 'flags'; flagId?: string };
}) {
  const { t, date } = useI18n();
  const project = useQuery(() => api.GET('/projects/{projectId}', { params: { path: { projectId } } }), [projectId]);
  const partnerIds = project.data?.partners.map((p) => p.organizationId).join(',') ?? '';
  // The partners' names: one GET each (a consortium has a handful); a refused one shows its id.
  const orgs = useQuery(async () => {
    const ids = partnerIds ? partnerIds.split(',') : [];
    const found = await Promise.all(ids.map((orgId) => api.GET('/organizations/{orgId}', { params: { path: { orgId } } }).then((r) => r.data)));
    return { data: new Map(found.filter((o): o is Org => o !== undefined).map((o) => [o.id, o])), response: new Response() };
  }, [partnerIds]);
  const declarations = useQuery(() => api.GET('/projects/{projectId}/declarations', { params: { path: { projectId } } }), [projectId]);
  const canSeeFlags = session.user.role !== 'partner';
  const flags = useQuery(
    () =>
      canSeeFlags
        ? api.GET('/projects/{projectId}/flags', { params: { path: { projectId }, query: {} } })
        : Promise.resolve({ data: { items: [], nextCursor: null }, response: new Response() }),
    [projectId, canSeeFlags],
  );
  // No workflow yet answers 404: shown as "not started", not as an error.
  const workflow = useQuery(async () => {
    const r = await api.GET('/projects/{projectId}/workflow', { params: { path: { projectId } } });
    return r.response.status === 404 ? { data: null, response: new Response() } : r;
  }, [projectId]);

  const ready = project.data && flags.data && workflow.data !== undefined;
  useEffect(() => {
    if (!ready || !focus) return;
    const el = document.getElementById(focus.flagId ? `flag-${focus.flagId}` : focus.section);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  }, [ready, focus?.section, focus?.flagId]);

  const orgName = (id: string) => orgs.data?.get(id)?.legalName ?? id;
  const ownOrg = session.user.role === 'partner' ? session.user.organizationId : undefined;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">← {t('common.back')}</Link>
      </p>
      <Loaded q={project}>
        {(p: ProjectView) => (
          <>
            <div className="page-header">
              <h1>
                {p.acronym} <span className="title-secondary">— {p.title}</span>
              </h1>
              <p className="meta-line">
                <Badge tone={p.status === 'rejected' ? 'danger' : p.status === 'signed' || p.status === 'approved' ? 'ok' : 'info'}>
                  {t(`projectStatus.${p.status}` as MessageKey)}
                </Badge>
                <span>{t('project.period', { start: date(p.startDate), end: date(p.endDate) })}</span>
                <span>{t('project.funding', { scheme: p.fundingScheme })}</span>
                {p.lawyers?.length ? <span>{t('project.lawyers', { list: p.lawyers.map((l) => l.email).join(', ') })}</span> : null}
              </p>
              {p.summary && <p className="lead">{p.summary}</p>}
            </div>
            <div className="grid-2">
              <Section id="partners" title={t('project.partners')}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('project.partner')}</th>
                      <th scope="col">{t('project.role')}</th>
                      <th scope="col">{t('project.country')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.partners.map((m) => (
                      <tr key={m.organizationId}>
                        <td>{orgName(m.organizationId)}</td>
                        <td>{t(`partnerRole.${m.role}` as MessageKey)}</td>
                        <td>{orgs.data?.get(m.organizationId)?.country ?? t('common.none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Section>
              <Section
                id="declarations"
                title={t('declarations.title')}
                actions={
                  ownOrg && p.partners.some((m) => m.organizationId === ownOrg) ? (
                    <Link className="button" to={`/projects/${projectId}/declarations/${ownOrg}`}>
                      {t('declForm.myDeclaration')}
                    </Link>
                  ) : undefined
                }
              >
                <Loaded q={declarations}>{(list) => <DeclarationTable projectId={projectId} items={list.items} orgName={orgName} ownOrg={ownOrg} />}</Loaded>
              </Section>
            </div>
          </>
        )}
      </Loaded>
      {canSeeFlags && (
        <Section id="flags" title={t('flags.title')}>
          <Loaded q={flags}>{(list) => <FlagList flags={list.items} orgName={orgName} focused={focus?.flagId} />}</Loaded>
        </Section>
      )}
      <Section id="workflow" title={t('workflow.title')}>
        <Loaded q={workflow}>{(wf) => (wf ? <WorkflowView wf={wf} orgName={orgName} /> : <p className="empty">{t('workflow.notStarted')}</p>)}</Loaded>
      </Section>
    </>
  );
}

function DeclarationTable({
  projectId,
  items,
  orgName,
  ownOrg,
}: {
  projectId: string;
  items: DeclarationStatus[];
  orgName: (id: string) => string;
  ownOrg: string | undefined;
}) {
  const { t, dateTime } = useI18n();
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('project.partner')}</th>
          <th scope="col">{t('declarations.status')}</th>
          <th scope="col">{t('declarations.version')}</th>
          <th scope="col">{t('declarations.submitted')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('declForm.open')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.organizationId}>
            <td>{orgName(d.organizationId)}</td>
            <td>
              <Badge tone={d.status === 'submitted' ? 'ok' : d.status === 'draft' ? 'warn' : 'neutral'}>{t(`declStatus.${d.status}` as MessageKey)}</Badge>
            </td>
            <td>{d.currentVersion ? `v${d.currentVersion}` : t('common.none')}</td>
            <td>
              {d.lastSubmittedAt && d.lastSubmittedVersion
                ? t('declarations.submittedVersion', { n: d.lastSubmittedVersion, at: dateTime(d.lastSubmittedAt) })
                : t('common.none')}
            </td>
            <td>
              {/* Staff read every declaration; a partner edits its own (others: the last submitted one, when there is one). */}
              {(!ownOrg || ownOrg === d.organizationId || d.lastSubmittedVersion) && (
                <Link to={`/projects/${projectId}/declarations/${d.organizationId}`} aria-label={`${t('declForm.open')} — ${orgName(d.organizationId)}`}>
                  {t('declForm.open')}
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FlagList({ flags, orgName, focused }: { flags: Flag[]; orgName: (id: string) => string; focused: string | undefined }) {
  const { t, lang, date, dateTime } = useI18n();
  if (flags.length === 0) return <p className="empty">{t('flags.empty')}</p>;
  return (
    <ul className="flag-list">
      {flags.map((f) => (
        <li key={f.id} id={`flag-${f.id}`} tabIndex={-1} className={`flag flag-${f.severity}${focused === f.id ? ' flag-focused' : ''}`}>
          <div className="flag-head">
            <Badge tone={severityTone(f.severity)}>{t(`severity.${f.severity}` as MessageKey)}</Badge>
            <h3>{f.title[lang]}</h3>
            <Badge tone={f.status === 'open' ? 'warn' : 'neutral'}>{t(`flagStatus.${f.status}` as MessageKey)}</Badge>
          </div>
          <p className="flag-explanation">{f.explanation[lang]}</p>
          <p className="muted small">
            {f.manual ? t('flags.manual') : t('flags.rule', { rule: f.ruleId, version: f.ruleVersion })}
            {f.subject.organizationId ? ` · ${orgName(f.subject.organizationId)}` : ''} · {t('flags.raised')} {date(f.createdAt)}
          </p>
          {f.waiver && <p className="small">{t('flags.waiver', { by: f.waiver.by, at: dateTime(f.waiver.at), justification: f.waiver.justification })}</p>}
        </li>
      ))}
    </ul>
  );
}

const STAGES = ['declarations', 'partner-approval', 'legal-review', 'lawyer-opinion', 'committee', 'agreement', 'signatures', 'signed'] as const;

function WorkflowView({ wf, orgName }: { wf: Workflow; orgName: (id: string) => string }) {
  const { t, date, dateTime } = useI18n();
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
      <div className="grid-2">
        <div>
          <h3>{t('workflow.pending')}</h3>
          {wf.pending.length === 0 ? (
            <p className="empty">{t('workflow.pendingEmpty')}</p>
          ) : (
            <ul className="pending-list">
              {wf.pending.map((s) => (
                <li key={s.stepId} className={s.dueDate < now ? 'row-overdue' : undefined}>
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
