import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';
import type { OpenApiDocument } from '../../shared/api/openapi';

const { Spectral, Document } = spectralCore;

/**
 * The ruleset the served OpenAPI document (GET /openapi.json, built by shared/api/openapi.ts) is linted with:
 * Spectral's `spectral:oas` plus the OWASP API Security Top 10 ruleset. Every rule switched off or
 * downgraded is listed here with its reason (and in docs/architecture.md, "The contract").
 */
export const OVERRIDES: Record<string, { severity: 'off' | 'warn' | 'info' | 'hint'; reason: string }> = {};

export const openApiRuleset = {
  extends: [
    [oas, 'recommended'],
    [owasp, 'recommended'],
  ],
  rules: Object.fromEntries(Object.entries(OVERRIDES).map(([rule, { severity }]) => [rule, severity])),
};

export interface LintResult {
  code: string;
  severity: 'error' | 'warn' | 'info' | 'hint';
  message: string;
  path: string;
}

const SEVERITIES = ['error', 'warn', 'info', 'hint'] as const;

/** Lints `document` (the JSON it serves) and returns every finding. */
export async function lintOpenApi(document: OpenApiDocument): Promise<LintResult[]> {
  const spectral = new Spectral();
  spectral.setRuleset(openApiRuleset as never);
  const text = JSON.stringify(document, null, 2);
  const results = await spectral.run(new Document(text, spectralParsers.Json, 'openapi.json'));
  return results.map((r) => ({
    code: String(r.code),
    severity: SEVERITIES[r.severity] ?? 'hint',
    message: r.message,
    path: r.path.join('.'),
  }));
}

/** Counts of findings by severity and rule, most frequent first. */
export function countByRule(results: readonly LintResult[]): { severity: string; code: string; count: number }[] {
  const counts = new Map<string, { severity: string; code: string; count: number }>();
  for (const r of results) {
    const key = `${r.severity} ${r.code}`;
    const c = counts.get(key) ?? { severity: r.severity, code: r.code, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => SEVERITIES.indexOf(a.severity as never) - SEVERITIES.indexOf(b.severity as never) || b.count - a.count);
}
