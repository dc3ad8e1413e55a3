/**
 * `npm run lint:openapi` — lints the OpenAPI document that GET /openapi.json serves with Spectral
 * (`spectral:oas` + OWASP API Security ruleset, scripts/lib/openapi-ruleset.ts) and prints the findings'
 * counts by rule. `--verbose` lists each finding. Exits 1 when there is an error.
 */
import { openApiDocument } from '../functions/openapi';
import { countByRule, lintOpenApi } from './lib/openapi-ruleset';

const results = await lintOpenApi(openApiDocument());
if (process.argv.includes('--verbose')) for (const r of results) console.log(`${r.severity}\t${r.code}\t${r.path}\t${r.message}`);
for (const { severity, code, count } of countByRule(results)) console.log(`${String(count).padStart(5)}  ${severity.padEnd(5)}  ${code}`);
const errors = results.filter((r) => r.severity === 'error').length;
console.log(`${errors} error(s), ${results.length - errors} other finding(s)`);
process.exit(errors ? 1 : 0);
