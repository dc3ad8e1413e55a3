/**
 * Every link of Vigie's emails opens a page of the web app (issue 12): each email is built with sample data, its
 * links (HTML `href`s and the text part's URLs) are read back, and each path must match a route of the web app
 * (web/src/routes.ts, the table app.tsx renders from) — the right one, with the right ids. A module that builds
 * links from `webOrigin` without being covered here fails the last test. docs/web.md, "Email links", lists them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { newFlagsEmail } from '../../shared/domain/mail/flag-mails';
import { workflowEffectEmails } from '../../shared/domain/mail/workflow-mails';
import type { Email } from '../../shared/domain/mail/render';
import type { Flag } from '../../shared/domain/risk/lifecycle';
import type { Organization } from '../../shared/domain/organization';
import type { WorkflowEffect } from '../../shared/domain/workflow';
import { digestEmail, MAX_TASKS_PER_DIGEST, planDigests, type Directory, type DueStep } from '../../shared/domain/reminders';
import { findRoute, ROUTES, type RouteName } from '../../web/src/routes';
import { noticeEmails } from '../../shared/domain/mail/publication-mails';
import { controlReviewDecisionEmails, controlReviewEmails } from '../../shared/domain/mail/control-review-mails';
import { decideReview, openReview } from '../../shared/domain/control-review';
import type { ControlEvent } from '../../shared/domain/control-event';
import type { PublicationNotice } from '../../shared/domain/publication';

const ORIGIN = 'https://vigie.example.org';
const PROJECT = { id: 'prj_0123456789abcdef0123456789abcdef', acronym: 'QUANTAI', title: 'Capteurs <quantiques>' };
const ORG_A = 'org_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const ORG_B = 'org_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

/** The links of an email: every `href` of the HTML part and every URL of the text part (they must agree). */
function linksOf(m: Email): string[] {
  const html = [...m.html.matchAll(/href="([^"]*)"/g)].map((x) => x[1]!.replace(/&amp;/g, '&'));
  const text = [...m.text.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  expect(text.sort()).toEqual([...html].sort());
  return html;
}

/** The page a link opens: its route and params; the origin must be the web app's. */
function pageOf(link: string): { name: RouteName; params: Record<string, string> } {
  const url = new URL(link);
  expect(url.origin).toBe(ORIGIN);
  expect(url.search + url.hash).toBe('');
  const route = findRoute(url.pathname);
  if (!route) throw new Error(`No page of the web app for the email link ${link}`);
  return route;
}

describe('the links of every email open the right page', () => {
  test('new serious flags (legal staff): the flag on its project page', () => {
    const flag = {
      id: 'flg_0123456789abcdef0123456789abcdef',
      ruleId: 'IEF-01',
      severity: 'critical',
      title: { fr: 'Contrôle étranger', en: 'Foreign control' },
      explanation: { fr: 'Explication', en: 'Explanation' },
    } as unknown as Flag;
    const m = newFlagsEmail({ email: 'juriste@pole.example', name: 'Claire', language: 'fr' }, [{ project: PROJECT, flags: [flag, flag] }], ORIGIN);
    const pages = linksOf(m).map(pageOf);
    expect(pages).toHaveLength(2);
    for (const p of pages) expect(p).toEqual({ name: 'project-flag', params: { id: PROJECT.id, flagId: flag.id } });
  });

  test('workflow emails (partners): the project, or its agreements', () => {
    const orgs = new Map([
      [ORG_A, { id: ORG_A, representatives: [{ name: 'Léa', email: 'rep@a.fr', language: 'fr' }] } as unknown as Organization],
      [ORG_B, { id: ORG_B, representatives: [{ name: 'Jonas', email: 'rep@b.ch', language: 'en' }] } as unknown as Organization],
    ]);
    const by = { sub: 'u', email: 'comite@pole.example', role: 'committee' as const, org: null };
    const expected: Record<string, RouteName> = {
      'approvals-reopened': 'project',
      'changes-requested': 'project',
      'agreement-recorded': 'project-agreements',
      'agreement-invalidated': 'project',
      'workflow-signed': 'project-agreements',
    };
    const effects: WorkflowEffect[] = [
      { type: 'approvals-reopened', orgIds: [ORG_A, ORG_B], ipFileHash: 'h' },
      { type: 'changes-requested', stepId: 'committee', orgIds: [ORG_A], by },
      { type: 'agreement-recorded', agreementId: 'agr_1.v1', hash: 'h', replaced: null, orgIds: [ORG_A, ORG_B] },
      { type: 'agreement-invalidated', agreementId: 'agr_1.v1', orgIds: [ORG_B], reason: null },
      { type: 'workflow-signed', ipFileHash: 'h', agreementId: 'agr_1.v1', orgIds: [ORG_A] },
    ];
    for (const e of effects) {
      const mails = workflowEffectEmails(PROJECT, [e], orgs, ORIGIN);
      expect(mails.length).toBe((e as { orgIds: string[] }).orgIds.length);
      for (const m of mails) {
        const pages = linksOf(m).map(pageOf);
        expect(pages.length).toBeGreaterThan(0);
        for (const p of pages) expect(p).toEqual({ name: expected[e.type], params: { id: PROJECT.id } });
      }
    }
    // Every mailed effect type is covered above.
    expect(Object.keys(expected).sort()).toEqual(effects.map((e) => e.type).sort());
  });

  test('the reminder digest: each task opens its step on the project page; the overflow opens the task list', () => {
    const step = (stepId: string, kind: DueStep['kind'], projectId = PROJECT.id): DueStep => ({
      projectId,
      projectAcronym: PROJECT.acronym,
      projectTitle: PROJECT.title,
      stepId,
      kind,
      assignee: { role: 'legal', orgId: null, email: null },
      dueDate: '2026-12-07',
    });
    const dir: Directory = { staff: [{ email: 'juriste@pole.example', name: 'Claire', language: 'fr', role: 'legal' }], representatives: new Map() };
    const steps = [step(`partner-approval:${ORG_A}`, 'partner-approval'), step('legal-review', 'legal-review'), step('committee', 'committee')];
    const [digest] = planDigests(steps, '2026-12-07', dir);
    const pages = linksOf(digestEmail(digest!, '2026-12-07', ORIGIN)).map(pageOf);
    expect(pages).toEqual(digest!.tasks.map((t) => ({ name: 'project-step', params: { id: t.projectId, stepId: t.stepId } })));
    expect(pages.map((p) => p.params.stepId)).toContain(`partner-approval:${ORG_A}`);

    const many = Array.from({ length: MAX_TASKS_PER_DIGEST + 1 }, (_, i) => step('legal-review', 'legal-review', `prj_${String(i).padStart(32, '0')}`));
    const [long] = planDigests(many, '2026-12-07', dir);
    const last = linksOf(digestEmail(long!, '2026-12-07', ORIGIN))
      .map(pageOf)
      .at(-1);
    expect(last).toEqual({ name: 'tasks', params: {} });
  });

  test('publication notices and changes of control: the notice, or the review, on the project page', () => {
    const notice = {
      id: 'pub_0123456789abcdef0123456789abcdef',
      title: 'Capteur',
      venue: 'Optica',
      authors: ['M. Curie'],
      plannedDate: '2027-06-01',
      noticeDate: '2027-01-04',
      resultKeys: [],
      late: false,
      terms: { noticeDays: 45, objectionDays: 30, filingDelayDays: 90 },
      answers: [{ organizationId: ORG_B, deadline: '2027-02-03' }],
      manuscripts: [{ version: 1 }],
    } as unknown as PublicationNotice;
    const to = [{ legalName: 'B', representatives: [{ email: 'rep@b.fr', name: 'Léa', language: 'fr' as const }] }];
    for (const m of noticeEmails(PROJECT, notice, 'A', to, ORIGIN))
      for (const p of linksOf(m).map(pageOf)) expect(p).toEqual({ name: 'project-publication', params: { id: PROJECT.id, publicationId: notice.id } });
    const review = openReview(
      {
        id: `cev_${'1'.repeat(32)}`,
        organizationId: ORG_A,
        kind: 'acquisition',
        status: 'planned',
        investor: { name: 'F', country: 'US' },
        votingRightsAfterPct: 60,
        effectiveDate: '2027-06-01',
      } as ControlEvent,
      {
        projectId: PROJECT.id,
        agreementId: 'agr_x.v1',
        windowDays: 30,
        now: new Date('2027-01-04T10:00:00Z'),
      },
    );
    const [mail] = controlReviewEmails(
      PROJECT,
      review,
      { partners: ['A'], operationOn: 'A', indirect: false },
      [{ email: 'comite@pole.example', name: 'Comité', language: 'en', committee: true }],
      ORIGIN,
    );
    expect(linksOf(mail!).map(pageOf)).toEqual([{ name: 'project-control-review', params: { id: PROJECT.id, reviewId: review.id } }]);
    // The committee's decision: the link for legal staff only (partners do not read the reviews).
    const decided = decideReview(
      review,
      { outcome: 'accept', note: 'Sans réserve.' },
      { role: 'committee' } as never,
      { sub: 'c', role: 'committee' },
      new Date('2027-01-20T10:00:00Z'),
    );
    const [toLegal, toPartner] = controlReviewDecisionEmails(
      PROJECT,
      decided,
      { partners: ['A'], operationOn: 'A', indirect: false },
      [
        { email: 'juriste@pole.example', name: 'Claire', language: 'fr', audience: 'legal' },
        { email: 'rep@b.fr', name: 'Léa', language: 'en', audience: 'partner' },
      ],
      ORIGIN,
    );
    expect(linksOf(toLegal!).map(pageOf)).toEqual([{ name: 'project-control-review', params: { id: PROJECT.id, reviewId: review.id } }]);
    expect(linksOf(toPartner!)).toEqual([]);
    const dir: Directory = { staff: [{ email: 'comite@pole.example', name: 'Comité', language: 'fr', role: 'committee' }], representatives: new Map() };
    const [digest] = planDigests(
      [
        {
          projectId: PROJECT.id,
          projectAcronym: PROJECT.acronym,
          projectTitle: PROJECT.title,
          stepId: `control-review:${review.id}`,
          kind: 'control-review',
          controlReviewId: review.id,
          assignee: { role: 'committee', orgId: null, email: null },
          dueDate: '2027-02-03',
        },
      ],
      '2027-02-03',
      dir,
    );
    expect(linksOf(digestEmail(digest!, '2027-02-03', ORIGIN)).map(pageOf)).toEqual([
      { name: 'project-control-review', params: { id: PROJECT.id, reviewId: review.id } },
    ]);
    expect(findRoute(`/projects/${PROJECT.id}/publications`)).toEqual({ name: 'project-publications', params: { id: PROJECT.id } });
  });

  test('the routes: ids decoded, no page for other paths', () => {
    expect(findRoute('/projects/prj_1/workflow/steps/partner-approval%3Aorg_a')).toEqual({
      name: 'project-step',
      params: { id: 'prj_1', stepId: 'partner-approval:org_a' },
    });
    expect(findRoute('/exports/exp_1')).toEqual({ name: 'export', params: { id: 'exp_1' } });
    expect(findRoute('/exports/schemas/flags')).toBeNull();
    expect(findRoute('/projects/prj_1/unknown')).toBeNull();
    expect(findRoute('/projects/%E0%A4%A')).toBeNull();
    expect(new Set(ROUTES.map((r) => r.pattern)).size).toBe(ROUTES.length);
  });

  test('every module that builds links from webOrigin is covered by this test', () => {
    const root = join(__dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const using = [...files(join(root, 'shared')), ...files(join(root, 'functions'))]
      .filter((f) => /\$\{webOrigin\}/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
      .sort();
    // The templates above; a new one must be added to this test (and to docs/web.md, "Email links").
    expect(using).toEqual(['shared/domain/mail/flag-mails.ts', 'shared/domain/mail/workflow-mails.ts', 'shared/domain/reminders.ts']);
  });
});
