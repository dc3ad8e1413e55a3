import { formatDayMonthYear, parseDayMonthYear } from '../../web/src/forms/dates';

describe('day/month/year dates of the form (web/src/forms/dates.ts)', () => {
  it('reads what French users type, in the usual separators, and ISO pasted from elsewhere', () => {
    expect(parseDayMonthYear('15/03/2028')).toBe('2028-03-15');
    expect(parseDayMonthYear(' 5/3/2028 ')).toBe('2028-03-05');
    expect(parseDayMonthYear('05.03.2028')).toBe('2028-03-05');
    expect(parseDayMonthYear('05-03-2028')).toBe('2028-03-05');
    expect(parseDayMonthYear('2028-03-05')).toBe('2028-03-05');
  });

  it('refuses what is not a calendar day, and two-digit years rather than guessing the century', () => {
    expect(parseDayMonthYear('31/02/2028')).toBeNull();
    expect(parseDayMonthYear('29/02/2027')).toBeNull();
    expect(parseDayMonthYear('29/02/2028')).toBe('2028-02-29');
    expect(parseDayMonthYear('15/13/2028')).toBeNull();
    expect(parseDayMonthYear('15/03/28')).toBeNull();
    expect(parseDayMonthYear('03/15/2028')).toBeNull(); // month/day order is not day/month
    expect(parseDayMonthYear('demain')).toBeNull();
    expect(parseDayMonthYear('')).toBeNull();
  });

  it('shows ISO dates as dd/mm/yyyy and leaves anything else as typed', () => {
    expect(formatDayMonthYear('2028-03-05')).toBe('05/03/2028');
    expect(formatDayMonthYear('15/03/28')).toBe('15/03/28');
    expect(formatDayMonthYear(parseDayMonthYear('1/12/2030')!)).toBe('01/12/2030');
  });
});
