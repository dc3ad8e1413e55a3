import type { components } from '../../api/schema';
import { parseDayMonthYear } from '../../forms/dates';
import type { MessageKey } from '../../i18n/fr';

/**
 * The control-event form's state and the body it sends (`POST /organizations/{orgId}/control-events`), and where
 * each of the API's field errors shows. Pure (test/unit/web-organization.test.ts).
 */
type Input = components['schemas']['ControlEventInput'];

/** An investor acting in concert with the event's investor (Code de commerce L233-10), as typed. */
export interface ConcertRow {
  name: string;
  /** ISO code (nationality or seat). */
  country: string;
  /** Its voting rights in the organization after the operation, as typed. */
  pct: string;
  naturalPerson: boolean;
  /** Natural persons: ISO code; empty: not given (the nationality's country). */
  taxDomicileCountry: string;
}

export const EMPTY_CONCERT: ConcertRow = { name: '', country: '', pct: '', naturalPerson: false, taxDomicileCountry: '' };
/** The API takes at most this many (MAX_CONCERT_PARTIES in shared/domain/control-event.ts). */
export const MAX_CONCERT = 20;

export interface FormState {
  kind: Input['kind'];
  status: Input['status'];
  investorOrgId: string;
  investorName: string;
  investorCountry: string;
  investorListed: boolean;
  naturalPerson: boolean;
  taxDomiciledInFrance: '' | 'yes' | 'no';
  /** ISO code; empty: not given (the nationality's country). */
  taxDomicileCountry: string;
  before: string;
  after: string;
  controlAcquired: '' | 'yes' | 'no';
  /** Code de commerce L233-3 I 2°–4°, or III (concert: joint control with the investors of `concert`). */
  controlBasis: '' | 'agreement' | 'de-facto' | 'appointment' | 'concert';
  /** Investors acting in concert (L233-10): their voting rights count with the investor's. */
  concert: ConcertRow[];
  effectiveDate: string;
  authorisationStatus: '' | NonNullable<Input['authorisation']>['status'];
  authorisationReference: string;
  authorisationDecidedAt: string;
  description: string;
}

export const EMPTY: FormState = {
  kind: 'shareholding-change',
  status: 'planned',
  investorOrgId: '',
  investorName: '',
  investorCountry: '',
  investorListed: false,
  naturalPerson: false,
  taxDomiciledInFrance: '',
  taxDomicileCountry: '',
  before: '',
  after: '',
  controlAcquired: '',
  controlBasis: '',
  concert: [],
  effectiveDate: '',
  authorisationStatus: '',
  authorisationReference: '',
  authorisationDecidedAt: '',
  description: '',
};

/** The field (its element id) that shows the API's error at `path` (slash-joined, as the problem's `errors` give it). */
const FIELD_OF_PATH: Record<string, string> = {
  kind: 'cev-kind',
  status: 'cev-status',
  investor: 'cev-investor-name',
  'investor/name': 'cev-investor-name',
  'investor/country': 'cev-investor-country',
  'investor/organizationId': 'cev-investor-org',
  'investor/listed': 'cev-investor-listed',
  'investor/naturalPerson': 'cev-natural-person',
  'investor/taxDomiciledInFrance': 'cev-tax-domicile',
  'investor/taxDomicileCountry': 'cev-tax-country',
  controlBasis: 'cev-control-basis',
  concertWith: 'cev-concert',
  votingRightsBeforePct: 'cev-before',
  votingRightsAfterPct: 'cev-after',
  controlAcquired: 'cev-control',
  effectiveDate: 'cev-effective',
  authorisation: 'cev-auth-status',
  'authorisation/status': 'cev-auth-status',
  'authorisation/reference': 'cev-auth-reference',
  'authorisation/decidedAt': 'cev-auth-decided',
  description: 'cev-description',
};
/** `concertWith/<i>/<field>` → the field of the i-th investor in concert (`cev-concert-<i>-<suffix>`). */
const CONCERT_FIELD: Record<string, string> = {
  name: 'name',
  country: 'country',
  votingRightsPct: 'pct',
  naturalPerson: 'natural',
  taxDomicileCountry: 'tax-country',
  // Not sent by the form (a registered organization is not picked for them): shown at the name.
  organizationId: 'name',
};
export const fieldOfPath = (path: string): string | undefined => {
  const m = /^concertWith\/(\d+)(?:\/(\w+))?$/.exec(path);
  if (!m) return FIELD_OF_PATH[path];
  const suffix = m[2] === undefined ? 'name' : CONCERT_FIELD[m[2]];
  return suffix ? `cev-concert-${m[1]}-${suffix}` : 'cev-concert';
};

/** The label of each field (its element id), for the error summary: « Date d'effet : Obligatoire ». */
const LABEL_OF_FIELD: Record<string, MessageKey> = {
  'cev-kind': 'org.kind',
  'cev-status': 'org.status',
  'cev-effective': 'org.effectiveDate',
  'cev-investor-org': 'org.investorOrg',
  'cev-investor-name': 'org.investorName',
  'cev-investor-country': 'org.investorCountry',
  'cev-investor-listed': 'org.investorListed',
  'cev-natural-person': 'org.investorNaturalPerson',
  'cev-tax-domicile': 'org.taxDomicile',
  'cev-tax-country': 'org.taxDomicileCountry',
  'cev-before': 'org.before',
  'cev-after': 'org.after',
  'cev-control': 'org.controlAcquiredField',
  'cev-control-basis': 'org.controlBasis',
  'cev-concert': 'org.formConcert',
  'cev-auth-status': 'org.authorisationStatus',
  'cev-auth-reference': 'org.authorisationReference',
  'cev-auth-decided': 'org.authorisationDecidedAt',
  'cev-description': 'org.description',
};
const LABEL_OF_CONCERT_FIELD: Record<string, MessageKey> = {
  name: 'org.concertName',
  country: 'org.concertCountry',
  pct: 'org.concertPct',
  natural: 'org.investorNaturalPerson',
  'tax-country': 'org.taxDomicileCountry',
};
/**
 * The label of a field (an id of `fieldOfPath`), with the number of its investor in concert (from 1) for the
 * fields of that group; undefined for an unknown id.
 */
export function labelOfField(id: string): { key: MessageKey; party?: number } | undefined {
  const m = /^cev-concert-(\d+)-(.+)$/.exec(id);
  if (!m) return LABEL_OF_FIELD[id] ? { key: LABEL_OF_FIELD[id] } : undefined;
  const key = LABEL_OF_CONCERT_FIELD[m[2]!];
  return key ? { key, party: Number(m[1]) + 1 } : undefined;
}

/** A number as typed (a French decimal comma is fine); what cannot be read goes as typed, for the API to name the field. */
function numberOf(s: string): number | string | undefined {
  const v = s.trim().replace(',', '.');
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : s;
}

/** A day typed as dd/mm/yyyy (whatever the browser's language), sent as ISO; what is not a day goes as typed, for the API to name the field. */
function dayOf(s: string): string | undefined {
  const v = s.trim();
  return v === '' ? undefined : (parseDayMonthYear(v) ?? v);
}

/** The request body: empty optional fields are left out. */
export function bodyOf(f: FormState): Record<string, unknown> {
  const investor: Record<string, unknown> = { name: f.investorName.trim(), country: f.investorCountry };
  if (f.investorOrgId) investor.organizationId = f.investorOrgId;
  if (f.investorListed) investor.listed = true;
  if (f.naturalPerson) {
    investor.naturalPerson = true;
    if (f.taxDomiciledInFrance) investor.taxDomiciledInFrance = f.taxDomiciledInFrance === 'yes';
    if (f.taxDomicileCountry) investor.taxDomicileCountry = f.taxDomicileCountry;
  }
  const body: Record<string, unknown> = { kind: f.kind, status: f.status, investor };
  const before = numberOf(f.before);
  if (before !== undefined) body.votingRightsBeforePct = before;
  body.votingRightsAfterPct = numberOf(f.after);
  if (f.controlAcquired) body.controlAcquired = f.controlAcquired === 'yes';
  if (f.controlBasis) body.controlBasis = f.controlBasis;
  if (f.concert.length) {
    body.concertWith = f.concert.map((c) => {
      const party: Record<string, unknown> = { name: c.name.trim(), country: c.country, votingRightsPct: numberOf(c.pct) };
      if (c.naturalPerson) {
        party.naturalPerson = true;
        if (c.taxDomicileCountry) party.taxDomicileCountry = c.taxDomicileCountry;
      }
      return party;
    });
  }
  body.effectiveDate = dayOf(f.effectiveDate);
  if (f.authorisationStatus) {
    body.authorisation = {
      status: f.authorisationStatus,
      ...(f.authorisationReference.trim() ? { reference: f.authorisationReference.trim() } : {}),
      ...(dayOf(f.authorisationDecidedAt) ? { decidedAt: dayOf(f.authorisationDecidedAt) } : {}),
    };
  }
  if (f.description.trim()) body.description = f.description.trim();
  return body;
}
