import fc from 'fast-check';
import {
  addCalendarDays,
  dayOfWeek,
  daysBetween,
  dueDate,
  easterSunday,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
  isWorkingDay,
  nextWorkingDay,
  parisDate,
} from '../../shared/domain/calendar';

describe('easterSunday (anonymous Gregorian algorithm)', () => {
  test.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2000, '2000-04-23'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(dayOfWeek(date)).toBe(0);
  });

  test('refuses years outside the Gregorian range handled', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2025.5)).toThrow(RangeError);
  });
});

describe('French public holidays', () => {
  test('the 11 national holidays of 2026', () => {
    expect(frenchPublicHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Whit Monday
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  test('Easter-based holidays of 2025', () => {
    expect(isFrenchPublicHoliday('2025-04-21')).toBe(true);
    expect(isFrenchPublicHoliday('2025-05-29')).toBe(true);
    expect(isFrenchPublicHoliday('2025-06-09')).toBe(true);
    expect(isFrenchPublicHoliday('2025-04-20')).toBe(false); // Easter Sunday is a Sunday, not a listed holiday
  });

  test('Ascension on 1 May (2008) is listed once', () => {
    expect(frenchPublicHolidays(2008)).toHaveLength(10);
    expect(isFrenchPublicHoliday('2008-05-01')).toBe(true);
  });

  test('Alsace-Moselle days only with the option', () => {
    expect(isFrenchPublicHoliday('2026-04-03')).toBe(false); // Good Friday
    expect(isFrenchPublicHoliday('2026-04-03', { alsaceMoselle: true })).toBe(true);
    expect(isFrenchPublicHoliday('2025-12-26')).toBe(false);
    expect(isFrenchPublicHoliday('2025-12-26', { alsaceMoselle: true })).toBe(true);
    expect(frenchPublicHolidays(2026, { alsaceMoselle: true })).toHaveLength(13);
  });

  test('ordinary days are not holidays', () => {
    expect(isFrenchPublicHoliday('2026-07-13')).toBe(false);
    expect(isFrenchPublicHoliday('2026-12-24')).toBe(false);
  });
});

describe('date arithmetic', () => {
  test('addCalendarDays across month, leap day and year ends', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCalendarDays('2026-03-29', 0)).toBe('2026-03-29');
  });

  test('daysBetween counts calendar days (days overdue)', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the DST change
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  test('invalid dates are refused', () => {
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2025-2-3', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2025-02-03', 1.5)).toThrow(RangeError);
    expect(() => isFrenchPublicHoliday('nope')).toThrow(RangeError);
    expect(() => parisDate(new Date('nope'))).toThrow(RangeError);
  });

  test('day of week', () => {
    expect(dayOfWeek('2027-07-14')).toBe(3); // Wednesday
    expect(dayOfWeek('2026-11-28')).toBe(6); // Saturday
    expect(dayOfWeek('2026-12-25')).toBe(5); // Friday
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });
});

describe('parisDate (Europe/Paris, DST)', () => {
  test.each([
    ['2026-03-28T23:30:00Z', '2026-03-29'], // UTC+1 before the spring change: 00:30 on the 29th
    ['2026-03-29T21:59:00Z', '2026-03-29'], // UTC+2 after it: 23:59
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-10-24T22:30:00Z', '2026-10-25'], // still UTC+2: 00:30 on the 25th
    ['2026-10-25T22:30:00Z', '2026-10-25'], // back to UTC+1: 23:30 on the 25th
    ['2026-12-31T23:00:00Z', '2027-01-01'],
    ['2026-06-15T12:00:00Z', '2026-06-15'],
  ])('%s is %s in Paris', (instant, date) => {
    expect(parisDate(new Date(instant))).toBe(date);
  });
});

describe('nextWorkingDay and dueDate', () => {
  test('a working day stays', () => {
    expect(nextWorkingDay('2026-11-27')).toBe('2026-11-27');
    expect(isWorkingDay('2026-11-27')).toBe(true);
  });

  test('Saturday 2026-11-28 → Monday 30', () => {
    expect(nextWorkingDay('2026-11-28')).toBe('2026-11-30');
  });

  test('Friday 2026-12-25 → Monday 28', () => {
    expect(nextWorkingDay('2026-12-25')).toBe('2026-12-28');
  });

  test('14 July 2027 (a Wednesday) → Thursday 15', () => {
    expect(nextWorkingDay('2027-07-14')).toBe('2027-07-15');
    // A partner step opened on 2027-07-04 with the default 10 days falls due on 14 July.
    expect(dueDate(new Date('2027-07-04T09:00:00Z'), 10)).toBe('2027-07-15');
  });

  test('Easter weekend: Good Friday only counts in Alsace-Moselle', () => {
    // Opened Monday 2026-03-23 (Paris) + 11 days = Friday 2026-04-03.
    const start = new Date('2026-03-23T10:00:00Z');
    expect(dueDate(start, 11)).toBe('2026-04-03');
    expect(dueDate(start, 11, { alsaceMoselle: true })).toBe('2026-04-07');
    // + 14 days = Easter Monday → Tuesday.
    expect(dueDate(start, 14)).toBe('2026-04-07');
  });

  test('the start date is taken in Paris time, across DST', () => {
    // 23:30 UTC on 2026-03-28 is already the 29th in Paris: +5 days = Friday 2026-04-03.
    expect(dueDate(new Date('2026-03-28T23:30:00Z'), 5)).toBe('2026-04-03');
    // One hour earlier it is still the 28th: +5 = Thursday 2026-04-02.
    expect(dueDate(new Date('2026-03-28T22:30:00Z'), 5)).toBe('2026-04-02');
  });

  test('due date on Saturday 2026-11-28 moves to Monday 30', () => {
    expect(dueDate(new Date('2026-11-18T08:00:00Z'), 10)).toBe('2026-11-30');
  });

  test('due date on Christmas 2026 moves to Monday 28', () => {
    expect(dueDate(new Date('2026-12-10T08:00:00Z'), 15)).toBe('2026-12-28');
  });

  test('refuses a negative or fractional SLA', () => {
    expect(() => dueDate(new Date('2026-01-05T08:00:00Z'), -1)).toThrow(RangeError);
    expect(() => dueDate(new Date('2026-01-05T08:00:00Z'), 1.5)).toThrow(RangeError);
  });

  test('property: a due date is the first working day on or after start + SLA', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        (start, sla, alsaceMoselle) => {
          const raw = addCalendarDays(parisDate(start), sla);
          const due = dueDate(start, sla, { alsaceMoselle });
          expect(isWorkingDay(due, { alsaceMoselle })).toBe(true);
          const shift = daysBetween(raw, due);
          expect(shift).toBeGreaterThanOrEqual(0);
          expect(shift).toBeLessThanOrEqual(4);
          for (let i = 0; i < shift; i++) expect(isWorkingDay(addCalendarDays(raw, i), { alsaceMoselle })).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
