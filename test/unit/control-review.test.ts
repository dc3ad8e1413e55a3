import {
  agreementVersionOf,
  controlReviewIdOf,
  controlReviewView,
  decideReview,
  isIndirectReview,
  openReview,
  reviewPartnerIds,
  withdrawReview,
} from '../../shared/domain/control-review';
import { controlReviewDecisionEmails, controlReviewEmails } from '../../shared/domain/mail/control-review-mails';
import { digestEmail, planDigests } from '../../shared/domain/reminders';
import { controlledBy } from '../../shared/domain/risk/control-chain';
import { ConflictError, ForbiddenError } from '../../shared/domain/errors';
import type { ControlEvent } from '../../shared/domain/control-event';
import { dayOfWeek } from '../../shared/domain/calendar';

/** The committee's change-of-control window (docs/change-of-control.md): calendar days, Europe/Paris, no weekend shift. */
const ORG = `org_${'a'.repeat(32)}`;
const event: ControlEvent = {
  id: `cev_${'1'.repeat(32)}`,
  organizationId: ORG,
  kind: 'acquisition',
  status: 'planned',
  investor: { name: 'Fonds', country: 'US' },
  votingRightsAfterPct: 70,
  effectiveDate: '2027-06-01',
  recordedAt: '2027-01-01T00:00:00.000Z',
  recordedBy: 'u',
} as ControlEvent;
const committee = { sub: 'c', role: 'committee' as const, email: 'c@pole.example' };
const actor = { sub: 'c', role: 'committee', org: null, email: 'c@pole.example' };

describe('change-of-control review', () => {
  it('closes as withdrawn with its reason when its event is withdrawn while open; a decided review stays decided', () => {
    const r = openReview(event, { projectId: 'prj_x', agreementId: 'agr_abc.v1', windowDays: 30, now: new Date('2027-01-10T09:00:00Z') });
    const w = withdrawReview(r, 'Opération abandonnée.', new Date('2027-01-12T09:00:00Z'))!;
    expect(w).toMatchObject({
      state: 'withdrawn',
      withdrawal: { reason: 'Opération abandonnée.', at: '2027-01-12T09:00:00.000Z' },
      version: 2,
      decision: null,
    });
    expect(controlReviewView(w, new Date('2027-03-01T09:00:00Z'))).toMatchObject({ remainingDays: null, overdue: false });
    expect(withdrawReview(w, 'encore', new Date())).toBeNull();
    const d = decideReview(r, { outcome: 'accept', note: 'Accepté.' }, committee, actor, new Date('2027-01-11T09:00:00Z'));
    expect(withdrawReview(d, 'trop tard', new Date())).toBeNull();
    expect(() => decideReview(w, { outcome: 'accept', note: 'x' }, committee, actor, new Date())).toThrow(ConflictError);
  });
  it('opens on the Paris date with the window in calendar days, named after the event and the agreement version', () => {
    // 23:30 UTC on 31 Jan is 1 Feb in Paris; +30 days = 3 Mar.
    const r = openReview(event, { projectId: 'prj_x', agreementId: 'agr_abc.v3', windowDays: 30, now: new Date('2027-01-31T23:30:00Z') });
    expect(r).toMatchObject({ id: controlReviewIdOf(event.id), dueDate: '2027-03-03', state: 'open', agreementVersion: 3, version: 1 });
    expect(r.id).toBe(`crv_${'1'.repeat(32)}`);
    expect(agreementVersionOf('agr_abc.v12')).toBe(12);
    expect(agreementVersionOf(null)).toBeNull();
  });
  it('does not move a due date that falls on a weekend, and crosses the DST change by dates', () => {
    const r = openReview(event, { projectId: 'prj_x', agreementId: null, windowDays: 30, now: new Date('2027-03-07T10:00:00Z') });
    expect(r.dueDate).toBe('2027-04-06');
    const sat = openReview(event, { projectId: 'prj_x', agreementId: null, windowDays: 30, now: new Date('2027-01-07T10:00:00Z') });
    expect(sat.dueDate).toBe('2027-02-06');
    expect(dayOfWeek(sat.dueDate)).toBe(6);
  });
  it('is overdue the day after its due date (Paris), never once decided', () => {
    const r = openReview(event, { projectId: 'prj_x', agreementId: 'agr_abc.v1', windowDays: 10, now: new Date('2027-07-01T08:00:00Z') });
    expect(r.dueDate).toBe('2027-07-11');
    expect(controlReviewView(r, new Date('2027-07-11T21:59:00Z'))).toMatchObject({ remainingDays: 0, overdue: false });
    expect(controlReviewView(r, new Date('2027-07-11T22:00:00Z'))).toMatchObject({ remainingDays: -1, overdue: true });
    const d = decideReview(r, { outcome: 'accept', note: 'OK' }, committee, actor, new Date('2027-07-20T10:00:00Z'));
    expect(controlReviewView(d, new Date('2027-07-20T10:00:00Z'))).toMatchObject({ state: 'decided', remainingDays: null, overdue: false });
    expect(d.decision).toMatchObject({ outcome: 'accept', agreementVersion: 1, agreementId: 'agr_abc.v1' });
    expect(d.version).toBe(2);
  });
  it('is decided by the committee only, once', () => {
    const r = openReview(event, { projectId: 'prj_x', agreementId: null, windowDays: 30, now: new Date() });
    expect(() => decideReview(r, { outcome: 'accept', note: 'x' }, { sub: 'l', role: 'legal' }, actor, new Date())).toThrow(ForbiddenError);
    const d = decideReview(r, { outcome: 'withdrawal-requested', note: 'x' }, committee, actor, new Date());
    expect(() => decideReview(d, { outcome: 'accept', note: 'x' }, committee, actor, new Date())).toThrow(ConflictError);
  });
});

describe('indirect change of control: the operation on an organization controlling partners', () => {
  const oid = (n: number) => `org_${n.toString(16).padStart(32, '0')}`;
  const [X, P, Q, S, M] = [oid(1), oid(2), oid(3), oid(4), oid(5)];
  const sh = (id: string, pct: number) => ({ name: id, country: 'FR', votingRightsPct: pct, organizationId: id });
  const orgs = new Map(
    [
      { id: X, legalName: 'Holding X', country: 'FR', shareholders: [] },
      { id: P, legalName: 'P', country: 'FR', shareholders: [sh(X, 60), { name: 'Fondateurs', country: 'FR', votingRightsPct: 40, naturalPerson: true }] },
      // S is held 60 % by P: X controls it through a chain of control.
      { id: S, legalName: 'S', country: 'FR', shareholders: [sh(P, 60)] },
      // X holds only 10 % of Q (a majority holder M controls it): not control.
      { id: Q, legalName: 'Q', country: 'FR', shareholders: [sh(X, 10), sh(M, 90)] },
      { id: M, legalName: 'M', country: 'FR', shareholders: [] },
    ].map((o) => [o.id, o]),
  );

  it('controlledBy keeps the organizations controlled directly or through a chain of control, not a mere holding', () => {
    const got = controlledBy(X, [P, Q, S, X], orgs);
    expect([...got.keys()].sort()).toEqual([P, S].sort());
    expect(got.get(S)!.map((l) => l.organizationId)).toEqual([P, X]);
    // 45 % against a 55 % holder is no control either (no presumption of L233-3 II).
    const minority = new Map(orgs).set(P, { ...orgs.get(P)!, shareholders: [sh(X, 45), sh(M, 55)] });
    expect([...controlledBy(X, [P, S], minority).keys()]).toEqual([]);
  });

  it('names the partner and the organization the operation is on; reviews opened before read as direct', () => {
    const r = openReview(event, {
      projectId: 'prj_x',
      agreementId: null,
      windowDays: 30,
      now: new Date('2027-01-10T09:00:00Z'),
      partnerIds: [P],
      organizationName: 'Holding X',
    });
    expect(r).toMatchObject({ organizationId: ORG, partnerIds: [P], organizationName: 'Holding X' });
    expect(isIndirectReview(r)).toBe(true);
    const { partnerIds: _p, organizationName: _n, ...old } = r;
    expect(reviewPartnerIds(old)).toEqual([ORG]);
    expect(isIndirectReview(old)).toBe(false);
    expect(controlReviewView(old, new Date('2027-01-11T09:00:00Z'))).toMatchObject({ partnerIds: [ORG], organizationName: null });
  });

  it('emails and the digest say "the operation on X, which controls partner P", in both languages', () => {
    const r = openReview(event, { projectId: 'prj_x', agreementId: 'agr_a.v2', windowDays: 30, now: new Date('2027-01-10T09:00:00Z'), partnerIds: [P] });
    const names = { partners: ['Pixel SAS'], operationOn: 'Holding X', indirect: true };
    const project = { id: 'prj_x', acronym: 'ACME', title: 'Projet' };
    const [fr, en] = controlReviewEmails(
      project,
      r,
      names,
      [
        { email: 'a@x.fr', name: 'A', language: 'fr', committee: true },
        { email: 'b@x.fr', name: 'B', language: 'en', committee: false },
      ],
      'https://vigie.example',
    );
    expect(fr!.subject).toContain('changement de contrôle de Pixel SAS (opération sur Holding X)');
    expect(fr!.text).toContain('porte sur Holding X, qui contrôle le partenaire Pixel SAS du projet ACME');
    expect(fr!.text).toContain('70 % des droits de vote de Holding X');
    expect(en!.subject).toContain('change of control of Pixel SAS (transaction on Holding X)');
    expect(en!.text).toContain('is on Holding X, which controls partner Pixel SAS of the project ACME');
    const decided = decideReview(r, { outcome: 'restrict-access', note: 'Motifs.' }, committee, actor, new Date('2027-01-20T10:00:00Z'));
    const [d] = controlReviewDecisionEmails(
      project,
      decided,
      names,
      [{ email: 'p@x.fr', name: 'P', language: 'fr', audience: 'concerned' }],
      'https://vigie.example',
    );
    expect(d!.text).toContain('(acquisition) sur Holding X, qui contrôle Pixel SAS, par Fonds');
    expect(d!.text).toContain("les droits d'accès de Pixel SAS aux résultats du projet sont restreints");
    const task = {
      projectId: 'prj_x',
      projectAcronym: 'ACME',
      projectTitle: 'Projet',
      stepId: 'control-review:crv_1',
      kind: 'control-review' as const,
      controlReviewId: 'crv_1',
      partnerNames: ['Pixel SAS'],
      operationOnName: 'Holding X',
      assignee: { role: 'committee' as const, orgId: null, email: null },
      dueDate: '2027-01-11',
    };
    const dir = { staff: [{ email: 'a@x.fr', name: 'A', language: 'fr' as const, role: 'committee' }], representatives: new Map() };
    const [digest] = planDigests([task], '2027-01-10', dir);
    expect(digestEmail(digest!, '2027-01-10', 'https://vigie.example').text).toContain('(Pixel SAS : opération sur Holding X, qui le contrôle)');
  });
});
