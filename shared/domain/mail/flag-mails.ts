import type { Language } from '../common';
import type { Flag } from '../risk/lifecycle';
import { render, type Block, type Email } from './render';

const SEV: Record<Language, Record<string, string>> = {
  fr: { critical: 'CRITIQUE', high: 'ÉLEVÉ', medium: 'moyen', low: 'faible', info: 'info' },
  en: { critical: 'CRITICAL', high: 'HIGH', medium: 'medium', low: 'low', info: 'info' },
};

/** New serious risk flags, for one member of the legal staff, in their language, with explanations and links. */
export function newFlagsEmail(
  person: { email: string; name: string; language: Language },
  batches: readonly { project: { id: string; acronym: string; title: string }; flags: readonly Flag[] }[],
  webOrigin: string,
): Email {
  const lang = person.language;
  const n = batches.reduce((s, b) => s + b.flags.length, 0);
  const subject =
    lang === 'fr'
      ? `[Vigie] ${n} nouveau${n > 1 ? 'x' : ''} signalement${n > 1 ? 's' : ''} de risque élevé — ${batches.map((b) => b.project.acronym).join(', ')}`
      : `[Vigie] ${n} new serious risk flag${n > 1 ? 's' : ''} — ${batches.map((b) => b.project.acronym).join(', ')}`;
  const blocks: Block[] = [{ kind: 'p', text: lang === 'fr' ? `Bonjour ${person.name},` : `Hello ${person.name},` }];
  for (const b of batches) {
    blocks.push({ kind: 'p', text: `${b.project.acronym} — ${b.project.title}` });
    for (const f of b.flags) {
      blocks.push({ kind: 'p', text: `[${SEV[lang][f.severity] ?? f.severity}] ${f.ruleId} — ${f.title[lang]}` });
      blocks.push({ kind: 'p', text: f.explanation[lang] });
      blocks.push({ kind: 'link', text: lang === 'fr' ? 'Voir le signalement' : 'Open the flag', href: `${webOrigin}/projects/${b.project.id}/flags/${f.id}` });
    }
  }
  return render([person.email], subject, blocks, lang);
}
