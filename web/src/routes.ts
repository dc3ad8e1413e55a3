/**
 * The web app's pages by path: pure (no DOM, no React), so that a root jest test can check that every link of
 * Vigie's emails opens a page (test/unit/web-email-links.test.ts). app.tsx's `route()` renders the page of the
 * route `findRoute` returns; a route added here without a page there fails its type check (exhaustive switch).
 * Email links are API-looking paths (`/projects/{id}/flags/{flagId}`…): the server serves index.html on a
 * browser's page load of any path (docs/web.md).
 */
export const ROUTES = [
  { name: 'sign-in', pattern: '/sign-in' },
  { name: 'dashboard', pattern: '/' },
  { name: 'tasks', pattern: '/me/tasks' },
  { name: 'project', pattern: '/projects/:id' },
  { name: 'project-workflow', pattern: '/projects/:id/workflow' },
  { name: 'project-step', pattern: '/projects/:id/workflow/steps/:stepId' },
  { name: 'project-flag', pattern: '/projects/:id/flags/:flagId' },
  { name: 'project-agreements', pattern: '/projects/:id/agreements' },
  { name: 'project-publications', pattern: '/projects/:id/publications' },
  { name: 'project-publication', pattern: '/projects/:id/publications/:publicationId' },
  { name: 'project-control-review', pattern: '/projects/:id/control-reviews/:reviewId' },
  { name: 'declaration', pattern: '/projects/:id/declarations/:orgId' },
  { name: 'declaration-versions', pattern: '/projects/:id/declarations/:orgId/versions' },
  { name: 'exports', pattern: '/exports' },
  { name: 'export', pattern: '/exports/:id' },
  { name: 'organization', pattern: '/organizations/:orgId' },
] as const;

export type RouteName = (typeof ROUTES)[number]['name'];

/** Params of `pattern` (`/projects/:id`) in `path`, or null. A trailing slash is allowed. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const re = new RegExp(
    '^' +
      pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      }) +
      '/?$',
  );
  const m = re.exec(path);
  if (!m) return null;
  try {
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
  } catch {
    return null; // a malformed %-escape: no page
  }
}

/** The route of a path (without query or hash), or null when no page has it. */
export function findRoute(path: string): { name: RouteName; params: Record<string, string> } | null {
  for (const r of ROUTES) {
    const params = matchPath(r.pattern, path);
    if (params) return { name: r.name, params };
  }
  return null;
}
