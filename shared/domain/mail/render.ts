import type { Language } from '../common';

/**
 * Email rendering, pure: every user-supplied text (project titles, names, comments) is data, escaped in
 * the HTML part; the text part is plain. Templates build a list of blocks; `render` turns them into both parts.
 */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type Block = { kind: 'p'; text: string } | { kind: 'list'; items: { text: string; link?: string }[] } | { kind: 'link'; text: string; href: string };

export interface Email {
  to: string[];
  subject: string;
  text: string;
  html: string;
  language: Language;
}

const safeHref = (href: string) => (/^https?:\/\//.test(href) ? href : '#');

export function render(to: string[], subject: string, blocks: readonly Block[], language: Language): Email {
  const text: string[] = [];
  const html: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'p') {
      text.push(b.text, '');
      html.push(`<p>${escapeHtml(b.text)}</p>`);
    } else if (b.kind === 'list') {
      for (const i of b.items) text.push(`- ${i.text}${i.link ? `\n  ${i.link}` : ''}`);
      text.push('');
      html.push(
        `<ul>${b.items.map((i) => `<li>${i.link ? `<a href="${escapeHtml(safeHref(i.link))}">${escapeHtml(i.text)}</a>` : escapeHtml(i.text)}</li>`).join('')}</ul>`,
      );
    } else {
      // French puts a space before the colon, as everywhere in the product's texts.
      text.push(`${b.text}${language === 'fr' ? ' :' : ':'} ${b.href}`, '');
      html.push(`<p><a href="${escapeHtml(safeHref(b.href))}">${escapeHtml(b.text)}</a></p>`);
    }
  }
  const footer =
    language === 'fr'
      ? 'Vigie — protection de la propriété intellectuelle du pôle. Message automatique.'
      : 'Vigie — the pôle’s IP protection workflow. Automatic message.';
  text.push('--', footer);
  html.push(`<hr><p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`);
  return {
    to,
    subject,
    text: text.join('\n'),
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif">${html.join('\n')}</body></html>`,
    language,
  };
}
