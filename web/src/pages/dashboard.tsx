import { useState } from 'react';
import { api, type Schemas } from '../api/client';
import type { Session } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { MoreButton, usePaged } from '../use-paged';
import { Badge, Loaded, Section, severityTone, today } from '../ui';
import { ProjectTable, StageFilterSelect, type StageFilter } from './project-table';
import { RecentControlEvents } from './recent-control-events';

type Task = Schemas['Task'];
type OpenFlag = NonNullable<Awaited<ReturnType<typeof fetchOpenFlags>>['data']>['items'][number];

const fetchOpenFlags = (cursor?: string) => api.GET('/flags', { params: { query: { severity: 'high,critical', limit: 25, cursor } } });

/** The home page: my tasks for everyone; for the pôle's staff also the serious open flags and every project. */
export function DashboardPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const staff = session.user.role === 'legal' || session.user.role === 'committee';
  // Soonest due first, 50 at a time ("Afficher plus" reads the next page).
  const tasks = usePaged((cursor) => api.GET('/me/tasks', { params: { query: { limit: 50, cursor } } }), []);
  // Staff may narrow the projects to one workflow stage. The most recently changed first, 100 at a time.
  const [stage, setStage] = useState<StageFilter | ''>('');
  const projects = usePaged((cursor) => api.GET('/projects', { params: { query: { limit: 100, cursor, ...(stage ? { stage } : {}) } } }), [stage]);
  // Critical first, then high, the most recent first; 25 at a time.
  const flags = usePaged<OpenFlag>(
    (cursor) => (staff ? fetchOpenFlags(cursor) : Promise.resolve({ data: { items: [], nextCursor: null }, response: new Response() })),
    [staff],
  );

  return (
    <>
      <div className="page-header">
        <h1>{t('dashboard.title')}</h1>
        <p className="muted">{t('dashboard.greeting', { name: session.user.name })}</p>
      </div>
      <Section id="tasks" title={t('tasks.title')}>
        <Loaded q={tasks.first}>
          {() => (
            <>
              <TaskTable tasks={tasks.items} more={tasks.cursor !== null} />
              <MoreButton paged={tasks} />
            </>
          )}
        </Loaded>
      </Section>
      {staff && (
        <Section id="open-flags" title={t('flags.openTitle')}>
          <Loaded q={flags.first}>
            {() => (
              <>
                <OpenFlagTable flags={flags.items} />
                <MoreButton paged={flags} />
              </>
            )}
          </Loaded>
        </Section>
      )}
      {staff && <RecentControlEvents />}
      <Section id="projects" title={t('projects.title')}>
        {staff && <StageFilterSelect value={stage} onChange={setStage} />}
        <Loaded q={projects.first}>
          {() => (
            <>
              <ProjectTable projects={projects.items} empty={t(stage ? 'projects.emptyAtStage' : 'projects.empty')} />
              <MoreButton paged={projects} />
            </>
          )}
        </Loaded>
      </Section>
    </>
  );
}

function TaskTable({ tasks, more }: { tasks: Task[]; more: boolean }) {
  const { t, date } = useI18n();
  if (tasks.length === 0) return <p className="empty">{t('tasks.empty')}</p>;
  const now = today();
  const late = tasks.filter((x) => x.dueDate < now).length;
  return (
    <>
      <p className="summary">{t(more ? 'tasks.countMore' : 'tasks.count', { n: tasks.length, late })}</p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('tasks.project')}</th>
              <th scope="col">{t('tasks.step')}</th>
              <th scope="col">{t('tasks.opened')}</th>
              <th scope="col">{t('tasks.due')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => {
              const overdue = task.dueDate < now;
              return (
                <tr key={task.stepId} className={overdue ? 'row-overdue' : undefined}>
                  <td>
                    {/* The step on the project page, with its decision form. */}
                    <Link
                      to={
                        task.publicationId
                          ? `/projects/${task.projectId}/publications/${task.publicationId}`
                          : task.controlReviewId
                            ? `/projects/${task.projectId}/control-reviews/${task.controlReviewId}`
                            : `/projects/${task.projectId}/workflow/steps/${encodeURIComponent(task.stepId)}`
                      }
                    >
                      <strong>{task.projectAcronym}</strong>
                    </Link>
                    <div className="muted small">{task.projectTitle}</div>
                  </td>
                  <td>
                    {t(`stepKind.${task.kind}` as MessageKey)}
                    {task.controlReview && (
                      <div className="muted small">
                        {task.controlReview.operationOnName
                          ? t('tasks.controlReviewVia', { partners: task.controlReview.partnerNames.join(', '), on: task.controlReview.operationOnName })
                          : t('tasks.controlReviewOf', { partners: task.controlReview.partnerNames.join(', ') })}
                      </div>
                    )}
                  </td>
                  <td>{date(task.openedAt)}</td>
                  <td>
                    <span className={overdue ? 'text-danger' : undefined}>{date(task.dueDate)}</span>{' '}
                    {overdue ? (
                      <Badge tone="danger">{t('tasks.overdue')}</Badge>
                    ) : task.dueDate === now ? (
                      <Badge tone="warn">{t('tasks.dueToday')}</Badge>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function OpenFlagTable({ flags }: { flags: OpenFlag[] }) {
  const { t, lang, date } = useI18n();
  if (flags.length === 0) return <p className="empty">{t('flags.openEmpty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('flags.severity')}</th>
            <th scope="col">{t('flags.flag')}</th>
            <th scope="col">{t('flags.project')}</th>
            <th scope="col">{t('flags.raised')}</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((f) => (
            <tr key={f.id}>
              <td>
                <Badge tone={severityTone(f.severity)}>{t(`severity.${f.severity}` as MessageKey)}</Badge>
              </td>
              <td>
                <Link to={`/projects/${f.projectId}/flags/${f.id}`}>{f.title[lang]}</Link>
              </td>
              <td>
                <Link to={`/projects/${f.projectId}`}>{f.projectAcronym ?? f.projectId}</Link>
              </td>
              <td>{date(f.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
