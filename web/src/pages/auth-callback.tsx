import { useEffect, useState } from 'react';
import { completeSignIn, pendingNext, startSignIn } from '../auth/cognito';
import { runtimeConfig } from '../auth/config';
import { SignInError, type SignInFailure } from '../auth/oauth';
import { getSession } from '../auth/session';
import { useI18n, type MessageKey } from '../i18n';
import { Link, navigate } from '../router';

/** One exchange per callback URL, even if React runs the effect twice (StrictMode in development). */
const exchanges = new Map<string, ReturnType<typeof completeSignIn>>();

/**
 * `/auth/callback`: where Cognito's hosted UI sends the browser back with `?code&state`. Exchanges the code (PKCE)
 * and opens the page the user was going to; on failure says why and offers to start again.
 */
export function AuthCallbackPage({ search }: { search: string }) {
  const { t } = useI18n();
  const [failure, setFailure] = useState<{ reason: SignInFailure; detail: string }>();
  // Read before the exchange consumes the round trip: "try again" goes back to the same page.
  const [next] = useState(() => pendingNext() ?? '/');
  const config = runtimeConfig.auth === 'cognito' ? runtimeConfig.cognito : undefined;

  useEffect(() => {
    if (!config) return void navigate('/sign-in', { replace: true });
    // Already signed in (back button, a reload): nothing to exchange.
    if (getSession() && !exchanges.has(search)) return void navigate('/', { replace: true });
    let exchange = exchanges.get(search);
    if (!exchange) exchanges.set(search, (exchange = completeSignIn(config, search)));
    let live = true;
    exchange.then(
      (r) => live && navigate(r.next, { replace: true }),
      (e: unknown) => {
        if (!live) return;
        const reason = e instanceof SignInError ? e.reason : 'token';
        setFailure({ reason, detail: (e as Error).message });
      },
    );
    return () => {
      live = false;
    };
  }, [search, config]);

  if (!failure) {
    return (
      <div className="sign-in">
        <h1>{t('signIn.title')}</h1>
        <p className="muted" role="status">
          {t('cognito.completing')}
        </p>
      </div>
    );
  }
  return (
    <div className="sign-in">
      <h1>{t('cognito.failedTitle')}</h1>
      <div className="notice notice-error" role="alert">
        <p>{t(`cognito.error.${failure.reason}` as MessageKey)}</p>
        <p className="small">
          {t('cognito.errorDetail')} <code>{failure.detail}</code>
        </p>
      </div>
      <div className="cognito-actions">
        {config && (
          <button type="button" className="button cognito-primary" onClick={() => void startSignIn(config, next)}>
            {t('cognito.retry')}
          </button>
        )}
        <Link to="/sign-in">{t('cognito.backToSignIn')}</Link>
      </div>
    </div>
  );
}
