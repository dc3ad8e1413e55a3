import type { WidgetProps } from '@rjsf/utils';
import { ariaDescribedByIds } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { translate } from '../i18n';
import { formatDayMonthYear, parseDayMonthYear } from './dates';
import type { FormContext } from './rjsf-parts';

/**
 * rjsf's DateWidget, replaced: a text input in day/month/year (jj/mm/aaaa) whatever the browser's language — the
 * native date input follows the browser's locale, not the app's. The form's data stays ISO; text that is not a
 * calendar day is passed on as typed, so that the validator flags it at the field.
 */
export function DayMonthYearWidget(props: WidgetProps) {
  const { id, value, onChange, onBlur, onFocus, disabled, readonly, required, registry } = props;
  const { lang } = registry.formContext as FormContext;
  const iso = typeof value === 'string' ? value : '';
  const [text, setText] = useState(() => formatDayMonthYear(iso));
  // The data changed from outside (a restored draft, a reload after saving): show it.
  useEffect(() => {
    if (parseDayMonthYear(text) !== iso && text !== iso) setText(formatDayMonthYear(iso));
  }, [iso]);
  const hintId = `${id}__format`;
  return (
    <>
      <input
        id={id}
        name={id}
        type="text"
        className="form-control date-input"
        inputMode="numeric"
        autoComplete="off"
        placeholder={translate(lang, 'declForm.datePlaceholder')}
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        aria-describedby={`${ariaDescribedByIds(id)} ${hintId}`}
        onChange={(e) => {
          setText(e.target.value);
          const t = e.target.value.trim();
          onChange(t === '' ? undefined : (parseDayMonthYear(t) ?? t));
        }}
        onBlur={() => {
          const parsed = parseDayMonthYear(text);
          if (parsed) setText(formatDayMonthYear(parsed));
          onBlur(id, parsed ?? text);
        }}
        onFocus={() => onFocus(id, iso)}
      />
      <span id={hintId} className="visually-hidden">
        {translate(lang, 'declForm.dateFormat')}
      </span>
    </>
  );
}
