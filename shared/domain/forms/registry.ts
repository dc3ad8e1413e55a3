import { z } from 'zod';
import { languageSchema } from '../common';
import { JSON_SCHEMA_DIALECT, toJsonSchema, type JsonSchema } from './json-schema';
import type { Lang } from './labels';
import { organizationForm } from './organization-form';
import { projectForm } from './project-form';
import { buildUiSchema, type FormLayout, type UiNode } from './ui-schema';

/**
 * The forms served by `GET /forms/{formId}`. A form is the zod INPUT schema the server validates that
 * body with, plus a layout; the JSON Schema and the uiSchema are both derived from that zod schema, so
 * the form cannot drift from the server. To add a form (e.g. `declaration`): write its layout next to
 * ./organization-form.ts, its labels in ./labels.ts (fr and en), list it below.
 */
export interface FormDefinition {
  id: string;
  /** The schema the server parses the body with (`parseOrThrow`). */
  schema: z.ZodType;
  layout: FormLayout;
}

export interface FormDocument {
  formId: string;
  lang: Lang;
  schemaDialect: typeof JSON_SCHEMA_DIALECT;
  schema: JsonSchema;
  uiSchema: UiNode;
}

const FORMS: ReadonlyMap<string, FormDefinition> = new Map([organizationForm, projectForm].map((f) => [f.id, f]));

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

const schemas = new Map<string, JsonSchema>();
const documents = new Map<string, FormDocument>();

/** The served document, built once per form and language (then cached for the container's life). */
export function getFormDocument(formId: string, lang: Lang): FormDocument | undefined {
  const form = FORMS.get(formId);
  if (!form) return undefined;
  const key = `${formId}|${lang}`;
  let doc = documents.get(key);
  if (!doc) {
    let schema = schemas.get(formId);
    if (!schema) schemas.set(formId, (schema = deepFreeze(toJsonSchema(form.schema, { io: 'input' }))));
    doc = deepFreeze({ formId, lang, schemaDialect: JSON_SCHEMA_DIALECT, schema, uiSchema: buildUiSchema(formId, form.schema, form.layout, lang) });
    documents.set(key, doc);
  }
  return doc;
}
