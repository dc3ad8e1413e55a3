/**
 * `npm run web:types`: writes web/src/api/schema.d.ts (the API's types for the web client) from the OpenAPI
 * document. With --stdout it prints the text instead: test/unit/web-types.test.ts compares it with the
 * checked-in file (openapi-typescript is ESM-only in parts, so the test runs this script rather than importing it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateWebTypes, WEB_TYPES_PATH } from './lib/web-types';

const text = await generateWebTypes();
if (process.argv.includes('--stdout')) process.stdout.write(text);
else {
  const file = join(import.meta.dirname, '..', WEB_TYPES_PATH);
  const changed = !existsSync(file) || readFileSync(file, 'utf8') !== text;
  if (changed) writeFileSync(file, text);
  console.log(`${WEB_TYPES_PATH}: ${changed ? 'updated' : 'unchanged'} (${text.length} characters)`);
}
