import { useState } from 'react';
import { useI18n } from '../../i18n';
import { shortHash } from './file-facts';

/**
 * A SHA-256: shortened (`3f2a9c1e…7b41e0d2`) or in full, with a copy button. The full value is always in the
 * title and read by screen readers; if the clipboard is refused the full value is shown to select by hand.
 */
export function HashValue({ value, label, full = false }: { value: string; label: string; full?: boolean }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'shown'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => {
        setState('copied');
        window.setTimeout(() => setState('idle'), 2000);
      },
      () => setState('shown'),
    );
  };
  const whole = full || state === 'shown';
  return (
    <span className={`hash-value${whole ? ' hash-value-full' : ''}`}>
      <code className="hash" title={value} data-sha256={value}>
        {whole ? (
          value
        ) : (
          <>
            <span aria-hidden="true">{shortHash(value)}</span>
            <span className="visually-hidden">{value}</span>
          </>
        )}
      </code>
      <button type="button" className="copy-button" onClick={copy} aria-label={t('documents.copyLabel', { what: label })}>
        {state === 'copied' ? t('documents.copied') : t('documents.copy')}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? t('documents.copiedLabel', { what: label }) : ''}
      </span>
    </span>
  );
}
