import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';

/**
 * Errors in the reader's language, over HTTP: French by default, English with `Accept-Language: en`; one
 * error from each area, the validation messages of a request body, and the decision comment rules.
 */
let api: Api;
let legal: string;
let project: string;
let org: string;
let partner: string;
const tag = `i${Date.now() % 1e7}`;
const NO_SUCH = '0'.repeat(32);

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal', undefined, `juriste-${tag}@pole.example`);
  org = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg(`I18N ${tag}`) })).body.id;
  project = (await api.call('POST', '/projects', { token: legal, body: projectBody({ partners: [{ organizationId: org, role: 'coordinator' }] }) })).body.id;
  partner = await tokenFor('partner', org);
});
afterAll(() => api.close());

async function both(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const fr = await api.call(method, path, opts);
  const en = await api.call(method, path, { ...opts, headers: { ...(opts.headers ?? {}), 'accept-language': 'en' } });
  return { fr, en };
}

test.each([
  ['projects', 'GET', () => `/projects/prj_${NO_SUCH}`, 404, 'Projet introuvable.', 'No such project.'],
  [
    'declarations',
    'GET',
    () => `/projects/${project}/declarations/${org}`,
    404,
    "Cette organisation n'a encore enregistré aucune déclaration.",
    'This organization has not saved a declaration yet.',
  ],
  [
    'workflow',
    'GET',
    () => `/projects/${project}/workflow`,
    404,
    "Le workflow d'approbation de ce projet n'a pas été démarré.",
    'The approval workflow of this project has not been started.',
  ],
  ['documents', 'GET', () => `/documents/doc_${NO_SUCH}`, 404, 'Document introuvable.', 'No such document.'],
  ['staff', 'DELETE', () => `/staff/${encodeURIComponent(`personne-${tag}@pole.example`)}`, 404, "Membre de l'équipe introuvable.", 'No such staff member.'],
] as const)('%s: an error in French by default, in English on request', async (_area, method, path, status, fr, en) => {
  const r = await both(method, path(), { token: legal, headers: method === 'DELETE' ? { 'if-match': '"1"' } : {} });
  expect([r.fr.status, r.fr.body.detail, r.fr.headers.get('content-language')]).toEqual([status, fr, 'fr']);
  expect([r.en.status, r.en.body.detail, r.en.headers.get('content-language')]).toEqual([status, en, 'en']);
  expect(r.fr.body.title).not.toBe(r.en.body.title);
});

test('a request body with a missing field and a wrong type: « Champ obligatoire », « Doit être une liste », with their paths', async () => {
  const { legalName: _omitted, ...rest } = frenchOrg('x');
  const r = await both('POST', '/organizations', { token: legal, body: { ...rest, representatives: 'Jeanne', extra: true } });
  expect(r.fr.status).toBe(400);
  const byPath = (b: { errors: { path: string; message: string }[] }) => Object.fromEntries(b.errors.map((e) => [e.path, e.message]));
  expect(byPath(r.fr.body)).toMatchObject({ legalName: 'Champ obligatoire', representatives: 'Doit être une liste', extra: 'Champ inconnu' });
  expect(byPath(r.en.body)).toMatchObject({ legalName: 'Required', representatives: 'Must be a list', extra: 'Unknown field' });
  expect(r.fr.body.detail).toBe('Requête invalide (corps de la requête) : 3 erreurs.');
  expect(r.en.body.detail).toBe('The request body is invalid: 3 errors.');
  expect(JSON.stringify(r.fr.body)).not.toMatch(/attendu, undefined reçu|expected string/);
});

test('an enum value not allowed says what is allowed', async () => {
  const r = await both('POST', '/organizations', { token: legal, body: frenchOrg(`Enum ${tag}`, { category: 'giant' }) });
  expect(r.fr.status).toBe(400);
  expect(r.fr.body.errors).toEqual([
    expect.objectContaining({ path: 'category', message: expect.stringMatching(/^Valeur non autorisée : attendu l'une de .*sme/) }),
  ]);
  expect(r.en.body.errors).toEqual([
    expect.objectContaining({ path: 'category', message: expect.stringMatching(/^Value not allowed: expected one of .*sme/) }),
  ]);
});

test('a decision: approving needs no comment; rejecting does, at path comment', async () => {
  // No workflow yet: the body is validated first (400), whatever the state.
  const path = `/projects/${project}/workflow/steps/partner-approval/decision`;
  const rejected = await both('POST', path, { token: partner, body: { decision: 'reject' } });
  expect(rejected.fr.status).toBe(400);
  expect(rejected.fr.body.errors).toEqual([
    expect.objectContaining({ path: 'comment', message: 'Un commentaire est obligatoire pour rejeter ou demander des modifications' }),
  ]);
  expect(rejected.en.body.errors).toEqual([expect.objectContaining({ path: 'comment', message: 'A comment is required to reject or request changes' })]);
  const blank = await api.call('POST', path, { token: partner, body: { decision: 'request-changes', comment: '   ', changesRequestedFrom: [org] } });
  expect(blank.body.errors).toEqual([expect.objectContaining({ path: 'comment' })]);
  // Approving without a comment passes validation: the answer is about the workflow (not started), not the body.
  const approved = await api.call('POST', path, { token: partner, body: { decision: 'approve' } });
  expect(approved.status).toBe(404);
  expect(approved.body.detail).toBe("Le workflow d'approbation de ce projet n'a pas été démarré.");
});
