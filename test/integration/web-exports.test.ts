/**
 * The exports page and the email links in Chromium (harness: helpers/web.ts). Legal staff open the exports
 * page from the navigation, have a register refused at the field (the period ends before it starts), fix it,
 * follow the job to its end and download the CSV from the S3 emulator (bytes and SHA-256 checked), then an
 * XLSX and an `all` zip with its per-kind progress; a partner has no link and gets a "not allowed" page. A link
 * of a real reminder email (the reminders job, read back from the SES sink) opened signed out lands, after
 * sign-in, on the task. Screenshots test/artifacts/web/exports-*.png, axe on every page.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { runReminders } from '../../functions/jobs/send-reminders';
import { addCalendarDays } from '../../shared/domain/calendar';
import { digestEmail } from '../../shared/domain/reminders';
import { EXPORT_COLUMNS } from '../../shared/domain/exports/columns';
import { MESSAGES } from '../../shared/domain/i18n/catalog';
import { sentMail, startApi, tokenFor, type Api } from './helpers/api';
import { consortium, decide, submitDeclaration, type Consortium } from './helpers/consortium';
import { startWebApp, type WebApp } from './helpers/web';

let web: WebApp;
let api: Api;
let legal: string;
let c: Consortium;
const LEGAL_EMAIL = 'juriste@pole.example';

beforeAll(async () => {
  web = await startWebApp();
  api = await startApi();
  legal = await tokenFor('legal', undefined, LEGAL_EMAIL);
  // Our own project: two partners whose declarations are submitted (rows for the registers).
  c = await consortium(api, legal, 'WEBEXP', 2);
  for (let i = 0; i < 2; i++) await submitDeclaration(api, c, i);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await web?.close();
});

const today = () => new Date().toISOString().slice(0, 10);

/** Downloads the job panel's file: the link is a plain navigation to the presigned S3 URL. */
async function downloadFile(page: Page): Promise<{ bytes: Buffer; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-job').getByRole('link', { name: 'Télécharger' }).click()]);
  expect(await download.failure()).toBeNull();
  return { bytes: readFileSync((await download.path())!), name: download.suggestedFilename() };
}

/** Starts an export from the form as it stands and waits for the job to be done. */
async function runExport(page: Page): Promise<void> {
  const before = page.url();
  await page.getByRole('button', { name: 'Lancer l’export' }).click();
  await page.waitForURL((u) => /^\/exports\/exp_[0-9a-f]{32}$/.test(u.pathname) && u.href !== before);
  await page.locator('#export-job').getByRole('heading', { name: 'Export prêt' }).waitFor({ timeout: 30_000 });
}

describe('exports page', () => {
  it('legal staff export a register as CSV: an error at the field, the progress, the download and its SHA-256', async () => {
    const page = await web.newPage();
    await web.signInAs(page, { role: 'legal', email: LEGAL_EMAIL }, '/');
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.locator('.topbar').getByRole('link', { name: 'Exports' }).click();
    await page.waitForURL(`${web.base}/exports`);
    await page.getByRole('heading', { name: 'Exports de conformité', level: 1 }).waitFor();
    // The help says who each kind is for, and that the CSV opens in French Excel.
    await page
      .locator('#export-help')
      .getByText(/Pour l’État \(Service des biens à double usage\)/)
      .waitFor();
    await page
      .locator('#export-help')
      .getByText(/s’ouvre tel quel dans Excel en français/)
      .waitFor();
    // PDF only for the project summary, as the API requires.
    expect(await page.getByLabel('PDF', { exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Contenu').selectOption('project-summary');
    expect(await page.getByLabel('PDF', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('CSV (Excel)').isDisabled()).toBe(true);
    await page.getByLabel('Contenu').selectOption('declarations-register');
    expect(await page.getByLabel('CSV (Excel)').isChecked()).toBe(true);
    await page.getByLabel('Projet', { exact: true }).selectOption(c.project);
    await web.checkPage(page, 'exports-1-page');

    // The period ends before it starts: the server's 400 shows under "Au", and in the summary.
    await page.getByLabel('Du (inclus)').fill('2030-01-01');
    await page.getByLabel('Au (inclus)').fill('2020-01-01');
    await page.getByRole('button', { name: 'Lancer l’export' }).click();
    const toError = page.locator('#export-to-error');
    await toError.waitFor();
    expect(await toError.textContent()).toBe(MESSAGES['export.toBeforeFrom'].fr);
    expect(await page.getByLabel('Au (inclus)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Au (inclus)').getAttribute('aria-describedby')).toBe('export-to-error');
    const summary = page.getByRole('alert').filter({ hasText: 'L’export n’a pas été lancé' });
    await summary.getByRole('link', { name: /Au \(inclus\) : Ne peut pas précéder/ }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('export-to');
    expect(page.url()).toBe(`${web.base}/exports`);
    await web.checkPage(page, 'exports-2-field-error');

    // Fixed: the error goes as the field changes. The first poll is held back to see the queued job.
    await page.getByLabel('Du (inclus)').fill('2020-01-01');
    await page.getByLabel('Au (inclus)').fill(today());
    await toError.waitFor({ state: 'detached' });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const jobUrl = /\/exports\/exp_[0-9a-f]{32}$/;
    await page.route(
      jobUrl,
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Lancer l’export' }).click();
    await page.waitForURL(jobUrl);
    const job = page.locator('#export-job');
    await job.getByRole('heading', { name: 'Export en attente de démarrage' }).waitFor();
    await job.getByText('En file d’attente : la préparation va commencer.').waitFor();
    expect(await job.getByLabel('Progression').count()).toBe(1);
    await job
      .getByText(/Registre des déclarations/)
      .first()
      .waitFor();
    await web.checkPage(page, 'exports-3-progress');
    release();
    await job.getByRole('heading', { name: 'Export prêt' }).waitFor({ timeout: 30_000 });
    await job.getByText(/Lien valable jusqu’au/).waitFor();
    const shown = (await page.locator('#export-sha256').textContent())!;
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    // The list below has the job, done.
    const row = page.locator('#my-exports tr[aria-current="true"]');
    await row.getByText('Terminé').waitFor();
    await web.checkPage(page, 'exports-4-done');

    // The download: UTF-8 BOM, `;`, the French header row, one row per declaration version; the SHA-256 shown.
    const { bytes, name } = await downloadFile(page);
    expect(name).toMatch(new RegExp(`^vigie-declarations-register-${c.project}-2020-01-01_${today()}\\.csv$`));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS['declarations-register'].map((col) => col.header.fr).join(';'));
    expect(lines).toHaveLength(1 + 2);
    expect(lines[1]).toContain(';');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    expect(await job.locator('dd').nth(2).textContent()).toBe('2');
  });

  it('an XLSX export is a zip (PK); `all` shows each file of the archive; the list downloads with a fresh link', async () => {
    const page = await web.newPage();
    await web.signInAs(page, { role: 'legal', email: LEGAL_EMAIL }, '/exports');
    await page.getByLabel('Contenu').selectOption('results-ownership');
    await page.getByLabel('XLSX', { exact: true }).check();
    await page.getByLabel('Projet', { exact: true }).selectOption(c.project);
    await runExport(page);
    const xlsx = await downloadFile(page);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(createHash('sha256').update(xlsx.bytes).digest('hex')).toBe(await page.locator('#export-sha256').textContent());

    // `all`, JSON Lines: the archive's files, each done with its rows.
    await page.getByLabel('Contenu').selectOption('all');
    await page.getByLabel('JSON Lines').check();
    await runExport(page);
    const files = page.locator('.exports-kind-progress li');
    expect(await files.count()).toBe(8);
    expect(await files.filter({ hasText: 'Terminé' }).count()).toBe(8);
    await files.filter({ hasText: 'Registre des déclarations' }).getByText('2 lignes').waitFor();
    await web.checkPage(page, 'exports-5-all');
    // From the list: the XLSX again, through a fresh link.
    const xlsxRow = page.locator('#my-exports tbody tr').filter({ hasText: 'Copropriété des résultats' }).first();
    const [again] = await Promise.all([page.waitForEvent('download'), xlsxRow.getByRole('button', { name: /^Télécharger/ }).click()]);
    expect(readFileSync((await again.path())!).equals(xlsx.bytes)).toBe(true);
  });

  it('a partner has no exports link, and /exports says plainly that it is not allowed', async () => {
    const page = await web.newPage();
    await web.signInAs(page, { role: 'partner', organizationId: c.orgs[0] }, '/');
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(await page.locator('.topbar').getByRole('link', { name: 'Exports' }).count()).toBe(0);
    await page.goto(`${web.base}/exports`);
    await page.getByRole('heading', { name: 'Accès non autorisé' }).waitFor();
    await page
      .getByRole('alert')
      .getByText(/réservés aux juristes du pôle/)
      .waitFor();
    expect(await page.locator('#new-export').count()).toBe(0);
    await web.checkPage(page, 'exports-6-partner-forbidden');
  });
});

describe('email links', () => {
  it('a reminder’s link, opened signed out, leads after sign-in to the task on the project page', async () => {
    // The partners approve: the legal review opens, for the legal staff.
    for (const t of c.tokens) await decide(api, c, t, 'partner-approval');
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    const step = (wf.body.pending as { stepId: string; dueDate: string }[]).find((s) => s.stepId === 'legal-review')!;
    expect(step).toBeDefined();
    // The real reminders job, on a day of its own (overdue by 11 days), through the SES sink.
    const day = addCalendarDays(step.dueDate, 11);
    await runReminders({ now: new Date(`${day}T08:00:00+01:00`) });
    const [mail] = await sentMail((m) => m.subject.includes(day) && m.destination.to.includes(LEGAL_EMAIL));
    expect(mail).toBeDefined();
    const links = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    // Any digest to this person that lists the task (the test table is shared: another file's run the same day
    // may have claimed the day's digest, or filled its first 50 lines); else this task's line from the digest code.
    const all = await sentMail((m) => m.destination.to.includes(LEGAL_EMAIL));
    let link = all.flatMap((m) => links(m.body.html ?? '')).find((h) => h.includes(`/projects/${c.project}/workflow/steps/`));
    if (!link) {
      const own = digestEmail(
        {
          person: { email: LEGAL_EMAIL, name: 'Juriste', language: 'fr' },
          tasks: [
            {
              projectId: c.project,
              projectAcronym: c.acronym,
              projectTitle: c.acronym,
              stepId: 'legal-review',
              kind: 'legal-review',
              dueDate: step.dueDate,
              urgency: 'overdue',
              daysOverdue: 11,
              escalation: false,
            },
          ],
        },
        day,
        new URL(links(mail!.body.html!)[0]!).origin,
      );
      link = links(own.html!).find((h) => h.includes(c.project));
    }
    const path = new URL(link!).pathname;
    expect(path).toBe(`/projects/${c.project}/workflow/steps/legal-review`);

    const page = await web.newPage();
    await page.goto(`${web.base}${path}`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole('button', { name: /Juriste du pôle/ }).click();
    await page.waitForURL(`${web.base}${path}`);
    const task = page.locator('#step-legal-review');
    await task.waitFor();
    // The focus is on the step, or inside it on its decision form's first choice (legal staff decide it).
    // (Polled with evaluate: waitForFunction evaluates strings with eval, which the page's CSP forbids.)
    const focusInStep = `!!document.activeElement && !!document.activeElement.closest('#step-legal-review')`;
    for (let i = 0; i < 50 && !(await page.evaluate(focusInStep)); i++) await page.waitForTimeout(100);
    expect(await page.evaluate(focusInStep)).toBe(true);
    expect(await task.getAttribute('aria-current')).toBe('true');
    expect(await task.getAttribute('class')).toContain('step-focused');
    expect(await task.textContent()).toContain('Revue juridique');
    expect(await task.isVisible()).toBe(true);
    await web.checkPage(page, 'exports-7-reminder-task');

    // Once decided, the same link says so instead of showing a stale task.
    await decide(api, c, legal, 'legal-review');
    await page.reload();
    await page
      .locator('#workflow')
      .getByText(/Cette tâche n’attend plus de décision : Revue juridique — juriste@pole\.example a approuvé le/)
      .waitFor();
    expect(await page.locator('#step-legal-review').count()).toBe(0);
  });

  it('no CSP violation or page error during the run', () => {
    web.expectClean();
  });
});
