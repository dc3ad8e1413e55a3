import type { Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { Badge, severityTone } from '../../ui';

type Flag = Schemas['Flag'];

/** The project's flags (staff and lawyers): severity, title, explanation, rule, waiver. */
export function FlagList({ flags, orgName, focused }: { flags: Flag[]; orgName: (id: string) => string; focused: string | undefined }) {
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
