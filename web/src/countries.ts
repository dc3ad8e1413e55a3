// Types only from the generated schema (no DOM): the unit tests import this file under Node.
import type { components } from './api/schema';

type Lang = 'fr' | 'en';

export type CountryCode = components['schemas']['ControlEventInput']['investor']['country'];

/** ISO 3166-1 alpha-2 codes the API accepts (shared/domain/countries.ts; test/unit/web-organization.test.ts keeps them equal). */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ') as CountryCode[];

const names = new Map<Lang, Intl.DisplayNames>();

/** The country's name in the UI language (Intl: no table to ship), or the code itself. */
export function countryName(code: string, lang: Lang): string {
  let n = names.get(lang);
  if (!n) {
    n = new Intl.DisplayNames([lang === 'fr' ? 'fr-FR' : 'en-GB'], { type: 'region', fallback: 'code' });
    names.set(lang, n);
  }
  try {
    return n.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** « US — États-Unis » */
export const countryLabel = (code: string, lang: Lang): string => `${code.toUpperCase()} — ${countryName(code, lang)}`;

/** The countries sorted by their name in the UI language, for a select. */
export function countryOptions(lang: Lang): { code: CountryCode; label: string }[] {
  const collator = new Intl.Collator(lang);
  return COUNTRY_CODES.map((code) => ({ code, label: `${countryName(code, lang)} (${code})` })).sort((a, b) => collator.compare(a.label, b.label));
}
