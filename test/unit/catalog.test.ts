import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MESSAGES, msg, renderMsg, type MessageId } from '../../shared/domain/i18n/catalog';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { fieldError } from '../../shared/domain/validation';
import { toProblem } from '../../functions/http/problem';

const ROOT = join(__dirname, '../..');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  const entries = Object.entries(MESSAGES) as [MessageId, { fr: string; en: string }][];
  test('every message has a French and an English text, with the same placeholders', () => {
    const bad = entries.filter(([, t]) => !t.fr.trim() || !t.en.trim() || JSON.stringify(placeholders(t.fr)) !== JSON.stringify(placeholders(t.en)));
    expect(bad).toEqual([]);
  });
  test('French typography: a space before ; : ? ! (as in the other texts of the product), « » not "…" around words', () => {
    const bad = entries.filter(([, t]) => /[^\s\u00a0\u202f][;:?!](\s|$)/.test(t.fr));
    expect(bad).toEqual([]);
  });
  test('French and English differ (no untranslated sentence), except the technical ones', () => {
    const same = entries.filter(([, t]) => t.fr === t.en).map(([id]) => id);
    expect(same).toEqual([]);
  });
  test('msg renders in both languages; nested messages and lists too; Error.message is English', () => {
    expect(renderMsg(msg('declaration.versionStale', { current: 3, expected: 2 }), 'fr')).toBe(
      'La déclaration est à la version 3, et non 2 ; rechargez-la puis réessayez.',
    );
    expect(renderMsg(msg('workflow.legalOnly', { action: msg('workflow.action.reopen') }), 'fr')).toBe(
      "Seule l'équipe juridique du pôle peut rouvrir un workflow.",
    );
    expect(renderMsg(msg('access.rolesRequired', { roles: ['legal', 'committee'] }), 'en')).toBe('This action needs one of the roles: legal, committee.');
    const e = new ValidationError(msg('project.invalid'), { errors: [fieldError(['endDate'], msg('field.required'))] });
    expect(e.message).toBe('The project is invalid.');
    expect(e.errors).toEqual([{ path: 'endDate', pointer: '/endDate', message: 'Required' }]);
    expect(toProblem(e).errors).toEqual([{ path: 'endDate', pointer: '/endDate', message: 'Champ obligatoire' }]);
    expect(toProblem(new NotFoundError(msg('project.notFound')), undefined, 'en').detail).toBe('No such project.');
  });
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('no raw English can be thrown', () => {
  // Built-in errors are programming errors (bad arguments), never shown to a user: they stay English.
  const BUILTIN = new Set(['Range', 'Type', 'Syntax', '']);
  const sources = [...files(join(ROOT, 'functions')), ...files(join(ROOT, 'shared'))].filter((f) => !relative(ROOT, f).startsWith('shared/domain/i18n'));
  test('the scan sees the throw sites', () => {
    const n = sources.reduce((acc, f) => acc + (readFileSync(f, 'utf8').match(/new \w+Error\(|fieldError\(/g) ?? []).length, 0);
    expect(n).toBeGreaterThan(140);
  });
  test('every `new …Error(` of a domain error and every `fieldError(` takes msg(…), not a string', () => {
    const offenders: string[] = [];
    for (const f of sources) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/new (\w*)Error\(\s*(['"`]|[a-z]\w*\s*\?\s*['"`])/g)) {
        if (!BUILTIN.has(m[1]!)) offenders.push(`${relative(ROOT, f)}: ${src.slice(m.index!, m.index! + 80)}`);
      }
      for (const m of src.matchAll(/fieldError\((\[[^\]]*\]|[\w.!]+(\([^()]*\))?)\s*,\s*(['"`]|[a-z]\w*\s*\?\s*['"`])/g))
        offenders.push(`${relative(ROOT, f)}: ${src.slice(m.index!, m.index! + 80)}`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('plural forms ({count|one|other})', () => {
  test('French counts 0 and 1 as singular, English only 1; never "(s)"', () => {
    const r = (count: number, lang: 'fr' | 'en') => renderMsg(msg('declaration.invalid', { count }), lang);
    expect([0, 1, 2].map((n) => r(n, 'fr'))).toEqual([
      'La déclaration est invalide : 0 erreur.',
      'La déclaration est invalide : 1 erreur.',
      'La déclaration est invalide : 2 erreurs.',
    ]);
    expect([0, 1, 2].map((n) => r(n, 'en'))).toEqual([
      'The declaration is invalid: 0 errors.',
      'The declaration is invalid: 1 error.',
      'The declaration is invalid: 2 errors.',
    ]);
    expect(renderMsg(msg('workflow.blockedByFlags', { count: 1 }), 'en')).toBe(
      'This step cannot be approved while there is 1 open high or critical risk flag.',
    );
  });

  test('no message of the catalogue writes a count with "(s)"', () => {
    const withS = Object.entries(MESSAGES).filter(([, t]) => /\{\w+\} \S*\(s\)/.test(t.fr) || /\{\w+\} \S*\(s\)/.test(t.en));
    expect(withS.map(([id]) => id)).toEqual([]);
  });
});
