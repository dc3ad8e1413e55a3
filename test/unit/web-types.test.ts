import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The web client is typed from the served OpenAPI document: the checked-in types must not drift from it. */
const root = join(__dirname, '..', '..');
const WEB_TYPES_PATH = 'web/src/api/schema.d.ts';

describe(WEB_TYPES_PATH, () => {
  let generated: string;
  beforeAll(() => {
    generated = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/web-types.ts', '--stdout'], { cwd: root, encoding: 'utf8', maxBuffer: 32 << 20 });
  }, 60_000);

  it('is what `npm run web:types` generates from the current OpenAPI document', () => {
    const checkedIn = readFileSync(join(root, WEB_TYPES_PATH), 'utf8');
    // On failure: run `npm run web:types` and commit the result.
    expect(checkedIn.length).toBe(generated.length);
    expect(checkedIn === generated).toBe(true);
  });

  it('types the routes the web app calls', () => {
    for (const path of ['/me/tasks', '/flags', '/projects', '/projects/{projectId}/workflow', '/projects/{projectId}/declarations', '/dev/token'])
      expect(generated).toContain(`"${path}": {`);
  });
});
