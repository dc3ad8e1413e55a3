import { resolve } from 'node:path';
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import * as parsers from '@stoplight/spectral-parsers';
import { schema, truthy } from '@stoplight/spectral-functions';
import { oas } from '@stoplight/spectral-rulesets';
import owasp from '@stoplight/spectral-owasp-ruleset';
import type { OpenApiDocument } from '../../shared/api/openapi';

/** The name the linted document is given (the overrides below point into it). */
const SOURCE = 'openapi.json';

/**
 * The rules switched off or downgraded, each with its reason (also in docs/architecture.md, "The contract").
 * A rule listed here must still exist in the rulesets (test/unit/openapi-lint.test.ts checks it).
 */
export const OVERRIDES: Record<string, { severity: 'off' | 'warn' | 'info' | 'hint'; reason: string }> = {
  'owasp:api4:2023-string-limit': {
    severity: 'off',
    reason:
      'Replaced by vigie:request-string-limit, the same check on what a client sends (request bodies and parameters). ' +
      'Response strings are written by the server from values it validated on the way in (already bounded) or generated itself ' +
      '(identifiers, hashes, timestamps, signed URLs); a maxLength there constrains no attacker and would be a promise nothing enforces.',
  },
  'owasp:api4:2023-array-limit': {
    severity: 'off',
    reason:
      'Replaced by vigie:request-array-limit (request bodies and parameters), for the same reason as the string limit. ' +
      'Response lists are bounded by pagination (`limit`), and the arrays inside an item by the request limits they were written under.',
  },
  'owasp:api4:2023-rate-limit': {
    severity: 'off',
    reason:
      'Asks for RateLimit headers on every 2XX/4XX response. The deployed API is throttled by the API Gateway stage ' +
      '(50 req/s, burst 100), which sends no RateLimit headers, and the handlers cannot know the bucket; documenting headers ' +
      'that production does not send would mislead clients. Throttling is documented instead by the 429 response (with ' +
      'Retry-After) on every operation, which owasp:api4:2023-rate-limit-responses-429 and -retry-after check.',
  },
};

/** The same checks as OWASP's api4 string/array limits, on the schemas a client sends: request bodies and parameters (resolved). */
const inRequests = (filter: string) => [`$.paths[*][*].requestBody..[?(${filter})]`, `$.paths[*][*].parameters[*]..[?(${filter})]`];

export const openApiRuleset = {
  extends: [
    [oas, 'recommended'],
    [owasp, 'recommended'],
  ],
  rules: {
    ...Object.fromEntries(Object.entries(OVERRIDES).map(([rule, { severity }]) => [rule, severity])),
    'vigie:request-string-limit': {
      description: 'Every string a client sends has a maxLength (or is an enum or a const): OWASP API4:2023.',
      message: 'String in a request without maxLength, enum or const.',
      severity: 'error',
      given: inRequests('@ && @.type=="string"'),
      then: {
        function: schema,
        functionOptions: { schema: { type: 'object', anyOf: [{ required: ['maxLength'] }, { required: ['enum'] }, { required: ['const'] }] } },
      },
    },
    'vigie:request-array-limit': {
      description: 'Every array a client sends has a maxItems: OWASP API4:2023.',
      message: 'Array in a request without maxItems.',
      severity: 'error',
      given: inRequests('@ && @.type=="array"'),
      then: { field: 'maxItems', function: truthy },
    },
  },
  overrides: [
    {
      // POST /dev/token mints a token: it cannot require one. It is local-only (`x-local-only`; 404 when deployed).
      files: [`${SOURCE}#/paths/~1dev~1token/post`],
      rules: { 'owasp:api2:2023-write-restricted': 'off' },
    },
  ],
};

export interface LintResult {
  code: string;
  severity: 'error' | 'warn' | 'info' | 'hint';
  message: string;
  path: string;
}

/** The JSON parser, whether the CommonJS module comes through Node's ESM loader (tsx) or SWC's interop (jest). */
const Json = parsers.Json ?? (parsers as unknown as { default: typeof parsers }).default.Json;

const SEVERITIES = ['error', 'warn', 'info', 'hint'] as const;

/** Lints `document` (the JSON it serves) and returns every finding. */
export async function lintOpenApi(document: OpenApiDocument): Promise<LintResult[]> {
  const spectral = new Spectral();
  spectral.setRuleset(new Ruleset(openApiRuleset as never, { severity: 'recommended', source: resolve(SOURCE) }));
  const text = JSON.stringify(document, null, 2);
  const results = await spectral.run(new Document(text, Json, resolve(SOURCE)));
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
