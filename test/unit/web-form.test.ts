import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getFormDocument } from '../../shared/domain/forms/registry';
import { displaySchema, displayUiSchema, inEnumOrder, pruneHidden, type Json } from '../../web/src/forms/display-schema';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { completeDeclaration } from '../fixtures/declaration';
import { declarationDraftSchema } from '../../shared/domain/declaration';
import { fieldErrorsOf, fieldId, pointerSegments, toExtraErrors, valueAt } from '../../web/src/forms/form-errors';

/** The declaration form's pure parts (web/src/forms) and the drift of its precompiled validator. */
const root = join(__dirname, '..', '..');
const doc = getFormDocument('declaration', 'fr')!;
const schema = displaySchema(doc.schema as Json);
const props = (s: unknown) => (s as { properties: Record<string, Json> }).properties;

describe('display schema', () => {
  it('reads a union of objects as one object with every variant property (no oneOf for rjsf to pick)', () => {
    const item = (props(schema).background as { items: Json }).items;
    expect(item.oneOf).toBeUndefined();
    expect(Object.keys(props(item))).toEqual(expect.arrayContaining(['key', 'type', 'exportControl', 'priorityDate']));
    // `type` carries the values of every variant, technology items and trademarks alike.
    expect(props(item).type!.enum).toEqual(expect.arrayContaining(['patent', 'software', 'trademark']));
    expect(JSON.stringify(schema)).not.toMatch(/"(oneOf|anyOf|allOf|\$schema)"/);
  });

  it("accepts what the server accepts: a complete declaration with an Annex I entry of category 6 (not only the first variant's pattern)", () => {
    const validate = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(schema);
    const body = completeDeclaration(...(['a', 'b', 'c'].map((x) => `org_${x.repeat(32)}`) as [string, string, string]));
    expect(declarationDraftSchema.safeParse(body).success).toBe(true);
    expect(validate(body) ? [] : validate.errors).toEqual([]);
    const wrong = structuredClone(body);
    wrong.background[0].exportControl.annexIEntry = 'six';
    expect(validate(wrong)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain('/background/0/exportControl/annexIEntry');
  });

  it('turns enum labels into ui:enumNames aligned with the enum, and maps the widgets', () => {
    const ui = displayUiSchema(doc.uiSchema as Json, schema);
    const typeUi = ((ui.background as Json).items as Json).type as Json;
    const typeSchema = props((props(schema).background as { items: Json }).items).type!;
    const names = typeUi['ui:enumNames'] as string[];
    expect(names).toHaveLength((typeSchema.enum as string[]).length);
    expect(names[(typeSchema.enum as string[]).indexOf('patent')]).toBe('Brevet');
    const pct = ((((ui.results as Json).items as Json).ownership as Json).items as Json).pct as Json;
    expect(pct['ui:widget']).toBe('updown');
    const owner = ((((ui.results as Json).items as Json).ownership as Json).items as Json).organizationId as Json;
    expect(owner['ui:widget']).toBe('organization');
  });

  it("lists countries by name in the UI language (the API's ui:enumOrder), not by ISO code", () => {
    for (const lang of ['fr', 'en'] as const) {
      const d = getFormDocument('declaration', lang)!;
      const ui = displayUiSchema(d.uiSchema as Json, schema);
      const countryUi = ((((ui.background as Json).items as Json).owners as Json).items as Json).country as Json;
      const countrySchema = props(props((props(schema).background as { items: Json }).items).owners!.items).country!;
      const codes = countrySchema.enum as string[];
      const names = countryUi['ui:enumNames'] as string[];
      const order = (countryUi['ui:options'] as Json).enumOrder as string[];
      // What the select shows: rjsf's options (value + label, in the schema's order) put in that order.
      const shown = inEnumOrder(
        codes.map((value, i) => ({ value, label: names[i]! })),
        order,
      ).map((o) => o.label);
      expect(shown).toHaveLength(codes.length);
      expect(shown).toEqual([...shown].sort((a, b) => a.localeCompare(b, lang)));
      expect(shown[0]).toBe(lang === 'fr' ? 'Afghanistan' : 'Afghanistan');
      expect(codes[0]).not.toBe('AF'); // the schema's own order is not the display order
    }
    expect(inEnumOrder([{ value: 'x' }, { value: 'b' }, { value: 'a' }], ['a', 'b']).map((o) => o.value)).toEqual(['a', 'b', 'x']);
  });

  it('gives every checkbox the default "no" (false), so that an unticked box is an answer, not a missing field', () => {
    const booleans: string[] = [];
    const walk = (x: unknown, path: string) => {
      if (!x || typeof x !== 'object') return;
      const o = x as Json;
      if (o.type === 'boolean') booleans.push(`${path}=${JSON.stringify(o.default)}`);
      for (const [k, v] of Object.entries(o)) walk(v, k === 'properties' || k === 'items' ? path : `${path}/${k}`);
    };
    walk(schema, '');
    expect(booleans.length).toBeGreaterThanOrEqual(2);
    expect(booleans.filter((b) => !b.endsWith('=false'))).toEqual([]);
    const bg = props((props(schema).background as { items: Json }).items);
    expect(bg.fromZrr!.default).toBe(false);
  });

  it('drops the values of properties hidden by their ui:condition, and emptied inputs', () => {
    const ui = displayUiSchema(doc.uiSchema as Json, schema);
    const data = { background: [{ key: 'bg-1', type: 'trademark', title: '', exportControl: { category: 'none' } }] };
    expect(pruneHidden(data, ui)).toEqual({ background: [{ key: 'bg-1', type: 'trademark' }] });
    const kept = { background: [{ key: 'bg-1', type: 'software', exportControl: { category: 'none' } }] };
    expect(pruneHidden(kept, ui)).toEqual(kept);
  });
});

describe('server errors at the field', () => {
  const problem = {
    status: 400,
    errors: [
      { path: 'results/0/ownership', pointer: '/results/0/ownership', message: 'Les quotes-parts totalisent 90 %' },
      { path: 'signatory/email', pointer: '/signatory/email', message: 'Adresse invalide' },
      { path: 'a~1b', pointer: '/a~1b', message: 'escaped' },
      { nonsense: true },
    ],
  };

  it('maps each JSON pointer to rjsf extraErrors, the summary link to the field id', () => {
    const errors = fieldErrorsOf(problem);
    expect(errors).toHaveLength(3);
    expect(toExtraErrors(errors)).toEqual({
      results: { 0: { ownership: { __errors: ['Les quotes-parts totalisent 90 %'] } } },
      signatory: { email: { __errors: ['Adresse invalide'] } },
      'a/b': { __errors: ['escaped'] },
    });
    expect(fieldId('/results/0/ownership')).toBe('root_results_0_ownership');
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(valueAt({ results: [{ ownership: [{ pct: 40 }] }] }, '/results/0/ownership/0/pct')).toBe(40);
    expect(fieldErrorsOf({ title: 'no errors' })).toEqual([]);
  });
});

describe('web/src/forms/declaration-validator.js', () => {
  it('is what scripts/web-form-validator.ts precompiles from the current form (run `npm run web:types` when it drifts)', () => {
    const generated = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/web-form-validator.ts', '--stdout'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 32 << 20,
    });
    const checkedIn = readFileSync(join(root, 'web/src/forms/declaration-validator.js'), 'utf8');
    expect(checkedIn.length).toBe(generated.length);
    expect(checkedIn === generated).toBe(true);
    expect(generated).not.toMatch(/require\(|new Function/);
  }, 60_000);
});
