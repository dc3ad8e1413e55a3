import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { negotiateLanguage } from '../../shared/domain/i18n/lang';
import { MESSAGES_FR, PATTERNS, PROBLEM_TITLES, hasFrench, problemTitle, translateMessage } from '../../shared/domain/i18n/messages';
import { toProblem } from '../../functions/http/problem';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/domain/errors';
import { fieldError, parseOrThrow } from '../../shared/domain/validation';
import { organizationInputSchema } from '../../shared/domain/organization';

describe('Accept-Language negotiation', () => {
  test.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['fr', 'fr'],
    ['en', 'en'],
    ['EN', 'en'],
    ['en-GB', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en;q=0.8,fr;q=0.9', 'fr'],
    ['de-DE,de;q=0.9,en;q=0.5', 'en'],
    ['de, fr;q=0.1, en;q=0.2', 'en'],
    ['en;q=0.5,fr;q=0.5', 'en'],
    ['*', 'fr'],
    ['en;q=0, *', 'fr'],
    ['en;q=0', 'fr'],
    ['de', 'fr'],
    ['ja, zh-CN;q=0.5', 'fr'],
    ['garbage;;;==,,', 'fr'],
    ['en;q=abc', 'fr'],
    ['en;q=2', 'fr'],
    ['@@@, en-gb ; q = 0.7', 'en'],
  ] as const)('%p → %s', (header, lang) => {
    expect(negotiateLanguage(header)).toBe(lang);
  });
  test('an array of header values is read as one list', () => {
    expect(negotiateLanguage(['de', 'en;q=0.4'])).toBe('en');
  });
});

describe('problem titles and toProblem', () => {
  test('every problem type has a title in both languages', () => {
    for (const slug of [
      'validation',
      'unauthorized',
      'forbidden',
      'not-found',
      'conflict',
      'precondition-failed',
      'payload-too-large',
      'unsupported-media-type',
      'unprocessable',
      'precondition-required',
      'internal',
    ]) {
      expect(PROBLEM_TITLES[slug]?.fr).toBeTruthy();
      expect(PROBLEM_TITLES[slug]?.en).toBeTruthy();
      expect(PROBLEM_TITLES[slug]!.fr).not.toBe(PROBLEM_TITLES[slug]!.en);
    }
    expect(problemTitle('https://vigie.dev/problems/precondition-failed', 'fr')).toBe('Version périmée (If-Match)');
  });
  test('French by default, English on request; paths, status and extra untouched; unknown messages stay English', () => {
    const err = new ValidationError('The request body is invalid: 2 error(s).', {
      errors: [fieldError(['siren'], 'Must be a valid SIREN: 9 digits with a valid check digit'), fieldError(['x'], 'Some brand new message')],
      extra: { foo: 1 },
    });
    const fr = toProblem(err, 'r1');
    expect(fr).toMatchObject({
      title: 'Requête invalide',
      status: 400,
      lang: 'fr',
      foo: 1,
      requestId: 'r1',
      detail: 'Requête invalide (corps de la requête) : 2 erreur(s).',
    });
    expect(fr.errors).toEqual([
      { path: 'siren', pointer: '/siren', message: 'Doit être un SIREN valide : 9 chiffres avec une clé de contrôle valide' },
      { path: 'x', pointer: '/x', message: 'Some brand new message' },
    ]);
    expect(err.errors![0]!.message).toMatch(/^Must be/); // the error itself is not changed
    const en = toProblem(err, 'r1', 'en');
    expect(en).toMatchObject({ title: 'Invalid request', detail: 'The request body is invalid: 2 error(s).', lang: 'en' });
    expect(en.errors![0]!.message).toBe('Must be a valid SIREN: 9 digits with a valid check digit');
    expect(toProblem(new NotFoundError('No such project.'))).toMatchObject({ title: 'Introuvable', detail: 'Projet introuvable.' });
    expect(toProblem(new Error('boom'), undefined, 'fr')).toMatchObject({ status: 500, title: 'Erreur interne' });
    expect(toProblem(new Error('boom'), undefined, 'en')).toMatchObject({ status: 500, title: 'Internal error' });
  });
  test('patterns carry the embedded values', () => {
    expect(translateMessage('At most 300 characters', 'fr')).toBe('300 caractères au maximum');
    expect(translateMessage('Shares add up to 90 %; they must add up to exactly 100 %', 'fr')).toBe(
      'Les quotes-parts totalisent 90 % ; elles doivent totaliser exactement 100 %',
    );
    expect(translateMessage('At most 50 owners', 'fr')).toBe('50 titulaires au maximum');
    expect(translateMessage('At least one of the jurisdictions', 'fr')).toBe('Au moins une juridiction');
    expect(
      translateMessage('This step cannot be approved while there are 2 open high or critical risk flag(s) and 1 foreign-investment (IEF) hold(s).', 'fr'),
    ).toBe(
      "Cette étape ne peut pas être approuvée tant qu'il y a 2 alerte(s) de risque élevé ou critique ouverte(s) et 1 blocage(s) au titre des investissements étrangers (IEF).",
    );
    expect(translateMessage('The file was refused and deleted: The file is a Windows executable.', 'fr')).toBe(
      'Le fichier a été refusé et supprimé : Le fichier est un exécutable Windows.',
    );
    expect(translateMessage(new ConflictError('Cannot waive flag flg_1: it is waived.').message, 'fr')).toContain('flg_1');
  });
  test("zod's built-in English messages are translated too", () => {
    let err: ValidationError | undefined;
    try {
      parseOrThrow(organizationInputSchema, { legalName: 12, country: 'FR', category: 'sme', siren: '123' });
    } catch (e) {
      err = e as ValidationError;
    }
    const p = toProblem(err);
    const byPath = Object.fromEntries(p.errors!.map((e) => [e.path, e.message]));
    expect(byPath.legalName).toBe('Doit être un texte');
    expect(toProblem(err, undefined, 'en').errors!.find((e) => e.path === 'legalName')!.message).toBe('Must be a text');
    expect(byPath.siren).toMatch(/^Doit être un SIREN valide/);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Catalog coverage: every message literal in shared/domain (and functions/http) has a French translation.

const ROOT = join(__dirname, '../..');
const ERROR_CLASSES =
  'Validation|NotFound|Conflict|Forbidden|Unprocessable|PreconditionFailed|PreconditionRequired|PayloadTooLarge|UnsupportedMediaType|Unauthorized';
const SAMPLE = '7';

function files(dir: string, skip: string[]): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (skip.includes(relative(ROOT, p))) return [];
    return statSync(p).isDirectory() ? files(p, skip) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Reads a string literal starting at `i` (quote char there); `${…}` become a sample value or a resolved constant. */
function readLiteral(src: string, i: number, consts: Record<string, string>): { text: string; end: number } {
  const q = src[i]!;
  let out = '';
  let j = i + 1;
  while (j < src.length && src[j] !== q) {
    if (src[j] === '\\') {
      out += src[j + 1] === 'n' ? '\n' : src[j + 1];
      j += 2;
    } else if (q === '`' && src[j] === '$' && src[j + 1] === '{') {
      let depth = 1;
      let k = j + 2;
      while (depth > 0) {
        const c = src[k]!;
        if (c === "'" || c === '"' || c === '`') k = readLiteral(src, k, consts).end;
        else {
          if (c === '{') depth++;
          if (c === '}') depth--;
          k++;
        }
      }
      const expr = src.slice(j + 2, k - 1).trim();
      out += consts[expr] ?? SAMPLE;
      j = k;
    } else out += src[j++];
  }
  return { text: out, end: j + 1 };
}

/** The top-level string literals of the call whose `(` is at `open` (concatenations joined). */
function callLiterals(src: string, open: number, consts: Record<string, string>): string[] {
  const out: string[] = [];
  let depth = 0;
  let joinNext = false;
  for (let i = open; i < src.length;) {
    const c = src[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const { text, end } = readLiteral(src, i, consts);
      const compared = /[=!]==?\s*$/.test(src.slice(Math.max(0, i - 5), i)) || /^\s*[=!]==?/.test(src.slice(end, end + 5));
      if (depth === 1 && !compared) {
        if (joinNext && out.length) out[out.length - 1] += text;
        else out.push(text);
      }
      joinNext = false;
      i = end;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) break;
    } else if (c === '+' && depth === 1) joinNext = true;
    else if (!/\s/.test(c)) joinNext = false;
    i++;
  }
  return out;
}

function messageLiterals(file: string): string[] {
  const src = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
  const consts: Record<string, string> = {};
  for (const m of src.matchAll(/const (\w+) = ('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*");/g)) consts[m[1]!] = m[2]!.slice(1, -1);
  const out: string[] = [];
  for (const m of src.matchAll(/\b(?:message|error):\s*(?=['"`])/g)) out.push(readLiteral(src, m.index! + m[0].length, consts).text);
  const calls = new RegExp(
    `(?:\\bnew (?:${ERROR_CLASSES})Error|(?<![.\\w])fieldError|(?<![.\\w])add|\\borRequired|\\.min|\\.max|\\.int|\\.regex|\\.refine)\\(`,
    'g',
  );
  for (const m of src.matchAll(calls)) out.push(...callLiterals(src, m.index! + m[0].length - 1, consts));
  return out;
}

const scanned = [
  ...files(join(ROOT, 'shared/domain'), ['shared/domain/i18n', 'shared/domain/forms', 'shared/domain/mail']),
  ...files(join(ROOT, 'functions/http'), []),
];
const found = scanned.flatMap((f) => messageLiterals(f).map((message) => ({ file: relative(ROOT, f), message })));

describe('French catalog covers the message literals', () => {
  test('the scan finds the messages of each required file', () => {
    const perFile = (f: string) => found.filter((x) => x.file === f).length;
    for (const f of ['organization.ts', 'project.ts', 'common.ts', 'documents.ts', 'declaration.ts', 'workflow.ts']) {
      expect([f, perFile(`shared/domain/${f}`)]).toEqual([f, expect.any(Number)]);
      expect(perFile(`shared/domain/${f}`)).toBeGreaterThan(0);
    }
    // Errors and field errors are thrown with catalogue ids now: what is left are messages set in zod schemas.
    expect(found.length).toBeGreaterThan(50);
  });
  test('every scanned message has a French translation', () => {
    const missing = found.filter((x) => !hasFrench(x.message));
    expect(missing).toEqual([]);
  });
  test('messages built outside the scanned call sites', () => {
    for (const m of [
      // declaration.ts tooMany() and list minimums, with each label
      ...[
        'background items',
        'results',
        'access rights',
        'contacts',
        'identifiers',
        'owners',
        'jurisdictions',
        'documents',
        'technology domains',
        'shares',
        'publications',
        'countries',
      ].flatMap((l) => [`At most 20 ${l}`, `At least one of the ${l}`, `At least 2 ${l}`]),
      'Not a partner of this project: name it as a third party (thirdPartyName, country)',
      'Invalid cursor',
      'The cursor is malformed or belongs to another listing.',
      'This step cannot be approved while there are 1 open high or critical risk flag(s).',
      'Refused: an assignment to organization org_1 is held while foreign-investment (IEF) flag(s) flg_1 (IEF-ACQUISITION) are open.',
      'Only the pôle legal staff may reopen a rejected workflow.',
    ]) {
      expect([m, hasFrench(m)]).toEqual([m, true]);
    }
    expect(translateMessage('At most 20 owners', 'fr')).not.toMatch(/owners/);
  });
  test('catalog size', () => {
    // Logged for the record; the assertions above are what matter.
    expect(Object.keys(MESSAGES_FR).length + PATTERNS.length).toBeGreaterThan(150);
  });
});
