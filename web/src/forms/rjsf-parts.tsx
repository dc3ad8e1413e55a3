import type { IconButtonProps, ObjectFieldTemplateProps, RJSFValidationError, WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds, getUiOptions, TranslatableString } from '@rjsf/utils';
import { getDefaultRegistry } from '@rjsf/core';
import { Fragment, useMemo } from 'react';
import type { Lang } from '../i18n';
import { translate } from '../i18n';
import { conditionHolds, inEnumOrder, type Json } from './display-schema';

/** What the page gives the form's templates and widgets (rjsf's `formContext`). */
export interface FormContext {
  lang: Lang;
  partners: { id: string; name: string }[];
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The sum of `field` over `items`, exact to 4 decimals (the API's rule: 33.33 + 33.33 + 33.34 = 100). */
export function shareTotal(items: unknown, field: string): number {
  if (!Array.isArray(items)) return 0;
  const tenThousandths = items.reduce<number>((sum, it) => {
    const v = isObj(it) ? it[field] : undefined;
    return sum + (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10_000) : 0);
  }, 0);
  return tenThousandths / 10_000;
}

function ShareTotal({ items, field, mustEqual, lang }: { items: unknown; field: string; mustEqual: number; lang: Lang }) {
  const total = shareTotal(items, field);
  const ok = total === mustEqual;
  const shown = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 4 }).format(total);
  return (
    <p className={`share-total ${ok ? 'share-total-ok' : 'share-total-ko'}`} role="status" aria-live="polite">
      <strong>{translate(lang, 'declForm.shareTotal', { total: shown })}</strong> — {translate(lang, ok ? 'declForm.shareOk' : 'declForm.shareKo')}
    </p>
  );
}

/**
 * Objects: the root in the uiSchema's sections (one card each, with a heading), nested objects in a fieldset.
 * Hides the properties whose `ui:condition` does not hold, and adds the live total under a list whose
 * `ui:options.sumOf` asks for one (the ownership shares of a result).
 */
export function ObjectTemplate(props: ObjectFieldTemplateProps) {
  const { properties, uiSchema, formData, title, description, fieldPathId, registry } = props;
  const ctx = registry.formContext as FormContext;
  const visible = properties.filter((p) => !p.hidden && conditionHolds(uiSchema?.[p.name] as Json | undefined, formData));
  const render = (p: (typeof properties)[number]) => {
    const opts = (uiSchema?.[p.name] as Json | undefined)?.['ui:options'];
    const sum = isObj(opts) && typeof opts.sumOf === 'string' ? opts : undefined;
    return (
      <Fragment key={p.name}>
        {p.content}
        {sum && (
          <ShareTotal
            items={isObj(formData) ? formData[p.name] : undefined}
            field={sum.sumOf as string}
            mustEqual={typeof sum.mustEqual === 'number' ? sum.mustEqual : 100}
            lang={ctx.lang}
          />
        )}
      </Fragment>
    );
  };
  const sections = uiSchema?.['ui:sections'] as { id: string; title: string; fields: string[] }[] | undefined;
  if (sections) {
    return (
      <>
        {sections.map((s) => (
          <section key={s.id} id={`section-${s.id}`} className="card form-section" aria-labelledby={`section-${s.id}-title`}>
            <div className="card-header">
              <h2 id={`section-${s.id}-title`}>{s.title}</h2>
            </div>
            {visible.filter((p) => s.fields.includes(p.name)).map(render)}
          </section>
        ))}
      </>
    );
  }
  return (
    <fieldset id={fieldPathId.$id} className="form-object">
      {title && getUiOptions(uiSchema).label !== false && <legend>{title}</legend>}
      {description && <div className="form-help">{description}</div>}
      {visible.map(render)}
    </fieldset>
  );
}

/** "+ Ajouter (Résultat)": a visible, specific name (rjsf's default is an icon whose name is the same for every list). */
export function AddButton({ id, onClick, disabled, uiSchema, registry }: IconButtonProps) {
  const options = getUiOptions(uiSchema);
  const label = typeof options.addLabel === 'string' ? options.addLabel : registry.translateString(TranslatableString.AddItemButton);
  const items = uiSchema?.items as Json | undefined;
  const what = typeof items?.['ui:title'] === 'string' ? items['ui:title'] : undefined;
  return (
    <div className="array-add">
      <button type="button" id={id} className="button button-secondary btn-add" onClick={onClick} disabled={disabled}>
        <span aria-hidden="true">+ </span>
        {label}
        {what ? ` (${what})` : ''}
      </button>
    </div>
  );
}

const DefaultSelectWidget = getDefaultRegistry().widgets.SelectWidget!;

/** rjsf's select, its options in the API's `ui:enumOrder` when it gives one (countries sorted by name, not by code). */
export function OrderedSelectWidget(props: WidgetProps) {
  const { enumOptions, enumOrder } = props.options;
  const ordered = useMemo(() => (enumOptions && Array.isArray(enumOrder) ? inEnumOrder(enumOptions, enumOrder) : enumOptions), [enumOptions, enumOrder]);
  return <DefaultSelectWidget {...props} options={{ ...props.options, enumOptions: ordered }} />;
}

/** A project partner, by name (the API's `organization-picker` among `project-partners`). */
export function OrganizationWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, disabled, readonly, required, registry, placeholder } = props;
  const ctx = registry.formContext as FormContext;
  const known = ctx.partners.some((p) => p.id === value);
  return (
    <select
      id={id}
      name={id}
      className="form-control"
      value={typeof value === 'string' ? value : ''}
      required={required}
      disabled={disabled || readonly}
      aria-describedby={ariaDescribedByIds(id)}
      onChange={(e) => onChange(e.target.value || undefined)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    >
      <option value="">{placeholder || '—'}</option>
      {ctx.partners.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
      {typeof value === 'string' && value && !known && <option value={value}>{value}</option>}
    </select>
  );
}

const FR_STRINGS: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Élément',
  [TranslatableString.EmptyArray]: 'Aucun élément. Utilisez le bouton ci-dessous pour en ajouter.',
  [TranslatableString.YesLabel]: 'Oui',
  [TranslatableString.NoLabel]: 'Non',
  [TranslatableString.CloseLabel]: 'Fermer',
  [TranslatableString.ErrorsLabel]: 'Erreurs',
  [TranslatableString.AddButton]: 'Ajouter',
  [TranslatableString.AddItemButton]: 'Ajouter',
  [TranslatableString.CopyButton]: 'Dupliquer',
  [TranslatableString.MoveDownButton]: 'Descendre',
  [TranslatableString.MoveUpButton]: 'Monter',
  [TranslatableString.RemoveButton]: 'Retirer',
  [TranslatableString.ClearLabel]: 'Effacer',
  [TranslatableString.NowLabel]: "Aujourd'hui",
  [TranslatableString.AriaDateLabel]: 'Choisir une date',
  [TranslatableString.DecrementAriaLabel]: 'Diminuer',
  [TranslatableString.IncrementAriaLabel]: 'Augmenter',
  [TranslatableString.OptionalObjectAdd]: 'Renseigner',
  [TranslatableString.OptionalObjectRemove]: 'Retirer',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Non renseigné',
};

/** rjsf's own texts (buttons, empty lists) in the UI language. */
export function translator(lang: Lang) {
  return (s: TranslatableString, params?: string[]): string => {
    let text = (lang === 'fr' ? FR_STRINGS[s] : undefined) ?? s;
    params?.forEach((p, i) => (text = text.replace(`%${i + 1}`, p)));
    return text;
  };
}

/** Ajv's messages in the UI language (the few keywords the declaration's schema uses). */
export function transformErrors(lang: Lang) {
  const fr: Record<string, (e: RJSFValidationError) => string> = {
    required: () => 'Champ obligatoire',
    pattern: () => 'Format invalide',
    minLength: () => 'Ne peut pas être vide',
    maxLength: (e) => `${String(e.params?.limit)} caractères au plus`,
    maximum: (e) => `${String(e.params?.limit)} au plus`,
    minimum: (e) => `${String(e.params?.limit)} au moins`,
    exclusiveMinimum: (e) => `Doit être supérieur à ${String(e.params?.limit)}`,
    format: () => 'Format invalide',
    enum: () => 'Valeur non proposée',
    type: () => 'Valeur de type incorrect',
    maxItems: (e) => `${String(e.params?.limit)} éléments au plus`,
    uniqueItems: () => 'Chaque valeur une seule fois',
    additionalProperties: () => 'Champ non prévu',
  };
  const en: Record<string, (e: RJSFValidationError) => string> = { pattern: () => 'Invalid format', minLength: () => 'Cannot be empty' };
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((e) => {
      const f = (lang === 'fr' ? fr : en)[e.name ?? ''];
      if (!f) return e;
      const message = f(e);
      return { ...e, message, stack: `${e.property ?? ''} ${message}`.trim() };
    });
}
