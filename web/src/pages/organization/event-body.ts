import type { components } from '../../api/schema';
import { parseDayMonthYear } from '../../forms/dates';

/**
 * The control-event form's state and the body it sends (`POST /organizations/{orgId}/control-events`), and where
 * each of the API's field errors shows. Pure (test/unit/web-organization.test.ts).
 */
type Input = components['schemas']['ControlEventInput'];

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
  /** Code de commerce L233-3 I 2°–4° (concert, with its investors, is sent through the API). */
  controlBasis: '' | 'agreement' | 'de-facto' | 'appointment';
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
  concertWith: 'cev-control',
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
export const fieldOfPath = (path: string): string | undefined => FIELD_OF_PATH[path];

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
