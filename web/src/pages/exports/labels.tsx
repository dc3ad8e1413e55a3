import type { Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { Badge, type Tone } from '../../ui';
import type { Status } from './model';

type Request = Schemas['CreateExportResponse']['request'];

/** Names of the projects and organizations a request may name (ids until they are loaded). */
export interface Names {
  project: (id: string) => string;
  org: (id: string) => string;
}

const TONES: Record<Status, Tone> = { queued: 'neutral', running: 'info', done: 'ok', failed: 'danger' };

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  return <Badge tone={TONES[status]}>{t(`exports.status.${status}` as MessageKey)}</Badge>;
}

/** A request in words: what, which scope, which period. */
export function useDescribe(names: Names) {
  const { t, date } = useI18n();
  return {
    kind: (r: Request) => t(`exports.kind.${r.kind}` as MessageKey),
    format: (r: Request) => t(`exports.format.${r.format}` as MessageKey),
    scope: (r: Request) =>
      [r.projectId ? names.project(r.projectId) : null, r.organizationId ? names.org(r.organizationId) : null].filter(Boolean).join(' · ') ||
      t('exports.wholePole'),
    period: (r: Request) =>
      r.from && r.to
        ? t('exports.periodFromTo', { from: date(r.from), to: date(r.to) })
        : r.from
          ? t('exports.periodFrom', { from: date(r.from) })
          : r.to
            ? t('exports.periodTo', { to: date(r.to) })
            : t('exports.periodAll'),
  };
}
