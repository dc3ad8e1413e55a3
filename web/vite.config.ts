import { defineConfig } from 'vite';

/**
 * The web app's build (`npm start` runs it when web/ changed, infra/local/web-build.ts). Vite 8 transforms
 * TSX with Oxc (React's automatic JSX runtime); no plugin is needed for a production build.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under /assets/: served with a one-year immutable cache.
    assetsDir: 'assets',
    sourcemap: false,
    // No inline <script> or data: modules: the CSP allows 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      // @rjsf marks its hooks 'use client' (a React Server Components hint): meaningless in this client-only
      // bundle, and its warnings buried `npm start`'s output.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    // `npx vite web` for UI work against `npm start` on :3000.
    proxy: Object.fromEntries(
      ['/dev', '/me', '/flags', '/projects', '/organizations', '/forms', '/documents', '/exports', '/staff', '/openapi.json'].map((p) => [
        p,
        'http://127.0.0.1:3000',
      ]),
    ),
  },
});
