/**
 * The browser-test harness: the local server of `npm start` (API + web/dist on one origin) on the emulators of
 * global setup, with the demo data, and Debian's Chromium driven by playwright-core (headless, no sandbox, no
 * GPU). Every browser test file starts its own (`startWebApp()` in beforeAll, `close()` in afterAll); pages
 * are checked with axe-core and saved as screenshots under test/artifacts/web/ (not committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApiServer } from '../../../infra/local/server';
import { loadDemoData, type DemoSummary } from '../../../infra/local/demo-data';
import { WEB_DIST } from '../../../infra/local/web-build';
import type { WebAppOptions } from '../../../infra/local/web-static';
import type { Role } from '../../../shared/domain/access';

const CHROMIUM = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'artifacts', 'web');
const root = join(__dirname, '..', '..', '..');

export interface WebApp {
  /** The origin, e.g. http://127.0.0.1:41234. */
  base: string;
  demo: DemoSummary;
  browser: Browser;
  /** A 1280×900 French page; CSP violations and page errors are collected for `expectClean`. */
  newPage(opts?: { width?: number; height?: number; acceptDownloads?: boolean }): Promise<Page>;
  /** A full-page screenshot `test/artifacts/web/<name>.png`, then axe-core: 0 serious or critical violations. */
  checkPage(page: Page, name: string): Promise<void>;
  /**
   * Signs `page` in without the picker (for users the picker may not list, e.g. organizations created by the
   * test): a dev token put in sessionStorage as the app does, then `path` is opened.
   */
  signInAs(page: Page, user: { role: Role; organizationId?: string; email?: string }, path: string): Promise<void>;
  /** No CSP violation and no uncaught page error so far. */
  expectClean(): void;
  close(): Promise<void>;
}

/** `web`: more for the web app, e.g. a /config.json pointing at a fake IdP and its origin in connect-src (web-aws.test.ts). */
export async function startWebApp(opts: { web?: Pick<WebAppOptions, 'runtimeConfig' | 'connectSrc'> } = {}): Promise<WebApp> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set VIGIE_CHROMIUM to its path.`);
  // A no-op when web/dist is up to date with web/'s sources.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/web-build.ts'], { cwd: root, stdio: 'pipe' });
  mkdirSync(ARTIFACTS, { recursive: true });
  const demo = await demoData();
  const server: Server = createApiServer({
    devTokenSecret: process.env.DEV_TOKEN_SECRET!,
    webOrigin: 'http://127.0.0.1',
    web: { distDir: WEB_DIST, runtimeConfig: opts.web?.runtimeConfig, connectSrc: [process.env.AWS_ENDPOINT_URL_S3!, ...(opts.web?.connectSrc ?? [])] },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  return {
    base,
    demo,
    browser,
    async newPage(opts = {}) {
      const page = await browser.newPage({
        viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
        locale: 'fr-FR',
        acceptDownloads: opts.acceptDownloads ?? true,
      });
      page.on('console', (m) => {
        if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(m.text());
      });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    },
    async checkPage(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
    },
    async signInAs(page, user, path) {
      const res = await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
      // 201: the token is created.
      if (!res.ok) throw new Error(`POST /dev/token → ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { token: string; user: unknown; expiresIn: number };
      const session = { token: body.token, user: body.user, expiresAt: Date.now() + body.expiresIn * 1000 };
      await page.goto(`${base}/sign-in`);
      await page.evaluate(`sessionStorage.setItem('vigie.session', ${JSON.stringify(JSON.stringify(session))})`);
      await page.goto(`${base}${path}`);
    },
    expectClean() {
      expect(cspViolations).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * The demo data, once. Browser test files run in parallel (jest workers) on the same fresh table: both may find
 * no demo marker and start loading; the loser fails on its first write (the staff directory is create-only)
 * and waits here until the winner has written the marker.
 */
async function demoData(): Promise<DemoSummary> {
  try {
    return await loadDemoData();
  } catch (e) {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      try {
        return await loadDemoData();
      } catch {
        /* still being loaded by the other file */
      }
    }
    throw e;
  }
}

/** axe-core in the page (evaluated over CDP: the page's CSP allows no inline script): serious and critical violations. */
async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  // A string expression: the root tsconfig has no DOM types.
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) })))`)) as {
    id: string;
    impact: string;
    targets: string[];
  }[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}
