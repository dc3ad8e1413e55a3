import { controlEventInputSchema } from '../../shared/domain/control-event';
import { ISO_COUNTRIES } from '../../shared/domain/countries';
import { COUNTRY_CODES, countryLabel, countryOptions } from '../../web/src/countries';
import { bodyOf, EMPTY, EMPTY_CONCERT, fieldOfPath, labelOfField, type FormState } from '../../web/src/pages/organization/event-body';
import { en } from '../../web/src/i18n/en';
import { fr } from '../../web/src/i18n/fr';
import { findRoute } from '../../web/src/routes';

/** The organization page's pure parts: the countries it offers, and the control-event form's body and field errors. */

test('/organizations/{orgId} is a page of the app', () => {
  const id = `org_${'a'.repeat(32)}`;
  expect(findRoute(`/organizations/${id}`)).toEqual({ name: 'organization', params: { orgId: id } });
  expect(findRoute('/organizations')).toBeNull();
});

describe('countries (web/src/countries.ts)', () => {
  it('offers exactly the codes the API accepts', () => {
    expect([...COUNTRY_CODES].sort()).toEqual([...ISO_COUNTRIES].sort());
  });

  it('names them in the UI language, code first', () => {
    expect(countryLabel('US', 'fr')).toBe('US — États-Unis');
    expect(countryLabel('us', 'en')).toBe('US — United States');
    expect(countryLabel('KY', 'fr')).toBe('KY — Îles Caïmans');
    const fr = countryOptions('fr');
    expect(fr).toHaveLength(ISO_COUNTRIES.length);
    // Sorted by name in French: Afrique du Sud before Allemagne before Zimbabwe.
    const at = (code: string) => fr.findIndex((o) => o.code === code);
    expect(at('ZA')).toBeLessThan(at('DE'));
    expect(at('DE')).toBeLessThan(at('ZW'));
    expect(fr[at('DE')]!.label).toBe('Allemagne (DE)');
  });
});

describe('the control-event form (web/src/pages/organization/event-body.ts)', () => {
  const filled: FormState = {
    ...EMPTY,
    kind: 'acquisition',
    investorName: '  Shenzhen Quantum Capital ',
    investorCountry: 'CN',
    before: '0',
    after: '33,3333',
    controlAcquired: 'no',
    effectiveDate: '01/02/2027',
    authorisationStatus: 'granted',
    authorisationReference: 'DGT-2027-0042',
    authorisationDecidedAt: '15/01/2027',
  };

  it('sends what the API accepts: numbers with a decimal comma, days typed dd/mm/yyyy, empty optional fields left out', () => {
    const body = bodyOf(filled);
    expect(body).toEqual({
      kind: 'acquisition',
      status: 'planned',
      investor: { name: 'Shenzhen Quantum Capital', country: 'CN' },
      votingRightsBeforePct: 0,
      votingRightsAfterPct: 33.3333,
      controlAcquired: false,
      effectiveDate: '2027-02-01',
      authorisation: { status: 'granted', reference: 'DGT-2027-0042', decidedAt: '2027-01-15' },
    });
    expect(controlEventInputSchema.safeParse(body).success).toBe(true);
    // A natural person's tax domicile goes only with naturalPerson.
    expect(bodyOf({ ...filled, naturalPerson: true, taxDomiciledInFrance: 'no' }).investor).toEqual({
      name: 'Shenzhen Quantum Capital',
      country: 'CN',
      naturalPerson: true,
      taxDomiciledInFrance: false,
    });
    expect(bodyOf({ ...filled, taxDomiciledInFrance: 'no' }).investor).toEqual({ name: 'Shenzhen Quantum Capital', country: 'CN' });
    // The tax-domicile country (CMF R151-1 2°) and the basis of control (L233-3) as the API reads them.
    const swiss = bodyOf({
      ...filled,
      investorName: 'Anna Keller',
      investorCountry: 'CH',
      naturalPerson: true,
      taxDomicileCountry: 'CH',
      controlAcquired: '',
      controlBasis: 'de-facto',
    });
    expect(swiss.investor).toEqual({ name: 'Anna Keller', country: 'CH', naturalPerson: true, taxDomicileCountry: 'CH' });
    expect(swiss.controlBasis).toBe('de-facto');
    expect(controlEventInputSchema.safeParse(swiss).success).toBe(true);
    expect(bodyOf({ ...filled, taxDomicileCountry: 'CH' }).investor).toEqual({ name: 'Shenzhen Quantum Capital', country: 'CN' });
  });

  it('sends the investors acting in concert (L233-10) as the API reads them, and shows their errors at their fields', () => {
    const concert = bodyOf({
      ...filled,
      controlAcquired: '',
      controlBasis: 'concert',
      concert: [
        { name: ' Beta Holdings ', country: 'CN', pct: '25,5', naturalPerson: false, taxDomicileCountry: 'CH' },
        { name: 'Anna Keller', country: 'CH', pct: '5', naturalPerson: true, taxDomicileCountry: 'AE' },
      ],
    });
    expect(concert.concertWith).toEqual([
      { name: 'Beta Holdings', country: 'CN', votingRightsPct: 25.5 },
      { name: 'Anna Keller', country: 'CH', votingRightsPct: 5, naturalPerson: true, taxDomicileCountry: 'AE' },
    ]);
    expect(concert.controlBasis).toBe('concert');
    expect(controlEventInputSchema.safeParse(concert).success).toBe(true);
    expect('concertWith' in bodyOf(filled)).toBe(false);
    // A group left empty: each missing field of each party at its own field.
    const empty = controlEventInputSchema.safeParse(bodyOf({ ...filled, concert: [EMPTY_CONCERT, { ...EMPTY_CONCERT, pct: 'vingt' }] }));
    const paths = empty.error!.issues.map((i) => i.path.join('/')).sort();
    expect(paths).toEqual([
      'concertWith/0/country',
      'concertWith/0/name',
      'concertWith/0/votingRightsPct',
      'concertWith/1/country',
      'concertWith/1/name',
      'concertWith/1/votingRightsPct',
    ]);
    expect(paths.map(fieldOfPath)).toEqual([
      'cev-concert-0-country',
      'cev-concert-0-name',
      'cev-concert-0-pct',
      'cev-concert-1-country',
      'cev-concert-1-name',
      'cev-concert-1-pct',
    ]);
    expect(['concertWith', 'concertWith/2', 'concertWith/0/taxDomicileCountry', 'concertWith/0/organizationId'].map(fieldOfPath)).toEqual([
      'cev-concert',
      'cev-concert-2-name',
      'cev-concert-0-tax-country',
      'cev-concert-0-name',
    ]);
  });

  it('passes what it cannot read as typed, so that the API names the field', () => {
    const body = bodyOf({ ...filled, after: 'trente', effectiveDate: '31/02/2027', before: '' });
    expect(body.votingRightsAfterPct).toBe('trente');
    expect(body.effectiveDate).toBe('31/02/2027');
    expect('votingRightsBeforePct' in body).toBe(false);
    const r = controlEventInputSchema.safeParse(body);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('/')).sort();
    expect(paths).toEqual(['effectiveDate', 'votingRightsAfterPct']);
    expect(paths.map(fieldOfPath)).toEqual(['cev-effective', 'cev-after']);
    // Nothing typed: the required fields are missing, each shown at its field.
    const empty = controlEventInputSchema.safeParse(bodyOf(EMPTY));
    expect(empty.error!.issues.map((i) => fieldOfPath(i.path.join('/')))).not.toContain(undefined);
  });

  it('shows an error at a field for every field of the API body', () => {
    const shape = controlEventInputSchema.shape;
    const leaves = Object.entries(shape).flatMap(([k, v]) => {
      const inner = (v as { unwrap?: () => unknown }).unwrap?.() ?? v;
      const nested = (inner as { shape?: Record<string, unknown> }).shape;
      return nested ? Object.keys(nested).map((n) => `${k}/${n}`) : [k];
    });
    expect(leaves).toEqual(expect.arrayContaining(['investor/name', 'investor/taxDomiciledInFrance', 'authorisation/decidedAt', 'votingRightsAfterPct']));
    expect(leaves.filter((p) => fieldOfPath(p) === undefined)).toEqual([]);
    // …and the error summary names that field: a label of both catalogues.
    const concertLeaves = ['name', 'country', 'votingRightsPct', 'naturalPerson', 'taxDomicileCountry'].map((n) => `concertWith/3/${n}`);
    const fields = [...leaves, ...concertLeaves, 'concertWith'].map((p) => fieldOfPath(p)!);
    expect(fields.filter((id) => labelOfField(id) === undefined)).toEqual([]);
    for (const id of fields) {
      const { key } = labelOfField(id)!;
      expect([id, typeof fr[key], typeof en[key]]).toEqual([id, 'string', 'string']);
    }
    expect(labelOfField('cev-concert-3-pct')).toEqual({ key: 'org.concertPct', party: 4 });
    expect(labelOfField('cev-effective')).toEqual({ key: 'org.effectiveDate' });
    expect(en[labelOfField('cev-after')!.key]).toBe(en['org.after']);
  });
});
