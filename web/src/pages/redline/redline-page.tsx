import { useMemo, type ReactNode } from 'react';
import { api, type Schemas } from '../../api/client';
import type { Session } from '../../auth/session';
import { useI18n, type MessageKey } from '../../i18n';
import { Link, navigate, useLocation } from '../../router';
import { useQuery } from '../../use-query';
import { PAGE_MAX, readAll } from '../../read-all';
import { Badge, Loaded, Section } from '../../ui';
import { groupRedline, type Entry, type Field, type Json } from './redline-model';

type Version = Schemas['DeclarationVersionSummary'];

/**
 * `/projects/{id}/declarations/{orgId}/versions?from=&to=`: the versions of a partner's declaration (who saved
 * each, when, which were submitted) and the redline between two of them (`GET …/diff`), with the form's labels.
 * Additions are `<ins>` (green, underlined, "+ Ajouté"), removals `<del>` (red, struck, "− Supprimé"), changes
 * old → new: never colour alone. A chunk of its own (app.tsx).
 */
export default function RedlinePage({ projectId, orgId }: { session: Session; projectId: string; orgId: string }) {
  const { t, lang, date, dateTime } = useI18n();
  const location = useLocation();
  const project = useQuery(() => api.GET('/projects/{projectId}', { params: { path: { projectId } } }), [projectId]);
  const versions = useQuery(
    () =>
      readAll((cursor) =>
        api.GET('/projects/{projectId}/declarations/{orgId}/versions', { params: { path: { projectId, orgId }, query: { limit: PAGE_MAX, cursor } } }),
      ),
    [projectId, orgId],
  );
  const form = useQuery(() => api.GET('/forms/{formId}', { params: { path: { formId: 'declaration' }, query: { lang } } }), [lang]);

  const list = versions.data?.items ?? [];
  const numbers = list.map((v) => v.version).sort((a, b) => a - b);
  const param = (k: string) => {
    const n = Number(location.searchParams.get(k));
    return Number.isInteger(n) && numbers.includes(n) ? n : undefined;
  };
  const to = param('to') ?? numbers.at(-1);
  const from = param('from') ?? (numbers.length > 1 ? numbers.at(-2) : undefined);
  const pick = (next: { from?: number; to?: number }) => {
    const f = next.from ?? from;
    const tt = next.to ?? to;
    navigate(`${location.pathname}?from=${f ?? ''}&to=${tt ?? ''}`, { replace: true });
  };
  // The partners' names come with the project (a partner may not read the other organizations: 404).
  const orgName = (id: string) => project.data?.partners.find((p) => p.organizationId === id)?.legalName ?? id;
  const who = (a: Version['savedBy']) => [a.email ?? null, t(`role.${a.role}` as MessageKey), a.org ? orgName(a.org) : null].filter(Boolean).join(' · ');

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/projects/${projectId}`}>← {project.data ? project.data.acronym : t('review.redline.backProject')}</Link>
      </p>
      <div className="page-header">
        <h1>
          {t('review.versions.title')} <span className="title-secondary">— {orgName(orgId)}</span>
        </h1>
        <p className="meta-line">
          {project.data && <span>{t('review.versions.project', { acronym: project.data.acronym, title: project.data.title })}</span>}
          <Link to={`/projects/${projectId}/declarations/${orgId}`}>{t('review.versions.openForm')}</Link>
        </p>
      </div>
      <Section id="versions" title={t('review.versions.list')}>
        <Loaded q={versions}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="empty">{t('review.versions.empty')}</p>
            ) : (
              <div className="table-scroll">
                <table className="table review-versions">
                  <caption className="visually-hidden">{t('review.versions.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('review.versions.from')}</th>
                      <th scope="col">{t('review.versions.to')}</th>
                      <th scope="col">{t('review.versions.version')}</th>
                      <th scope="col">{t('review.versions.savedAt')}</th>
                      <th scope="col">{t('review.versions.savedBy')}</th>
                      <th scope="col">{t('review.versions.submission')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...page.items]
                      .sort((a, b) => b.version - a.version)
                      .map((v) => (
                        <tr key={v.version} className={v.version === from || v.version === to ? 'review-selected' : undefined}>
                          <td>
                            <input
                              type="radio"
                              name="redline-from"
                              checked={from === v.version}
                              onChange={() => pick({ from: v.version })}
                              aria-label={t('review.versions.fromLabel', { n: v.version })}
                            />
                          </td>
                          <td>
                            <input
                              type="radio"
                              name="redline-to"
                              checked={to === v.version}
                              onChange={() => pick({ to: v.version })}
                              aria-label={t('review.versions.toLabel', { n: v.version })}
                            />
                          </td>
                          <th scope="row">v{v.version}</th>
                          <td>{dateTime(v.savedAt)}</td>
                          <td>{who(v.savedBy)}</td>
                          <td>
                            {v.submitted && v.submittedAt ? (
                              <Badge tone="ok">{t('review.versions.submittedAt', { at: dateTime(v.submittedAt) })}</Badge>
                            ) : (
                              <Badge tone="neutral">{t('review.versions.draft')}</Badge>
                            )}
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </Section>
      {versions.data &&
        (from === undefined || to === undefined ? (
          <p className="empty">{t('review.versions.one')}</p>
        ) : from === to ? (
          <p className="notice notice-info">{t('review.redline.pickTwo')}</p>
        ) : (
          <Redline
            key={`${from}-${to}-${lang}`}
            projectId={projectId}
            orgId={orgId}
            from={from}
            to={to}
            ui={form.data?.uiSchema as Json | undefined}
            orgName={orgName}
            date={date}
          />
        ))}
    </>
  );
}

function Redline({
  projectId,
  orgId,
  from,
  to,
  ui,
  orgName,
  date,
}: {
  projectId: string;
  orgId: string;
  from: number;
  to: number;
  ui: Json | undefined;
  orgName: (id: string) => string;
  date: (iso: string) => string;
}) {
  const { t } = useI18n();
  const diff = useQuery(
    () => api.GET('/projects/{projectId}/declarations/{orgId}/diff', { params: { path: { projectId, orgId }, query: { from, to } } }),
    [projectId, orgId, from, to],
  );
  // Both contents, to name keyed items by their title.
  const contents = useQuery(async () => {
    const get = (n: number) =>
      api.GET('/projects/{projectId}/declarations/{orgId}/versions/{n}', { params: { path: { projectId, orgId, n } } }).then((r) => r.data?.content);
    return { data: await Promise.all([get(from), get(to)]), response: new Response() };
  }, [projectId, orgId, from, to]);
  const groups = useMemo(
    () =>
      diff.data && ui
        ? groupRedline(
            diff.data,
            { ui, orgName, contents: contents.data ?? [] },
            { orgName, date, yes: t('review.yes'), no: t('review.no'), empty: t('review.redline.emptyValue') },
          )
        : undefined,
    [diff.data, ui, contents.data, orgName, date, t],
  );
  return (
    <Section id="redline" title={t('review.redline.title', { from, to })}>
      <Loaded q={diff}>
        {(r) => (
          <>
            <p className="summary" role="status">
              {r.added.length + r.removed.length + r.changed.length === 0
                ? t('review.redline.same')
                : t('review.redline.summary', { added: r.added.length, removed: r.removed.length, changed: r.changed.length })}
            </p>
            <p className="review-legend small">
              <span className="visually-hidden">{t('review.redline.legend')} </span>
              <span>
                <span className="redline-tag redline-tag-added">+ {t('review.redline.added')}</span> <ins>{t('review.redline.legendAdded')}</ins>
              </span>
              <span>
                <span className="redline-tag redline-tag-removed">− {t('review.redline.removed')}</span> <del>{t('review.redline.legendRemoved')}</del>
              </span>
              <span>
                <span className="redline-tag redline-tag-changed">~ {t('review.redline.changed')}</span> <del>{t('review.redline.legendOld')}</del> →{' '}
                <ins>{t('review.redline.legendNew')}</ins>
              </span>
            </p>
            {groups ? (
              groups.map((g) => (
                <div key={g.section} className="redline-group">
                  <h3>{g.title}</h3>
                  <ul className="redline-list">
                    {g.entries.map((e) => (
                      <RedlineEntry key={`${e.kind}:${e.path}`} entry={e} section={g.title} />
                    ))}
                  </ul>
                </div>
              ))
            ) : (
              <p className="muted" role="status">
                {t('common.loading')}
              </p>
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
}

function Value({ v }: { v: Field[] | string }): ReactNode {
  if (typeof v === 'string') return v;
  return (
    <dl className="redline-fields">
      {v.map((f, i) => (
        <div key={`${f.label}-${i}`}>
          <dt>{f.label}</dt>
          <dd>{f.fields ? <Value v={f.fields} /> : f.text}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `<ins>`/`<del>` around a value; a whole item (its fields) as a block. */
function Mark({ kind, v, prefix }: { kind: 'ins' | 'del'; v: Field[] | string; prefix?: string }) {
  const Tag = kind;
  return (
    <Tag className={typeof v === 'string' ? undefined : 'redline-block'}>
      {prefix && <span className="visually-hidden">{prefix} </span>}
      <Value v={v} />
    </Tag>
  );
}

function RedlineEntry({ entry: e, section }: { entry: Entry; section: string }) {
  const { t } = useI18n();
  // The section's own name is the group's heading: not repeated on each entry.
  const labels = e.labels.length > 1 && e.labels[0] === section ? e.labels.slice(1) : e.labels;
  const label = (
    <div className="redline-label">
      {labels.map((l, i) => (
        <span key={i}>
          {i > 0 && <span aria-hidden="true"> › </span>}
          {i > 0 && <span className="visually-hidden">, </span>}
          {l}
        </span>
      ))}
    </div>
  );
  if (e.kind === 'changed')
    return (
      <li className="redline-entry redline-changed">
        {label}
        <div className="redline-value">
          <span className="redline-tag redline-tag-changed">~ {t('review.redline.changed')}</span>{' '}
          <Mark kind="del" v={e.from} prefix={t('review.redline.oldValue')} />{' '}
          <span aria-hidden="true" className="redline-arrow">
            →
          </span>{' '}
          <Mark kind="ins" v={e.to} prefix={t('review.redline.newValue')} />
        </div>
      </li>
    );
  const added = e.kind === 'added';
  return (
    <li className={`redline-entry redline-${e.kind}`}>
      {label}
      <div className="redline-value">
        <span className={`redline-tag redline-tag-${e.kind}`}>{added ? `+ ${t('review.redline.added')}` : `− ${t('review.redline.removed')}`}</span>{' '}
        <Mark kind={added ? 'ins' : 'del'} v={e.value} />
      </div>
    </li>
  );
}
