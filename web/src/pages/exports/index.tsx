import { useState } from 'react';
import { api, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { useI18n, type MessageKey } from '../../i18n';
import { navigate } from '../../router';
import { useQuery } from '../../use-query';
import { PAGE_MAX, readAll } from '../../read-all';
import { Section } from '../../ui';
import { ExportForm } from './export-form';
import { ExportJobPanel } from './job-panel';
import { ExportList } from './export-list';
import { KINDS } from './model';

type Job = Schemas['CreateExportResponse'];

/**
 * Compliance exports (legal staff only; docs/exports.md, docs/web.md): a form for `POST /exports`, the job's
 * progress then its file (`/exports/{id}`, so that a reload or a colleague's link shows the same job), and
 * the caller's previous exports. A lazily loaded chunk.
 */
export default function ExportsPage({ jobId }: { session: Session; jobId?: string }) {
  const { t } = useI18n();
  // The job the form just created: shown at once (queued), before the first poll.
  const [created, setCreated] = useState<Job>();
  const [listTick, setListTick] = useState(0);
  const projects = useQuery(() => readAll((cursor) => api.GET('/projects', { params: { query: { limit: PAGE_MAX, cursor } } })), []);
  const orgs = useQuery(() => readAll((cursor) => api.GET('/organizations', { params: { query: { limit: PAGE_MAX, cursor } } })), []);
  const names = {
    project: (id: string) => projects.data?.items.find((p) => p.id === id)?.acronym ?? id,
    org: (id: string) => orgs.data?.items.find((o) => o.id === id)?.legalName ?? id,
  };

  return (
    <div className="exports">
      <div className="page-header">
        <h1>{t('exports.title')}</h1>
        <p className="lead muted">{t('exports.lead')}</p>
      </div>
      {jobId && (
        <ExportJobPanel
          key={jobId}
          jobId={jobId}
          initial={created?.id === jobId ? created : undefined}
          names={names}
          onSettled={() => setListTick((n) => n + 1)}
        />
      )}
      <div className="exports-grid">
        <Section id="new-export" title={t('exports.newTitle')}>
          <ExportForm
            projects={projects.data?.items ?? []}
            organizations={orgs.data?.items ?? []}
            onCreated={(job) => {
              setCreated(job);
              setListTick((n) => n + 1);
              navigate(`/exports/${job.id}`);
            }}
          />
        </Section>
        <Section id="export-help" title={t('exports.helpTitle')}>
          <ExportHelp />
        </Section>
      </div>
      <Section id="my-exports" title={t('exports.listTitle')}>
        <ExportList tick={listTick} currentId={jobId} names={names} />
      </Section>
    </div>
  );
}

/** What each kind holds and who it is for; how the formats open. */
function ExportHelp() {
  const { t } = useI18n();
  return (
    <>
      <dl className="exports-kinds">
        {KINDS.map((k) => (
          <div key={k}>
            <dt>{t(`exports.kind.${k}` as MessageKey)}</dt>
            <dd>{t(`exports.kindHelp.${k}` as MessageKey)}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('exports.formatsTitle')}</h3>
      <ul className="exports-formats">
        <li>{t('exports.formatHelp.csv')}</li>
        <li>{t('exports.formatHelp.xlsx')}</li>
        <li>{t('exports.formatHelp.jsonl')}</li>
        <li>{t('exports.formatHelp.pdf')}</li>
      </ul>
    </>
  );
}
