import { agreementVersionOf, controlReviewIdOf, controlReviewView, decideReview, openReview, withdrawReview } from '../../shared/domain/control-review';
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
