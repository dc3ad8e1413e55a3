/**
 * Country codes (ISO 3166-1 alpha-2) and the EU/EEA membership list used by the foreign-investment rules.
 *
 * EU member states: Treaty on European Union art. 52 (27 states since 1 Feb 2020).
 * EEA: Agreement on the European Economic Area — the EU states plus Iceland, Liechtenstein and Norway.
 * CMF R151-2 applies the 25 % voting-rights threshold to investors from outside the EU/EEA.
 */
export const EU_MEMBER_STATES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
] as const;
export const EEA_NON_EU_STATES = ['IS', 'LI', 'NO'] as const;

const EU_EEA = new Set<string>([...EU_MEMBER_STATES, ...EEA_NON_EU_STATES]);
const EU = new Set<string>(EU_MEMBER_STATES);

export const isEuEea = (country: string): boolean => EU_EEA.has(country.toUpperCase());
export const isEu = (country: string): boolean => EU.has(country.toUpperCase());
export const isFrance = (country: string): boolean => country.toUpperCase() === 'FR';

/** Officially assigned ISO 3166-1 alpha-2 codes. */
export const ISO_COUNTRIES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ') as [string, ...string[]];

const ISO_SET = new Set(ISO_COUNTRIES);
export const isIsoCountry = (code: string): boolean => ISO_SET.has(code);
