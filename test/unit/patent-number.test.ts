import * as fc from 'fast-check';
import * as z from 'zod';
import Ajv2020 from 'ajv/dist/2020';
import {
  compactPatentNumber,
  isValidPatentNumber,
  normalizePatentNumber,
  parsePatentNumber,
  PATENT_PUBLICATION_PATTERN,
  patentPublicationNumberSchema,
} from '../../shared/domain/patent-number';

describe('parsePatentNumber: accepted formats', () => {
  test.each([
    ['FR 3 012 345 A1', 'FR3012345A1', 'FR', 'application'],
    ['FR2912345B1', 'FR2912345B1', 'FR', 'grant'],
    ['FR 2.912.345', 'FR2912345', 'FR', 'unknown'],
    ['EP1234567B1', 'EP1234567B1', 'EP', 'grant'],
    ['EP 1 234 567 A1', 'EP1234567A1', 'EP', 'application'],
    ['ep 0 123 456 a2', 'EP0123456A2', 'EP', 'application'],
    ['EP-1234567-B2', 'EP1234567B2', 'EP', 'grant'],
    ['WO 2019/123456 A1', 'WO2019123456A1', 'WO', 'application'],
    ['WO2004012345', 'WO2004012345', 'WO', 'application'],
    ['WO 98/12345', 'WO9812345', 'WO', 'application'],
    ['WO 01/23456 A2', 'WO0123456A2', 'WO', 'application'],
    ['US 10,123,456 B2', 'US10123456B2', 'US', 'grant'],
    ['US 7,123,456', 'US7123456', 'US', 'grant'],
    ['US 4,123,456 A', 'US4123456A', 'US', 'grant'],
    ['US 2020/0123456 A1', 'US20200123456A1', 'US', 'application'],
    ['US RE45,678 E', 'USRE45678E', 'US', 'grant'],
    ['US D812,345 S', 'USD812345S', 'US', 'grant'],
    ['  EP\u00a01\u202f234\u202f567\u00a0B1  ', 'EP1234567B1', 'EP', 'grant'],
  ])('%j → %s', (raw, normalized, office, publication) => {
    const p = parsePatentNumber(raw);
    expect(p).not.toBeNull();
    expect(p!.normalized).toBe(normalized);
    expect(p!.office).toBe(office);
    expect(p!.publication).toBe(publication);
    expect(isValidPatentNumber(raw)).toBe(true);
    expect(normalizePatentNumber(raw)).toBe(normalized);
  });

  test('number and kind are split out', () => {
    expect(parsePatentNumber('WO 2019/123456 A1')).toEqual({
      office: 'WO',
      publication: 'application',
      number: '2019123456',
      kind: 'A1',
      normalized: 'WO2019123456A1',
    });
    expect(parsePatentNumber('US 7,123,456')).toEqual({ office: 'US', publication: 'grant', number: '7123456', normalized: 'US7123456' });
  });

  test('two spellings of one number normalise alike', () => {
    expect(normalizePatentNumber('WO 2019/123456 A1')).toBe(normalizePatentNumber('wo2019123456a1'));
    expect(compactPatentNumber('us 2020/0123456 a1')).toBe('US20200123456A1');
  });
});

describe('parsePatentNumber: refused', () => {
  test.each([
    ['', 'empty'],
    ['1234567', 'no office'],
    ['DE 10 2019 123 456 A1', 'office not supported'],
    ['FR 4 012 345 A1', 'FR numbers start with 1-3'],
    ['FR 301 234', 'FR has 7 digits'],
    ['EP123456', 'EP has 7 digits'],
    ['EP12345678', 'EP has 7 digits'],
    ['EP1234567C1', 'unknown kind'],
    ['EP1234567 B1 extra', 'trailing text'],
    ['WO 2019/12345 A1', 'WO serial has 6 digits since the 4-digit year'],
    ['WO 1977/123456', 'PCT publications start in 1978'],
    ['WO 20/12345', '2-digit WO years stop in 2003'],
    ['WO 2019/123456 B1', 'WO has no B kind'],
    ['US 0123456', 'US grant numbers have no leading zero'],
    ['US 1234', 'US grant numbers have 5 to 8 digits'],
    ['US 123,456,789', 'US grant numbers have 5 to 8 digits'],
    ['US 2020/0123456 B2', 'an application publication is not a grant'],
    ['US 2000/0123456 A1', 'US application publications start in 2001'],
    ['US 2020/123456 A1', 'US application serial has 7 digits'],
    ['EP19123456.7', 'an application number, not a publication number'],
    ['EP 1 234    567', 'at most 3 separators in a row'],
    ['EP 1234567; DROP TABLE', 'junk'],
    ['<script>EP1234567</script>', 'markup'],
  ])('%j (%s)', (raw) => {
    expect(parsePatentNumber(raw)).toBeNull();
    expect(isValidPatentNumber(raw)).toBe(false);
    expect(normalizePatentNumber(raw)).toBeNull();
    expect(patentPublicationNumberSchema.safeParse(raw).success).toBe(false);
  });

  test('a huge string is refused at once', () => {
    expect(parsePatentNumber('EP' + '1'.repeat(1_000_000))).toBeNull();
    expect(patentPublicationNumberSchema.safeParse('EP' + '1 '.repeat(1_000_000)).success).toBe(false);
  });
});

describe('patentPublicationNumberSchema', () => {
  test('trims, keeps the spelling, and names the accepted formats on error', () => {
    expect(patentPublicationNumberSchema.parse('  WO 2019/123456 A1 ')).toBe('WO 2019/123456 A1');
    const r = patentPublicationNumberSchema.safeParse('EP123');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/FR, EP, WO or US publication number/);
  });

  test('its JSON Schema carries the same pattern, which Ajv applies alike', () => {
    const json = z.toJSONSchema(patentPublicationNumberSchema, { io: 'input', target: 'draft-2020-12' }) as { pattern?: string };
    expect(json.pattern).toBe(PATENT_PUBLICATION_PATTERN);
    const validate = new Ajv2020({ strict: true }).compile(json);
    for (const s of ['FR 3 012 345 A1', 'EP1234567B1', 'US 10,123,456 B2', 'WO 2019/12345', 'US 0123456', 'EP19123456.7', 'x']) {
      expect(validate(s)).toBe(patentPublicationNumberSchema.safeParse(s).success);
    }
  });
});

describe('property: any spelling of a well-formed number is parsed to its normal form', () => {
  const sep = fc.constantFrom('', '', '', ' ', '.', ',', '/', '-', '\u00a0', '\u202f', ' / ');
  const digitStr = (n: number, first = '0123456789') =>
    fc.tuple(fc.constantFrom(...first), fc.array(fc.constantFrom(...'0123456789'), { minLength: n - 1, maxLength: n - 1 })).map(([f, r]) => f + r.join(''));
  const maybe = (kinds: string[]) => fc.option(fc.constantFrom(...kinds), { nil: '' });
  const normal = fc.oneof(
    fc.tuple(digitStr(7, '123'), maybe(['A1', 'A3', 'B1', 'B3', 'A'])).map(([d, k]) => `FR${d}${k}`),
    fc.tuple(digitStr(7), maybe(['A1', 'A2', 'A3', 'A4', 'A8', 'A9', 'B1', 'B2', 'B3', 'B8', 'B9'])).map(([d, k]) => `EP${d}${k}`),
    fc.tuple(fc.integer({ min: 1978, max: 2099 }), digitStr(6), maybe(['A1', 'A2', 'A3'])).map(([y, d, k]) => `WO${y}${d}${k}`),
    fc.tuple(fc.integer({ min: 2001, max: 2099 }), digitStr(7), maybe(['A1', 'A2', 'A9'])).map(([y, d, k]) => `US${y}${d}${k}`),
    fc.tuple(fc.integer({ min: 10_000, max: 99_999_999 }), maybe(['A', 'B1', 'B2'])).map(([n, k]) => `US${n}${k}`),
  );
  /** Separators between characters (at most 3 in a row as each `sep` is at most 3 long) and random case. */
  const spelled = (n: string) =>
    fc
      .tuple(fc.array(sep, { minLength: n.length + 1, maxLength: n.length + 1 }), fc.array(fc.boolean(), { minLength: n.length, maxLength: n.length }))
      .map(([seps, lower]) => seps[0] + [...n].map((c, i) => (lower[i] ? c.toLowerCase() : c) + seps[i + 1]).join(''));

  test('parse(spelling).normalized === normal form', () => {
    fc.assert(
      fc.property(
        normal.chain((n) => spelled(n).map((s) => [n, s] as const)),
        ([n, s]) => {
          expect(parsePatentNumber(s)?.normalized).toBe(n);
          expect(patentPublicationNumberSchema.safeParse(s).success).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('the pattern and the parser agree on arbitrary strings', () => {
    const re = new RegExp(PATENT_PUBLICATION_PATTERN, 'u');
    const alphabet = fc.constantFrom(...'FREPWOUSABDE0123456789 ./,-'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((a) => a.join('')),
        (s) => {
          expect(parsePatentNumber(s) !== null).toBe(re.test(s.trim()));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
