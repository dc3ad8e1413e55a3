import { lazy, Suspense, useEffect, useRef } from 'react';
import { signOutOfCognito } from './auth/cognito';
import { runtimeConfig } from './auth/config';
import { CALLBACK_PATH } from './auth/oauth';
import { signOut, useSession, type Session } from './auth/session';
import { setLang, useI18n, type I18n, type MessageKey } from './i18n';
import { Link, navigate, useLocation } from './router';
import { findRoute } from './routes';
import { DashboardPage } from './pages/dashboard';
import { ProjectPage } from './pages/project/index';
import { AuthCallbackPage } from './pages/auth-callback';
import { SignInPage } from './pages/sign-in';

// The declaration form and react-jsonschema-form: a chunk of their own, loaded when the form is opened.
const DeclarationFormPage = lazy(() => import('./pages/declaration-form'));
// The versions of a declaration and their redline: a chunk of their own too.
const RedlinePage = lazy(() => import('./pages/redline/redline-page'));
// The exports page (legal staff only): its own chunk.
const ExportsPage = lazy(() => import('./pages/exports/index'));
// The organization page (control chain, control events and their form): a chunk of its own too.
const OrganizationPage = lazy(() => import('./pages/organization/index'));

/**
 * The page for a path (patterns in ./routes.ts). Paths mirror the links in Vigie's emails (shared/domain/mail,
 * reminders; test/unit/web-email-links.test.ts checks each of them against ROUTES).
 */
function route(path: string, session: Session, t: I18n['t']) {
  const r = findRoute(path);
  if (!r) return <NotFound />;
  const { id = '' } = r.params;
  switch (r.name) {
    case 'sign-in': // App renders the sign-in page before calling route(); signed in, it is the dashboard
    case 'dashboard':
    case 'tasks':
      return <DashboardPage session={session} />;
    case 'project':
      return <ProjectPage key={id} session={session} projectId={id} />;
    case 'project-workflow':
      return <ProjectPage key={id} session={session} projectId={id} focus={{ section: 'workflow' }} />;
    case 'project-step':
      return <ProjectPage key={id} session={session} projectId={id} focus={{ section: 'workflow', stepId: r.params.stepId! }} />;
    case 'project-flag':
      return <ProjectPage key={id} session={session} projectId={id} focus={{ section: 'flags', flagId: r.params.flagId! }} />;
    case 'project-agreements':
      return <ProjectPage key={id} session={session} projectId={id} focus={{ section: 'agreements' }} />;
    case 'project-publications':
      return <ProjectPage key={id} session={session} projectId={id} focus={{ section: 'publications' }} />;
    case 'project-publication':
      return <ProjectPage key={id} session={session} projectId={id} focus={{ section: 'publications', publicationId: r.params.publicationId! }} />;
    case 'project-control-review':
      return <ProjectPage key={id} session={session} projectId={id} focus={{ section: 'control-reviews', reviewId: r.params.reviewId! }} />;
    case 'declaration':
      return (
        <Suspense fallback={<Loading />}>
          <DeclarationFormPage key={`${id}/${r.params.orgId}`} session={session} projectId={id} orgId={r.params.orgId!} />
        </Suspense>
      );
    case 'declaration-versions':
      return (
        <Suspense fallback={<Loading />}>
          <RedlinePage key={`${id}/${r.params.orgId}`} session={session} projectId={id} orgId={r.params.orgId!} />
        </Suspense>
      );
    case 'exports':
    case 'export':
      if (session.user.role !== 'legal') return <Forbidden reason={t('exports.forbiddenText')} />;
      return (
        <Suspense fallback={<Loading />}>
          <ExportsPage session={session} jobId={r.name === 'export' ? id : undefined} />
        </Suspense>
      );
    case 'organization':
      return (
        <Suspense fallback={<Loading />}>
          <OrganizationPage key={r.params.orgId} session={session} orgId={r.params.orgId!} />
        </Suspense>
      );
    default: {
      const unhandled: never = r.name;
      return unhandled;
    }
  }
}

function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A page this role may not open (the API would answer 403): said plainly, with the way back. */
function Forbidden({ reason }: { reason: string }) {
  const { t } = useI18n();
  return (
    <div className="page-header">
      <h1>{t('exports.forbiddenTitle')}</h1>
      <p className="notice notice-warn" role="alert">
        {reason}
      </p>
      <Link to="/">{t('common.back')}</Link>
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <div className="page-header">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link to="/">{t('common.back')}</Link>
    </div>
  );
}

export function App() {
  const session = useSession();
  const location = useLocation();
  const { t, lang } = useI18n();
  const main = useRef<HTMLElement>(null);
  const path = location.pathname;
  const wasSignedIn = useRef(session !== null);

  // Signed out (or the token expired) on a protected page: to sign-in, then back here.
  useEffect(() => {
    if (!session && path !== '/sign-in' && path !== CALLBACK_PATH) {
      const expired = wasSignedIn.current;
      navigate(`/sign-in?next=${encodeURIComponent(path + location.search + location.hash)}${expired ? '&expired=1' : ''}`, { replace: true });
    }
    wasSignedIn.current = session !== null;
  }, [session, path, location.search, location.hash]);

  // A new page: its title, and focus on the main region for screen readers and keyboard users.
  useEffect(() => {
    document.title = `${t('app.name')}`;
    main.current?.focus({ preventScroll: true });
  }, [path, t]);

  const page =
    path === '/sign-in' ? (
      <SignInPage next={location.searchParams.get('next') ?? '/'} expired={location.searchParams.get('expired') === '1'} />
    ) : path === CALLBACK_PATH ? (
      <AuthCallbackPage search={location.search} />
    ) : session ? (
      route(path, session, t)
    ) : null;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
              <rect width="32" height="32" rx="6" fill="currentColor" />
              <path d="M8 9l8 15 8-15" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <span>
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <nav aria-label={t('nav.dashboard')} className="topbar-nav">
            {session && (
              <ul className="topbar-links">
                <li>
                  <Link to="/" aria-current={path === '/' || path === '/me/tasks' ? 'page' : undefined}>
                    {t('nav.dashboard')}
                  </Link>
                </li>
                {session.user.role === 'legal' && (
                  <li>
                    <Link to="/exports" aria-current={path.startsWith('/exports') ? 'page' : undefined}>
                      {t('exports.nav')}
                    </Link>
                  </li>
                )}
              </ul>
            )}
          </nav>
          <div className="topbar-tools">
            <button
              type="button"
              className="button button-ghost"
              lang={lang === 'fr' ? 'en' : 'fr'}
              aria-label={t('nav.switchToLabel')}
              onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}
            >
              {t('nav.switchTo')}
            </button>
            {session && (
              <>
                <span className="user" title={session.user.email}>
                  <span className="user-name">{session.user.name}</span>
                  <span className="user-role">{t(`role.${session.user.role}` as MessageKey)}</span>
                </span>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    wasSignedIn.current = false;
                    signOut();
                    // In AWS, Cognito's /logout ends the hosted UI's session too, then comes back to /sign-in.
                    if (runtimeConfig.auth === 'cognito') signOutOfCognito(runtimeConfig.cognito);
                    else navigate('/sign-in', { replace: true });
                  }}
                >
                  {t('nav.signOut')}
                </button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
