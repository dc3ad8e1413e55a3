import { useState } from 'react';
import { api, problemText, type Schemas } from '../api/client';
import { startSignIn } from '../auth/cognito';
import { runtimeConfig } from '../auth/config';
import type { CognitoConfig } from '../auth/runtime-config';
import { signIn } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { useQuery } from '../use-query';
import { Loaded } from '../ui';

type Role = Schemas['DevToken']['user']['role'];
type Org = Schemas['Organization'];

const STAFF: readonly Role[] = ['legal', 'committee', 'lawyer'];

/**
 * `/sign-in`: in AWS (config.json `auth: cognito`) a button to Cognito's hosted UI; locally, a demo user per role
 * through POST /dev/token (the local server only).
 */
export function SignInPage({ next, expired }: { next: string; expired: boolean }) {
  if (runtimeConfig.auth === 'cognito') return <CognitoSignIn config={runtimeConfig.cognito} next={next} expired={expired} />;
  if (runtimeConfig.auth === 'unavailable') return <ConfigUnavailable message={runtimeConfig.error} />;
  return <DevSignIn next={next} expired={expired} />;
}

/** /config.json could not be read: nothing can sign in. */
function ConfigUnavailable({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <div className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <div className="notice notice-error" role="alert">
        <p>{t('cognito.configError', { message })}</p>
      </div>
    </div>
  );
}

/** Sign-in with the pôle's Cognito account: the hosted UI (password + TOTP code), back at /auth/callback. */
function CognitoSignIn({ config, next, expired }: { config: CognitoConfig; next: string; expired: boolean }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const go = () => {
    setBusy(true);
    setError(undefined);
    startSignIn(config, next).catch((e: unknown) => {
      setBusy(false);
      setError((e as Error).message);
    });
  };
  return (
    <div className="sign-in">
      <h1>{t('signIn.title')}</h1>
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
      <section className="card cognito-sign-in" aria-labelledby="cognito-title">
        <h2 id="cognito-title">{t('cognito.accountTitle')}</h2>
        <p>{t('cognito.intro')}</p>
        <ol className="cognito-steps">
          <li>{t('cognito.step1')}</li>
          <li>{t('cognito.step2')}</li>
          <li>{t('cognito.step3')}</li>
        </ol>
        <button type="button" className="button cognito-primary" onClick={go} disabled={busy} aria-describedby="cognito-note">
          {busy ? t('cognito.redirecting') : t('cognito.signIn')}
        </button>
        <p id="cognito-note" className="muted small">
          {t('cognito.noAccount')}
        </p>
      </section>
    </div>
  );
}

/** Local sign-in: a demo user per role through POST /dev/token. */
function DevSignIn({ next, expired }: { next: string; expired: boolean }) {
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
