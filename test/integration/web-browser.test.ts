/**
 * The web app in a real browser: Debian's Chromium (playwright-core, headless, no sandbox, no GPU) against the
 * local server of `npm start` (API + web/dist on one origin) on the emulators of global setup, with the demo
 * data. Each page is checked with axe-core (no serious or critical violation) and saved as a screenshot under
 * test/artifacts/web/ (not committed) for a reviewer to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApiServer } from '../../infra/local/server';
import { loadDemoData, type DemoSummary } from '../../infra/local/demo-data';
import { WEB_DIST } from '../../infra/local/web-build';
import { tokenFor } from './helpers/api';

const CHROMIUM = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', 'artifacts', 'web');
const root = join(__dirname, '..', '..');

let server: Server;
let base: string;
let browser: Browser;
let demo: DemoSummary;
const cspViolations: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set VIGIE_CHROMIUM to its path.`);
  // A no-op when web/dist is up to date with web/'s sources.
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/web-build.ts'], { cwd: root, stdio: 'pipe' });
  mkdirSync(ARTIFACTS, { recursive: true });
  demo = await loadDemoData();
  // The workflow, so that the project page has a timeline and pending declarations.
  const legal = await tokenFor('legal', undefined, 'juriste@pole.example');
  server = createApiServer({
    devTokenSecret: process.env.DEV_TOKEN_SECRET!,
    webOrigin: 'http://127.0.0.1',
    web: { distDir: WEB_DIST, connectSrc: [process.env.AWS_ENDPOINT_URL_S3!] },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const wf = await fetch(`${base}/projects/${demo.projectId}/workflow`, {
    method: 'POST',
    headers: { authorization: `Bearer ${legal}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (wf.status !== 201 && wf.status !== 409) throw new Error(`POST workflow → ${wf.status}: ${await wf.text()}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
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

async function checkPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
}

describe('web app in Chromium', () => {
  it('legal staff sign in, see the serious flags and projects, and open the demo project', async () => {
    const page = await newPage();
    // The server's headers for the page: CSP without inline scripts, nosniff.
    const res = await page.goto(`${base}/`);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');

    // Not signed in: the sign-in page.
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole('button', { name: /Juriste du pôle/ }).waitFor();
    await page.getByRole('button', { name: /Alpinia AI SAS/ }).waitFor();
    await checkPage(page, '1-sign-in');

    await page.getByRole('button', { name: /Juriste du pôle/ }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.getByRole('heading', { name: 'Mes tâches' }).waitFor();
    const flags = page.locator('#open-flags');
    await flags.getByRole('link', { name: /contrôle étranger/ }).waitFor();
    await page.locator('#projects').getByRole('link', { name: demo.projectAcronym }).waitFor();
    // The token is kept for the tab only: sessionStorage, never localStorage.
    const storage = (await page.evaluate(`({ session: sessionStorage.getItem('vigie.session'), local: Object.keys(localStorage) })`)) as {
      session: string | null;
      local: string[];
    };
    expect(JSON.parse(storage.session!)).toMatchObject({ user: { role: 'legal', email: 'juriste@pole.example' } });
    expect(storage.local).toEqual([]);
    await checkPage(page, '2-dashboard-legal');

    await page.locator('#projects').getByRole('link', { name: demo.projectAcronym }).click();
    await page.waitForURL(`${base}/projects/${demo.projectId}`);
    await page
      .getByRole('heading', { name: new RegExp(demo.projectAcronym) })
      .first()
      .waitFor();
    await page.locator('#partners').getByText('Isère Semiconducteurs SA').waitFor();
    await page.locator('#partners').getByText('Coordinateur').waitFor();
    await page.locator('#declarations').getByText('Non commencée').first().waitFor();
    // The flag with its explanation, which cites the law.
    await page.locator('#flags').getByText(/CMF/).first().waitFor();
    await page.locator('#workflow').getByText('Circuit lancé').waitFor();
    await page
      .locator('#workflow')
      .getByText(/Déclarations attendues/)
      .waitFor();
    await checkPage(page, '3-project-legal');

    // English on request: the UI and the API's texts.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Partners' }).waitFor();
    await page.locator('#workflow').getByText('Workflow started').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await checkPage(page, '4-project-legal-en');
    await page.close();
  }, 120_000);

  it('a link from an email (/projects/{id}/workflow) opens the page, after sign-in when needed', async () => {
    const page = await newPage();
    await page.goto(`${base}/projects/${demo.projectId}/workflow`);
    await page.waitForURL(/\/sign-in\?next=%2Fprojects%2F/);
    const partner = demo.organizations[0]!;
    await page.getByRole('button', { name: new RegExp(partner.legalName) }).click();
    await page.waitForURL(`${base}/projects/${demo.projectId}/workflow`);
    await page.locator('#workflow').getByText('Circuit lancé').waitFor();
    // A partner sees no flags section (the API reserves flags to the staff).
    expect(await page.locator('#flags').count()).toBe(0);
    await checkPage(page, '5-project-partner');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await page.evaluate(`sessionStorage.getItem('vigie.session')`)).toBeNull();
    await page.close();
  }, 60_000);

  it('raised no CSP violation and no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
