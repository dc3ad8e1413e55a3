/**
 * `{n}` is replaced by `vars.n`; `{n|singular|plural}` picks the form for the number `vars.n` by the language's
 * plural rules (French: 0 and 1 are singular), so that the UI never writes "document(s)".
 */
export function formatMessage(lang: 'fr' | 'en', text: string, vars: Record<string, string | number> = {}): string {
  const rules = new Intl.PluralRules(lang);
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (m, v: string, one: string, other: string) =>
      v in vars ? (rules.select(Number(vars[v])) === 'one' ? one : other) : m,
    )
    .replace(/\{(\w+)\}/g, (m, v: string) => (v in vars ? String(vars[v]) : m));
}
