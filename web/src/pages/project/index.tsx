import { lazy, Suspense, useEffect } from 'react';
import { api, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { countryLabel } from '../../countries';
import { useI18n, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useQuery } from '../../use-query';
import { PAGE_MAX, readAll } from '../../read-all';
import { Badge, Loaded, Section } from '../../ui';
import { DeclarationTable } from './declarations-section';
import { FlagList } from './flags-section';
import { WorkflowView } from './workflow-section';

// Documents and agreements (uploads, hashing, forms): chunks of their own, loaded with the project page.
const AgreementsSection = lazy(() => import('./agreements-section').then((m) => ({ default: m.AgreementsSection })));
const DocumentsSection = lazy(() => import('./documents-section').then((m) => ({ default: m.DocumentsSection })));
const PublicationsSection = lazy(() => import('./publications-section').then((m) => ({ default: m.PublicationsSection })));
const ControlReviewsSection = lazy(() => import('./control-reviews-section').then((m) => ({ default: m.ControlReviewsSection })));

type ProjectView = Schemas['ProjectView'];

/**
 * A project, read-only: partners, declarations, flags (staff and lawyers), the workflow. Also the target of
 * the emails' links: `/projects/{id}/workflow`, `/projects/{id}/workflow/steps/{stepId}` (a reminder's task),
 * `/projects/{id}/flags/{flagId}`, `/projects/{id}/agreements`, `/projects/{id}/publications[/{publicationId}]` and
 * `/projects/{id}/control-reviews/{reviewId}` scroll to that part (docs/web.md).
 */
export function ProjectPage({
  session,
  projectId,
  focus,
}: {
  session: Session;
  projectId: string;
  focus?: {
    section: 'workflow' | 'flags' | 'agreements' | 'publications' | 'control-reviews';
    flagId?: string;
    stepId?: string;
    publicationId?: string;
    reviewId?: string;
  };
}) {
  const { t, lang, date } = useI18n();
  const project = useQuery(() => api.GET('/projects/{projectId}', { params: { path: { projectId } } }), [projectId]);
  const declarations = useQuery(
    () => readAll((cursor) => api.GET('/projects/{projectId}/declarations', { params: { path: { projectId }, query: { limit: PAGE_MAX, cursor } } })),
    [projectId],
  );
  const canSeeFlags = session.user.role !== 'partner';
  const flags = useQuery(
    () =>
      canSeeFlags
        ? readAll((cursor) => api.GET('/projects/{projectId}/flags', { params: { path: { projectId }, query: { limit: PAGE_MAX, cursor } } }))
        : Promise.resolve({ data: { items: [], nextCursor: null }, response: new Response() }),
    [projectId, canSeeFlags],
  );
  // No workflow yet answers 404: shown as "not started", not as an error.
  const workflow = useQuery(async () => {
    const r = await api.GET('/projects/{projectId}/workflow', { params: { path: { projectId } } });
    return r.response.status === 404 ? { data: null, response: new Response() } : r;
  }, [projectId]);

  // `/projects/{id}/workflow/steps/{stepId}` (a reminder's link, a task of the dashboard): that step, with its decision form.
  const focusStep = focus?.stepId ?? null;
  const ready = project.data && flags.data && workflow.data !== undefined;
  useEffect(() => {
    // Notices and reviews are focused by their own (lazy) sections once loaded.
    if (!ready || !focus || focus.publicationId || focus.reviewId) return;
    const step = focusStep ? document.getElementById(`step-${focusStep}`) : null;
    const el = step ?? document.getElementById(focus.flagId ? `flag-${focus.flagId}` : focus.section);
    el?.scrollIntoView({ block: 'start' });
    // A step with a decision form focuses its first choice itself.
    if (!step?.querySelector('form')) el?.focus({ preventScroll: true });
  }, [ready, focus?.section, focus?.flagId, focusStep]);

  // The partners' names come with the project (GET /projects/{id}): every member may know who its partners are.
  const names = new Map(project.data?.partners.map((m) => [m.organizationId, m.legalName]));
  const orgName = (id: string) => names.get(id) ?? id;
  const ownOrg = session.user.role === 'partner' ? session.user.organizationId : undefined;
  // A partner may open only its own organization's page; staff and the project's lawyers every partner's.
  const canOpenOrg = (id: string) => session.user.role !== 'partner' || id === ownOrg;

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
                <span>{t('project.funding', { scheme: t(`funding.${p.fundingScheme}` as MessageKey) })}</span>
                {p.lawyers?.length ? <span>{t('project.lawyers', { list: p.lawyers.map((l) => l.email).join(', ') })}</span> : null}
              </p>
              {p.summary && <p className="lead">{p.summary}</p>}
            </div>
            <div className="grid-2">
              <Section id="partners" title={t('project.partners')}>
                <div className="table-scroll">
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
                          <td>{canOpenOrg(m.organizationId) ? <Link to={`/organizations/${m.organizationId}`}>{m.legalName}</Link> : m.legalName}</td>
                          <td>{t(`partnerRole.${m.role}` as MessageKey)}</td>
                          <td>{m.country ? countryLabel(m.country, lang) : t('common.none')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
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
          <Loaded q={flags}>
            {(list) => (
              <FlagList
                projectId={projectId}
                flags={list.items}
                role={session.user.role}
                orgName={orgName}
                focused={focus?.flagId}
                // An action can lift a gate of the workflow: its view is read again.
                onChanged={workflow.reload}
              />
            )}
          </Loaded>
        </Section>
      )}
      <Section id="workflow" title={t('workflow.title')}>
        <Loaded q={workflow}>
          {(wf) =>
            wf ? (
              <WorkflowView
                wf={wf}
                orgName={orgName}
                projectId={projectId}
                session={session}
                flags={flags.data?.items}
                focusStep={focusStep}
                onDecided={() => {
                  workflow.reload();
                  // A new stage re-evaluates the project's flags.
                  if (canSeeFlags) flags.reload();
                }}
              />
            ) : (
              <p className="empty">{t('workflow.notStarted')}</p>
            )
          }
        </Loaded>
      </Section>
      <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
        <AgreementsSection
          session={session}
          projectId={projectId}
          workflow={workflow.data}
          onWorkflowChange={workflow.reload}
          orgName={orgName}
          focused={focus?.section === 'agreements'}
        />
        {session.user.role !== 'partner' && <ControlReviewsSection session={session} projectId={projectId} orgName={orgName} focused={focus?.reviewId} />}
        <PublicationsSection
          session={session}
          projectId={projectId}
          partners={project.data?.partners.map((m) => m.organizationId) ?? []}
          orgName={orgName}
          focused={focus?.publicationId}
        />
        <DocumentsSection session={session} projectId={projectId} partners={project.data?.partners.map((m) => m.organizationId) ?? []} orgName={orgName} />
      </Suspense>
    </>
  );
}
