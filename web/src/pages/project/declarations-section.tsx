import type { Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { Badge } from '../../ui';

type DeclarationStatus = Schemas['DeclarationStatus'];

/** The project's declarations: status, version, last submission, a link to each form. */
export function DeclarationTable({
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
    <div className="table-scroll">
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
              <td className="review-decl-links">
                {/* Staff read every declaration; a partner edits its own (others: the last submitted one, when there is one). */}
                {(!ownOrg || ownOrg === d.organizationId || d.lastSubmittedVersion) && (
                  <Link to={`/projects/${projectId}/declarations/${d.organizationId}`} aria-label={`${t('declForm.open')} — ${orgName(d.organizationId)}`}>
                    {t('declForm.open')}
                  </Link>
                )}
                {/* Versions and redline: wherever there is a version this user may read. */}
                {(d.currentVersion ?? d.lastSubmittedVersion) && (
                  <>
                    {' '}
                    <Link
                      to={`/projects/${projectId}/declarations/${d.organizationId}/versions`}
                      aria-label={t('review.versions.linkLabel', { org: orgName(d.organizationId) })}
                    >
                      {t('review.versions.link')}
                    </Link>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
