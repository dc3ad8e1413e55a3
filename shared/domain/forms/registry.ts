import * as z from 'zod';
import { languageSchema } from '../common';
import { JSON_SCHEMA_DIALECT, toJsonSchema, type JsonSchema } from './json-schema';
import { declarationForm } from './declaration-form';
import type { Lang } from './labels';
import { organizationForm } from './organization-form';
import { projectForm } from './project-form';
import { buildUiSchema, type FormLayout, type UiNode } from './ui-schema';

/**
 * The forms served by `GET /forms/{formId}`. A form is the zod INPUT schema the server validates that
 * body with, plus a layout; the JSON Schema and the uiSchema are both derived from that zod schema, so
 * the form cannot drift from the server. To add a form (e.g. `declaration`): write its layout next to
 * ./organization-form.ts, its labels in ./labels.ts (fr and en), list it below.
 *
 * A form whose document is saved as drafts before it is submitted (the declaration) also has a
 * `submitSchema`; its document then says `mode: 'draft'`: `schema` is what a save accepts, `submitSchema` what
 * the submission requires (see {@link FormMode}). Both are in the same document (one request, one cache
 * entry) rather than behind a `?mode=` parameter: a UI validates as the user types with `schema` and lists
 * what is still missing with `submitSchema`; the uiSchema serves both (same properties).
 */
export interface FormDefinition {
  id: string;
  /** The schema the server parses the body with (`parseOrThrow`); for a form with drafts, the draft schema. */
  schema: z.ZodType;
  /** For a form with drafts: the schema the submission is parsed with (before its cross-field rules). */
  submitSchema?: z.ZodType;
  layout: FormLayout;
}

/**
 * What `schema` describes:
 * - `complete`: the whole body of the request (organization, project): one step, no drafts;
 * - `draft`: a draft as saved (every field optional, what is present valid); `submitSchema` is then the
 *   complete document the submission requires.
 */
export type FormMode = 'complete' | 'draft';

export interface FormDocument {
  formId: string;
  lang: Lang;
  schemaDialect: typeof JSON_SCHEMA_DIALECT;
  mode: FormMode;
  schema: JsonSchema;
  /** Only with `mode: 'draft'`: the JSON Schema of the complete document (same dialect). */
  submitSchema?: JsonSchema;
  uiSchema: UiNode;
}

const FORMS: ReadonlyMap<string, FormDefinition> = new Map([organizationForm, projectForm, declarationForm].map((f) => [f.id, f]));

export const formIds = (): string[] => [...FORMS.keys()];
export const formDefinition = (formId: string): FormDefinition | undefined => FORMS.get(formId);

/** `?lang=` of `GET /forms/{formId}`: fr (default) or en. */
export const formQuerySchema = z.object({ lang: languageSchema.default('fr').describe('Language of the labels and help texts of the uiSchema') });

/** Cached documents are shared by every request of the container: make them immutable. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const schemas = new Map<z.ZodType, JsonSchema>();
const documents = new Map<string, FormDocument>();

/** The JSON Schema of a zod schema, built once (shared by the documents of every language). */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let json = schemas.get(schema);
  if (!json) schemas.set(schema, (json = deepFreeze(toJsonSchema(schema, { io: 'input' }))));
  return json;
}

/** The served document, built once per form and language (then cached for the container's life). */
export function getFormDocument(formId: string, lang: Lang): FormDocument | undefined {
  const form = FORMS.get(formId);
  if (!form) return undefined;
  const key = `${formId}|${lang}`;
  let doc = documents.get(key);
  if (!doc) {
    const uiSchema = buildUiSchema(formId, form.schema, form.layout, lang);
    doc = deepFreeze(
      form.submitSchema
        ? {
            formId,
            lang,
            schemaDialect: JSON_SCHEMA_DIALECT,
            mode: 'draft' as const,
            schema: jsonSchemaOf(form.schema),
            submitSchema: jsonSchemaOf(form.submitSchema),
            uiSchema,
          }
        : { formId, lang, schemaDialect: JSON_SCHEMA_DIALECT, mode: 'complete' as const, schema: jsonSchemaOf(form.schema), uiSchema },
    );
    documents.set(key, doc);
  }
  return doc;
}
