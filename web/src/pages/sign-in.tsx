import { useState } from 'react';
import { api, problemText, type Schemas } from '../api/client';
import { signIn } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { useQuery } from '../use-query';
import { Loaded } from '../ui';

type Role = Schemas['DevToken']['user']['role'];
type Org = Schemas['Organization'];

const STAFF: readonly Role[] = ['legal', 'committee', 'lawyer'];

/**
 * Local sign-in: a demo user per role through POST /dev/token (the local server only). In AWS this page is
 * replaced by Cognito's hosted UI (docs/web.md, "Next").
 */
export function SignInPage({ next, expired }: { next: string; expired: boolean }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  // The partner organizations: listed with a legal token that is used for this call only, never kept.
  const orgs = useQuery(async () => {
    const legal = await api.POST('/dev/token', { body: { role: 'legal' } });
    if (!legal.data) return legal;
    return api.GET('/organizations', { params: { query: { limit: 100 } }, headers: { Authorization: `Bearer ${legal.data.token}` } });
  }, []);

  const choose = async (key: string, body: { role: Role; organizationId?: string }) => {
    setBusy(key);
    setError(undefined);
    const res = await api.POST('/dev/token', { body });
    setBusy(undefined);
    if (!res.data) return setError(problemText(res.error));
    signIn({ token: res.data.token, user: res.data.user, expiresAt: Date.now() + res.data.expiresIn * 1000 });
    navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };

  return (
    <div className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p className="muted">{t('signIn.intro')}</p>
      {expired && (
        <p className="notice notice-warn" role="status">
          {t('signIn.expired')}
        </p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {t('signIn.failed', { message: error })}
        </p>
      )}
      <section className="card" aria-labelledby="staff-title">
        <h2 id="staff-title">{t('signIn.staff')}</h2>
        <ul className="choice-list">
          {STAFF.map((role) => (
            <li key={role}>
              <button type="button" className="choice" disabled={busy !== undefined} onClick={() => void choose(role, { role })}>
                <span className="choice-title">{t(`role.${role}` as MessageKey)}</span>
                <span className="choice-action" aria-hidden="true">
                  →
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="partners-title">
        <h2 id="partners-title">{t('signIn.partners')}</h2>
        <p className="muted">{t('signIn.partnersHint')}</p>
        <Loaded q={orgs}>
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('signIn.noPartners')}</p>
            ) : (
              <ul className="choice-list">
                {page.items.map((o: Org) => (
                  <li key={o.id}>
                    <button
                      type="button"
                      className="choice"
                      disabled={busy !== undefined}
                      onClick={() => void choose(o.id, { role: 'partner', organizationId: o.id })}
                    >
                      <span className="choice-title">{o.legalName}</span>
                      <span className="choice-meta">
                        {t('role.partner')} · {o.country}
                      </span>
                      <span className="choice-action" aria-hidden="true">
                        →
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
    </div>
  );
}
