import { httpHandler, type RouteHandler } from '../http/http-handler';
import { NotFoundError } from '../../shared/domain/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { formIds, formQuerySchema, getFormDocument } from '../../shared/domain/forms/registry';
import * as api from '../../shared/api/routes/forms';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * GET /forms/{formId}?lang=fr|en — the JSON Schema (2020-12, derived from the zod schema the server
 * validates the body with) and the uiSchema (sections, order, labels, help, widgets) of a form.
 * Unknown form → 404; `lang` other than fr/en → 400 on `lang`. The document only changes with a deploy.
 */
export const getForm: RouteHandler<typeof api.getForm> = async (req) => {
  const { lang } = parseOrThrow(formQuerySchema, { lang: req.query.lang || undefined }, msg('what.queryString'));
  const formId = req.params.formId ?? '';
  const doc = getFormDocument(formId, lang);
  if (!doc) throw new NotFoundError(msg('form.notFound', { forms: formIds() }));
  return { status: 200, body: doc, headers: { 'cache-control': 'private, max-age=300', 'content-language': lang } };
};

export const handler = httpHandler(api.getForm, getForm);
