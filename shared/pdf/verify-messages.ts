import type { Lang } from '../domain/i18n/lang';
import type { Finding, VerifyResult } from './verify-agreement';

/**
 * What `npm run verify-agreement` prints, in French (default) or English. Like the risk rules' explanations,
 * these texts keep their own { fr, en } pairs: they are a report, not API errors of the message catalogue.
 */

type Text = Record<Lang, string>;

/** "1–3, 5, 7–9": page numbers as ranges. */
export function pageRanges(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** "de la page 3" / "des pages 1–3" in French, "page 3" / "pages 1–3" in English. */
const ofPages = (pages: readonly number[], lang: Lang): string => {
  const plural = pages.length > 1;
  if (lang === 'fr') return `${plural ? 'des pages' : 'de la page'} ${pageRanges(pages)}`;
  return `${plural ? 'pages' : 'page'} ${pageRanges(pages)}`;
};
const quote = (v: string | undefined, lang: Lang): string =>
  v === undefined ? (lang === 'fr' ? '(absent)' : '(none)') : lang === 'fr' ? `« ${v} »` : `"${v}"`;

const FIELD_NAMES: Record<string, Text> = {
  title: { fr: 'titre', en: 'title' },
  subject: { fr: 'sujet', en: 'subject' },
  author: { fr: 'auteur', en: 'author' },
  keywords: { fr: 'mots-clés', en: 'keywords' },
  creator: { fr: 'application de création', en: 'creator' },
  producer: { fr: 'producteur', en: 'producer' },
  creationDate: { fr: 'date de création', en: 'creation date' },
  modificationDate: { fr: 'date de modification', en: 'modification date' },
  language: { fr: 'langue', en: 'language' },
  documentId: { fr: 'identifiant du document', en: 'document id' },
  version: { fr: 'version', en: 'version' },
};

export function describeFinding(f: Finding, lang: Lang): string {
  const t = (fr: string, en: string): string => (lang === 'fr' ? fr : en);
  switch (f.code) {
    case 'unreadable':
      return t(`Le fichier n'est pas un PDF lisible : ${f.reason}`, `The file is not a readable PDF: ${f.reason}`);
    case 'attachment-missing':
      return t(
        "Le PDF ne contient pas de pièce jointe « agreement-model.json » : le modèle de contenu qui prouve l'accord est absent.",
        'The PDF has no "agreement-model.json" attachment: the content model that proves the agreement is missing.',
      );
    case 'attachment-unreadable':
      return t(`La pièce jointe « agreement-model.json » est illisible : ${f.reason}`, `The "agreement-model.json" attachment cannot be read: ${f.reason}`);
    case 'attachment-not-json':
      return t(
        `La pièce jointe « agreement-model.json » n'est pas un JSON UTF-8 valide : ${f.reason}`,
        `The "agreement-model.json" attachment is not valid UTF-8 JSON: ${f.reason}`,
      );
    case 'attachment-invalid':
      return t(
        `La pièce jointe n'est pas un modèle d'accord valide : ${f.issues.map((i) => `${i.path || '(racine)'} (${i.message})`).join(' ; ')}`,
        `The attachment is not a valid agreement model: ${f.issues.map((i) => `${i.path || '(root)'} (${i.message})`).join('; ')}`,
      );
    case 'attachment-not-canonical':
      return t(
        "La pièce jointe n'est pas le JSON canonique du modèle (espaces ou ordre des clés modifiés) : son empreinte n'est pas celle qui a été imprimée.",
        'The attachment is not the canonical JSON of the model (spacing or key order changed): its hash is not the one printed.',
      );
    case 'printed-hash-missing':
      return t(
        `Aucune empreinte SHA-256 n'est imprimée au pied ${ofPages(f.pages, lang)}.`,
        `No SHA-256 is printed in the footer of ${ofPages(f.pages, lang)}.`,
      );
    case 'printed-hash-mismatch':
      return t(
        `L'empreinte imprimée au pied ${ofPages(f.pages, lang)} (${f.printed.join(', ')}) n'est pas celle de la pièce jointe (${f.expected}).`,
        `The hash printed in the footer of ${ofPages(f.pages, lang)} (${f.printed.join(', ')}) is not the attachment's (${f.expected}).`,
      );
    case 'keyword-hash-missing':
      return t("Les mots-clés du PDF ne portent pas l'empreinte SHA-256 du modèle.", "The PDF's keywords do not carry the model's SHA-256.");
    case 'keyword-hash-mismatch':
      return t(
        `L'empreinte des mots-clés du PDF (${f.printed}) n'est pas celle de la pièce jointe (${f.expected}).`,
        `The hash in the PDF's keywords (${f.printed}) is not the attachment's (${f.expected}).`,
      );
    case 'renderer-version':
      return t(
        `Ce PDF a été produit par ${quote(f.producer, lang)}, et ce vérificateur rend avec la version ${f.current} du générateur : les écarts ci-dessous peuvent venir de ce seul changement de version.`,
        `This PDF was produced by ${quote(f.producer, lang)}, and this verifier renders with version ${f.current} of the renderer: the differences below may come from that change of version alone.`,
      );
    case 'page-count':
      return t(
        `Le PDF compte ${f.actual} pages ; le rendu du modèle joint en compte ${f.expected}.`,
        `The PDF has ${f.actual} pages; the rendering of the attached model has ${f.expected}.`,
      );
    case 'pages-differ':
      return t(
        `Le contenu ${ofPages(f.pages, lang)} diffère du rendu du modèle joint.`,
        `The content of ${ofPages(f.pages, lang)} differs from the rendering of the attached model.`,
      );
    case 'metadata-differs':
      return t(
        `Métadonnées modifiées : ${f.fields.map((x) => `${FIELD_NAMES[x.field]!.fr} ${quote(x.actual, lang)} au lieu de ${quote(x.expected, lang)}`).join(' ; ')}.`,
        `Metadata changed: ${f.fields.map((x) => `${FIELD_NAMES[x.field]!.en} ${quote(x.actual, lang)} instead of ${quote(x.expected, lang)}`).join('; ')}.`,
      );
    case 'fonts-differ':
      return t(
        'Les polices incorporées diffèrent de celles du rendu du modèle joint.',
        'The embedded fonts differ from those of the rendering of the attached model.',
      );
    case 'attachment-entry-differs':
      return t(
        "L'entrée de la pièce jointe (description, dates, type ou flux compressé) diffère du rendu du modèle joint.",
        "The attachment's entry (description, dates, type or compressed stream) differs from the rendering of the attached model.",
      );
    case 'objects-differ':
      return t(
        `${f.count} objet(s) PDF diffèrent du rendu du modèle joint ou y ont été ajoutés (annotations, actions, ressources…).`,
        `${f.count} PDF object(s) differ from the rendering of the attached model or were added to it (annotations, actions, resources…).`,
      );
    case 'file-layout-differs':
      return f.revisions > 1
        ? t(
            `Le contenu est identique, mais le fichier a été réenregistré : ${f.revisions} révisions (mise à jour incrémentale).`,
            `The content is the same, but the file was saved again: ${f.revisions} revisions (incremental update).`,
          )
        : t(
            'Le contenu est identique, mais les octets du fichier diffèrent du rendu (fichier réenregistré par un autre outil).',
            'The content is the same, but the bytes of the file differ from the rendering (the file was saved again by another tool).',
          );
    case 'api-unreachable':
      return t(`Le serveur n'a pas pu être interrogé : ${f.reason}`, `The server could not be queried: ${f.reason}`);
    case 'api-status':
      return t(`Le serveur a répondu ${f.status} pour cette version de l'accord.`, `The server answered ${f.status} for this version of the agreement.`);
    case 'api-invalid-response':
      return t(
        "La réponse du serveur n'est pas un enregistrement d'accord (JSON attendu).",
        'The server did not answer with an agreement record (JSON expected).',
      );
    case 'api-model-hash':
      return t(
        `Le serveur a enregistré l'empreinte de modèle ${quote(f.server, lang)} ; celle de la pièce jointe est ${f.file}.`,
        `The server recorded the model hash ${quote(f.server, lang)}; the attachment's is ${f.file}.`,
      );
    case 'api-pdf-hash':
      return t(
        `Le serveur a enregistré l'empreinte de PDF ${quote(f.server, lang)} ; celle de ce fichier est ${f.file}.`,
        `The server recorded the PDF hash ${quote(f.server, lang)}; this file's is ${f.file}.`,
      );
    case 'api-document':
      return t(
        `Le serveur indique ${FIELD_NAMES[f.field]!.fr} ${quote(f.server, lang)} ; le fichier porte ${quote(f.file, lang)}.`,
        `The server has ${FIELD_NAMES[f.field]!.en} ${quote(f.server, lang)}; the file carries ${quote(f.file, lang)}.`,
      );
  }
}

/** The report: a verdict line, what the file is, then one line per finding. */
export function formatVerification(result: VerifyResult, file: string, lang: Lang, checkedServer = false): string[] {
  const t = (text: Text): string => text[lang];
  const colon = lang === 'fr' ? ' : ' : ': ';
  const lines: string[] = [];
  lines.push(
    result.intact
      ? `${file}${colon}${t({ fr: 'intact', en: 'intact' })}`
      : `${file}${colon}${t({ fr: 'NON INTÈGRE', en: 'NOT INTACT' })} — ${result.findings.length} ${t({ fr: 'écart(s)', en: 'difference(s)' })}`,
  );
  if (result.model) {
    const m = result.model;
    lines.push(
      `  ${t({ fr: 'document', en: 'document' })} ${m.documentId}, version ${m.version}, ${t({ fr: 'projet', en: 'project' })} ${m.project.acronym} (${m.project.id}), ${m.language}, ${m.generatedAt}`,
    );
  }
  if (result.attachmentSha256) lines.push(`  ${t({ fr: 'SHA-256 du modèle joint', en: 'SHA-256 of the attached model' })}${colon}${result.attachmentSha256}`);
  lines.push(`  ${t({ fr: 'SHA-256 du fichier', en: 'SHA-256 of the file' })}${colon}${result.pdfSha256}`);
  if (result.intact) {
    lines.push(
      `  ${t({
        fr: 'Le modèle joint est valide, son empreinte est celle imprimée sur chaque page, et son rendu redonne ce fichier octet pour octet.',
        en: 'The attached model is valid, its hash is the one printed on every page, and rendering it gives this file byte for byte.',
      })}`,
    );
    if (checkedServer) lines.push(`  ${t({ fr: 'Le serveur a enregistré les mêmes empreintes.', en: 'The server recorded the same hashes.' })}`);
  }
  for (const f of result.findings) lines.push(`  - ${describeFinding(f, lang)}`);
  return lines;
}
