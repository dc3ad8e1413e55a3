import {
  consent,
  filingDelayEnd,
  giveNotice,
  isLateNotice,
  newManuscriptVersion,
  noticeFor,
  object,
  objectionDeadline,
  remainingDays,
  settle,
  withdrawObjection,
  withinDeadline,
  type PublicationNotice,
} from '../../shared/domain/publication';
import { ConflictError, ValidationError } from '../../shared/domain/errors';
import { dayOfWeek } from '../../shared/domain/calendar';

const A = `org_${'a'.repeat(32)}`;
const B = `org_${'b'.repeat(32)}`;
const C = `org_${'c'.repeat(32)}`;
const actor = (org: string) => ({ sub: `u-${org}`, role: 'partner', org, email: null });
const terms = { noticeDays: 45, objectionDays: 30, filingDelayDays: 90 };
const DOC = `doc_${'1'.repeat(32)}`;

function notice(now: Date, plannedDate = '2027-06-01'): PublicationNotice {
  return giveNotice(
    { organizationId: A, title: 'Article', authors: ['X'], venue: 'Optica', plannedDate, resultKeys: ['r-1'], documentId: DOC },
    { id: `pub_${'0'.repeat(32)}`, projectId: 'prj_x', memberOrgIds: [A, B, C], declaredResultKeys: ['r-1'], terms, actor: actor(A), now },
  ).notice;
}

describe('clocks: Europe/Paris calendar days', () => {
  it('counts from the Paris date of the notice: 23:30 UTC on 31 Jan is already 1 Feb in Paris', () => {
    expect(objectionDeadline(new Date('2027-01-31T23:30:00Z'), 30)).toBe('2027-03-03');
    expect(objectionDeadline(new Date('2027-01-31T22:59:59Z'), 30)).toBe('2027-03-02');
  });
  it('crosses the spring DST change without losing or gaining a day', () => {
    // 28 Mar 2027 is the last Sunday of March (UTC+1 → UTC+2).
    expect(objectionDeadline(new Date('2027-03-15T12:00:00Z'), 30)).toBe('2027-04-14');
    // The deadline day ends at 24:00 Paris summer time = 22:00 UTC.
    expect(withinDeadline('2027-04-14', new Date('2027-04-14T21:59:59Z'))).toBe(true);
    expect(withinDeadline('2027-04-14', new Date('2027-04-14T22:00:00Z'))).toBe(false);
  });
  it('crosses the autumn DST change (UTC+2 → UTC+1): the last day ends at 23:00 UTC', () => {
    expect(objectionDeadline(new Date('2027-10-20T10:00:00Z'), 30)).toBe('2027-11-19');
    expect(withinDeadline('2027-11-19', new Date('2027-11-19T22:59:59Z'))).toBe(true);
    expect(withinDeadline('2027-11-19', new Date('2027-11-19T23:00:00Z'))).toBe(false);
  });
  it('does not move a deadline that falls on a weekend or a public holiday (calendar days)', () => {
    expect(objectionDeadline(new Date('2027-01-07T10:00:00Z'), 30)).toBe('2027-02-06'); // a Saturday, kept
    expect(objectionDeadline(new Date('2027-04-01T10:00:00Z'), 30)).toBe('2027-05-01'); // 1 May, a holiday, kept
  });
  it('a notice given during the night of the spring change (last Sunday of March) counts from that Paris date', () => {
    // 27 Mar 2027 23:30 UTC = 28 Mar 00:30 CET (before the 02:00 → 03:00 jump); 28 Mar 01:30 UTC = 03:30 CEST.
    expect(objectionDeadline(new Date('2027-03-27T22:59:59Z'), 30)).toBe('2027-04-26');
    expect(objectionDeadline(new Date('2027-03-27T23:30:00Z'), 30)).toBe('2027-04-27');
    expect(objectionDeadline(new Date('2027-03-28T01:30:00Z'), 30)).toBe('2027-04-27');
    // 23 hours that day, but still one calendar day: remaining days count dates, not hours.
    expect(remainingDays('2027-03-29', new Date('2027-03-27T23:30:00Z'))).toBe(1);
  });
  it('a notice given during the autumn night (last Sunday of October, 03:00 → 02:00) keeps the Paris date', () => {
    // 31 Oct 2027: 00:30 UTC = 02:30 CEST, 01:30 UTC = 02:30 CET (the hour repeated), 22:59 UTC = 23:59 CET.
    expect(objectionDeadline(new Date('2027-10-31T00:30:00Z'), 30)).toBe('2027-11-30');
    expect(objectionDeadline(new Date('2027-10-31T01:30:00Z'), 30)).toBe('2027-11-30');
    expect(objectionDeadline(new Date('2027-10-31T22:59:00Z'), 30)).toBe('2027-11-30');
    expect(objectionDeadline(new Date('2027-10-31T23:00:00Z'), 30)).toBe('2027-12-01');
  });
  it('a deadline on a Sunday stays on the Sunday, and the partner may answer until 24:00 Paris that Sunday', () => {
    const sunday = notice(new Date('2027-01-08T10:00:00Z'));
    expect(sunday.answers[0]!.deadline).toBe('2027-02-07'); // not moved to Monday 8 Feb
    expect(dayOfWeek('2027-02-07')).toBe(0); // a Sunday
    const ok = object(sunday, B, { grounds: 'confidential-information', comment: 'x', resultKeys: [] }, actor(B), new Date('2027-02-07T22:59:59Z'));
    expect(ok.notice.state).toBe('objected');
    expect(() => consent(sunday, C, undefined, actor(C), new Date('2027-02-07T23:00:00Z'))).toThrow(ConflictError); // Monday 00:00 Paris
  });
  it('an objection on the last day of a summer deadline: accepted at 23:59 Paris (21:59 UTC), refused at 00:00 (22:00 UTC)', () => {
    const n = notice(new Date('2027-06-01T08:00:00Z'), '2027-09-01');
    expect(n.answers[0]!.deadline).toBe('2027-07-01');
    const grounds = { grounds: 'protection-first' as const, comment: 'Dépôt', resultKeys: ['r-1'], filingBy: '2027-08-15' };
    expect(object(n, B, grounds, actor(B), new Date('2027-07-01T21:59:00Z')).notice.state).toBe('objected');
    expect(() => object(n, B, grounds, actor(B), new Date('2027-07-01T22:00:00Z'))).toThrow(ConflictError);
  });
  it('a late notice keeps the full objection period: the deadline may fall after the planned date', () => {
    const n = notice(new Date('2027-01-01T10:00:00Z'), '2027-01-20');
    expect(n).toMatchObject({ late: true, daysBeforePublication: 19 });
    expect(n.answers[0]!.deadline).toBe('2027-01-31');
  });
  it('remaining days: 0 on the last day, negative after', () => {
    expect(remainingDays('2027-02-06', new Date('2027-02-05T12:00:00Z'))).toBe(1);
    expect(remainingDays('2027-02-06', new Date('2027-02-06T22:00:00Z'))).toBe(0); // 23:00 Paris
    expect(remainingDays('2027-02-06', new Date('2027-02-06T23:30:00Z'))).toBe(-1); // 00:30 Paris, next day
  });
  it('late notice: fewer than 45 calendar days before the planned date', () => {
    expect(isLateNotice('2027-01-01', '2027-02-15', 45)).toBe(false);
    expect(isLateNotice('2027-01-01', '2027-02-14', 45)).toBe(true);
    const n = notice(new Date('2027-01-01T10:00:00Z'), '2027-02-14');
    expect(n).toMatchObject({ late: true, daysBeforePublication: 44, state: 'open', version: 1 });
  });
  it('filing delay: the announced filing date, capped at 90 days from the objection', () => {
    expect(filingDelayEnd('2027-01-10', 90, '2027-02-01')).toBe('2027-02-01');
    expect(filingDelayEnd('2027-01-10', 90, '2027-12-01')).toBe('2027-04-10');
    expect(filingDelayEnd('2027-01-10', 90, null)).toBe('2027-04-10');
  });
});

describe('transitions', () => {
  const t0 = new Date('2027-01-04T09:00:00Z');
  const deadline = '2027-02-03';

  it('an objection on the last day at 23:59 Paris time counts; one minute later it is refused', () => {
    const n = notice(t0);
    expect(n.answers.map((a) => a.deadline)).toEqual([deadline, deadline]);
    const ok = object(n, B, { grounds: 'confidential-information', comment: 'Nos données', resultKeys: [] }, actor(B), new Date('2027-02-03T22:59:00Z'));
    expect(ok.notice.state).toBe('objected');
    expect(() => object(n, B, { grounds: 'confidential-information', comment: 'x', resultKeys: [] }, actor(B), new Date('2027-02-03T23:00:00Z'))).toThrow(
      ConflictError,
    );
  });

  it('silence until the deadline is consent: cleared the next day, once', () => {
    const n = notice(t0);
    expect(settle(n, new Date('2027-02-03T22:00:00Z')).added).toEqual([]);
    const s = settle(n, new Date('2027-02-03T23:00:01Z'));
    expect(s.notice.state).toBe('cleared');
    expect(s.added.map((h) => h.action)).toEqual(['deemed-consent', 'deemed-consent', 'cleared']);
    expect(s.notice.version).toBe(2);
    expect(settle(s.notice, new Date('2027-03-01T00:00:00Z')).added).toEqual([]);
  });

  it('a new manuscript restarts the clock for the objectors only; the last consent clears', () => {
    let n = notice(t0);
    n = object(n, B, { grounds: 'confidential-information', comment: 'x', resultKeys: [] }, actor(B), new Date('2027-01-10T10:00:00Z')).notice;
    n = consent(n, C, undefined, actor(C), new Date('2027-01-11T10:00:00Z')).notice;
    expect(() => newManuscriptVersion(notice(t0), DOC, actor(A), t0)).toThrow(ConflictError);
    const v = newManuscriptVersion(n, `doc_${'2'.repeat(32)}`, actor(A), new Date('2027-01-20T10:00:00Z')).notice;
    expect(v.state).toBe('open');
    expect(v.answers.find((a) => a.organizationId === B)).toMatchObject({ status: 'pending', deadline: '2027-02-19', manuscriptVersion: 2 });
    expect(v.answers.find((a) => a.organizationId === C)).toMatchObject({ status: 'consented', deadline });
    // C's old deadline passing changes nothing; B's silence then clears.
    expect(settle(v, new Date('2027-02-10T10:00:00Z')).added).toEqual([]);
    expect(settle(v, new Date('2027-02-20T10:00:00Z')).notice.state).toBe('cleared');
  });

  it('a protection-first objection delays the publication and lapses at the end of the delay; withdrawal is consent', () => {
    let n = notice(t0);
    n = consent(n, C, undefined, actor(C), t0).notice;
    const o = object(
      n,
      B,
      { grounds: 'protection-first', comment: 'Dépôt', resultKeys: ['r-1'], filingBy: '2027-08-01' },
      actor(B),
      new Date('2027-01-10T10:00:00Z'),
    ).notice;
    expect(o.answers.find((a) => a.organizationId === B)!.objection!.delayUntil).toBe('2027-04-10');
    expect(o.earliestPublicationDate).toBe('2027-06-01');
    expect(settle(o, new Date('2027-04-09T10:00:00Z')).notice.state).toBe('objected');
    const lapsed = settle(o, new Date('2027-04-10T10:00:00Z'));
    expect(lapsed.notice.state).toBe('cleared');
    expect(lapsed.added.map((h) => h.action)).toEqual(['delay-ended', 'cleared']);
    const w = withdrawObjection(o, B, actor(B), new Date('2027-02-01T10:00:00Z')).notice;
    expect(w.answers.find((a) => a.organizationId === B)).toMatchObject({ status: 'consented', consent: 'withdrawal' });
    expect(w.state).toBe('cleared');
  });

  it('refuses a result that is not declared, and a planned date in the past', () => {
    const ctx = { id: 'pub_x', projectId: 'prj_x', memberOrgIds: [A, B], declaredResultKeys: ['r-1'], terms, actor: actor(A), now: t0 };
    const input = { organizationId: A, title: 'T', authors: ['X'], venue: 'V', plannedDate: '2027-03-01', resultKeys: ['r-9'], documentId: DOC };
    expect(() => giveNotice(input, ctx)).toThrow(ValidationError);
    expect(() => giveNotice({ ...input, resultKeys: [], plannedDate: '2027-01-03' }, ctx)).toThrow(ValidationError);
  });

  it('a consent is final; partners other than the publisher see their own answer only', () => {
    const n = consent(notice(t0), B, undefined, actor(B), t0).notice;
    expect(() => consent(n, B, undefined, actor(B), t0)).toThrow(ConflictError);
    expect(noticeFor({ sub: 's', role: 'partner', organizationId: C }, n).answers.map((a) => a.organizationId)).toEqual([C]);
    expect(noticeFor({ sub: 's', role: 'partner', organizationId: A }, n).answers).toHaveLength(2);
  });
});

describe('digest', () => {
  it('reminds an awaited answer with its deadline and links to the notice', async () => {
    const { planDigests, digestEmail } = await import('../../shared/domain/reminders');
    const person = { email: 'rep@b.example', name: 'Rep B', language: 'fr' as const };
    const step = {
      projectId: 'prj_x',
      projectAcronym: 'QUANTAI',
      projectTitle: 'Projet',
      stepId: `publication:pub_1:${B}`,
      kind: 'publication-answer' as const,
      publicationId: 'pub_1',
      assignee: { role: 'partner' as const, orgId: B, email: null },
      dueDate: '2027-02-03',
    };
    const [d] = planDigests([step], '2027-02-02', { staff: [], representatives: new Map([[B, [person]]]) });
    const mail = digestEmail(d!, '2027-02-02', 'https://vigie.example');
    expect(mail.text).toContain('Notification de publication');
    expect(mail.text).toContain('https://vigie.example/projects/prj_x/publications/pub_1');
    expect(mail.text).toContain('2027-02-03');
  });
});
