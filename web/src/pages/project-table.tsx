import type { Schemas } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import { Badge } from '../ui';

type Project = Schemas['Project'];

/** Every workflow stage, and `rejected`: what `GET /projects?stage=` filters on. */
export const STAGE_FILTERS = [
  'declarations',
  'partner-approval',
  'legal-review',
  'lawyer-opinion',
  'committee',
  'agreement',
  'signatures',
  'signed',
  'rejected',
] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number];

/** A project's workflow stage and, when it matters, its status (rejected), never in colour alone. */
export function ProjectStage({ project: p }: { project: Pick<Project, 'stage' | 'status'> }) {
  const { t } = useI18n();
  const tone = p.status === 'rejected' ? 'danger' : p.status === 'signed' || p.status === 'approved' ? 'ok' : p.stage ? 'info' : 'neutral';
  return (
    <>
      <Badge tone={tone}>{p.stage ? t(`stage.${p.stage}` as MessageKey) : t('projects.notStarted')}</Badge>
      {p.status === 'rejected' && <> {t('projectStatus.rejected')}</>}
    </>
  );
}

/** A list of projects: acronym (link), title, workflow stage, period. */
export function ProjectTable({ projects, empty }: { projects: Project[]; empty: string }) {
  const { t, date } = useI18n();
  if (projects.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-scroll">
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
                <ProjectStage project={p} />
              </td>
              <td className="nowrap">
                {date(p.startDate)} – {date(p.endDate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Legal staff and committee: the projects at one stage, or all of them. */
export function StageFilterSelect({ value, onChange }: { value: StageFilter | ''; onChange: (v: StageFilter | '') => void }) {
  const { t } = useI18n();
  return (
    <div className="stage-filter">
      <label htmlFor="stage-filter">{t('projects.byStage')}</label>
      <select id="stage-filter" value={value} onChange={(e) => onChange(e.target.value as StageFilter | '')}>
        <option value="">{t('projects.allStages')}</option>
        {STAGE_FILTERS.map((s) => (
          <option key={s} value={s}>
            {s === 'rejected' ? t('projectStatus.rejected') : t(`stage.${s}` as MessageKey)}
          </option>
        ))}
      </select>
    </div>
  );
}
