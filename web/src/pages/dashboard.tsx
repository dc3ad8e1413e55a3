import { api, type Schemas } from '../api/client';
import type { Session } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { useQuery } from '../use-query';
import { Badge, Loaded, Section, severityTone, today } from '../ui';
import { RecentControlEvents } from './recent-control-events';

type Task = Schemas['Task'];
type Flag = Schemas['Flag'];
type Project = Schemas['Project'];

const PROJECT_STATUSES = ['draft', 'declarations', 'review', 'approved', 'signed', 'rejected'] as const;

/** The home page: my tasks for everyone; for the pôle's staff also the serious open flags and every project. */
export function DashboardPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const staff = session.user.role === 'legal' || session.user.role === 'committee';
  // The 100 soonest due (the list is paginated); the table says when there are more.
  const tasks = useQuery(() => api.GET('/me/tasks', { params: { query: { limit: 100 } } }), []);
  const projects = useQuery(() => api.GET('/projects', { params: { query: { limit: 100 } } }), []);
  const flags = useQuery(
    () => (staff ? api.GET('/flags', { params: { query: { severity: 'high,critical' } } }) : Promise.resolve({ data: undefined, response: new Response() })),
    [staff],
  );
  const acronyms = new Map((projects.data?.items ?? []).map((p) => [p.id, p.acronym]));

  return (
    <>
      <div className="page-header">
        <h1>{t('dashboard.title')}</h1>
        <p className="muted">{t('dashboard.greeting', { name: session.user.name })}</p>
      </div>
      <Section id="tasks" title={t('tasks.title')}>
        <Loaded q={tasks}>{(list) => <TaskTable tasks={list.items} more={list.nextCursor !== null} />}</Loaded>
      </Section>
      {staff && (
        <Section id="open-flags" title={t('flags.openTitle')}>
          <Loaded q={flags}>{(page) => (page ? <OpenFlagTable flags={page.items} acronyms={acronyms} /> : null)}</Loaded>
        </Section>
      )}
      {staff && <RecentControlEvents />}
      <Section id="projects" title={t('projects.title')}>
        <Loaded q={projects}>{(page) => <ProjectTable projects={page.items} />}</Loaded>
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
                  <Link to={`/projects/${task.projectId}/workflow/steps/${encodeURIComponent(task.stepId)}`}>
                    <strong>{task.projectAcronym}</strong>
                  </Link>
                  <div className="muted small">{task.projectTitle}</div>
                </td>
                <td>{t(`stepKind.${task.kind}` as MessageKey)}</td>
                <td>{date(task.openedAt)}</td>
                <td>
                  <span className={overdue ? 'text-danger' : undefined}>{date(task.dueDate)}</span>{' '}
                  {overdue ? <Badge tone="danger">{t('tasks.overdue')}</Badge> : task.dueDate === now ? <Badge tone="warn">{t('tasks.dueToday')}</Badge> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function OpenFlagTable({ flags, acronyms }: { flags: Flag[]; acronyms: Map<string, string> }) {
  const { t, lang, date } = useI18n();
  if (flags.length === 0) return <p className="empty">{t('flags.openEmpty')}</p>;
  return (
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
              <Link to={`/projects/${f.projectId}`}>{acronyms.get(f.projectId) ?? f.projectId}</Link>
            </td>
            <td>{date(f.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProjectTable({ projects }: { projects: Project[] }) {
  const { t, date } = useI18n();
  if (projects.length === 0) return <p className="empty">{t('projects.empty')}</p>;
  const counts = PROJECT_STATUSES.map((s) => [s, projects.filter((p) => p.status === s).length] as const).filter(([, n]) => n > 0);
  return (
    <>
      <ul className="stage-counts" aria-label={t('projects.byStage')}>
        {counts.map(([s, n]) => (
          <li key={s}>
            <span className="stage-count">{n}</span> {t(`projectStatus.${s}` as MessageKey)}
          </li>
        ))}
      </ul>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('projects.acronym')}</th>
            <th scope="col">{t('projects.name')}</th>
            <th scope="col">{t('projects.stage')}</th>
            <th scope="col">{t('projects.period')}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/projects/${p.id}`}>
                  <strong>{p.acronym}</strong>
                </Link>
              </td>
              <td>{p.title}</td>
              <td>
                <Badge tone={p.status === 'rejected' ? 'danger' : p.status === 'signed' || p.status === 'approved' ? 'ok' : 'info'}>
                  {t(`projectStatus.${p.status}` as MessageKey)}
                </Badge>
              </td>
              <td className="nowrap">
                {date(p.startDate)} – {date(p.endDate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
