import type { Lang } from './lang';
import { idOfEnglish, renderMsg, setEnglishTranslator } from './catalog';

/**
 * French catalog of the API's user-facing messages (problem+json `detail` and `errors[].message`).
 * The code writes messages in English; the HTTP boundary translates them when the caller's language is
 * French. A message missing from the catalog stays in English (never lost). Keys are the exact English
 * texts; messages that embed values are matched by {@link PATTERNS}. test/unit/i18n.test.ts checks that
 * every message literal of shared/domain (and functions/http) has a French translation.
 */

/** Problem titles by problem type slug (`https://vigie.dev/problems/<slug>`). */
export const PROBLEM_TITLES: Record<string, Record<Lang, string>> = {
  validation: { fr: 'Requête invalide', en: 'Invalid request' },
  unauthorized: { fr: 'Authentification requise', en: 'Authentication required' },
  forbidden: { fr: 'Accès refusé', en: 'Forbidden' },
  'not-found': { fr: 'Introuvable', en: 'Not found' },
  conflict: { fr: 'Conflit', en: 'Conflict' },
  'precondition-failed': { fr: 'Version périmée (If-Match)', en: 'Precondition failed' },
  'payload-too-large': { fr: 'Trop volumineux', en: 'Payload too large' },
  'unsupported-media-type': { fr: 'Type de contenu non pris en charge', en: 'Unsupported media type' },
  unprocessable: { fr: 'Requête non traitable', en: 'Unprocessable request' },
  'precondition-required': { fr: 'If-Match requis', en: 'Precondition required' },
  internal: { fr: 'Erreur interne', en: 'Internal error' },
  unavailable: { fr: 'Service momentanément indisponible', en: 'Service temporarily unavailable' },
  'too-many-requests': { fr: 'Trop de requêtes', en: 'Too many requests' },
};

/** The title of a problem type (its full URI or its slug) in `lang`; `fallback` when the type is unknown. */
export function problemTitle(type: string, lang: Lang, fallback?: string): string {
  const slug = type.slice(type.lastIndexOf('/') + 1);
  return PROBLEM_TITLES[slug]?.[lang] ?? fallback ?? PROBLEM_TITLES.validation![lang];
}

/** Exact English message → French. */
export const MESSAGES_FR: Readonly<Record<string, string>> = {
  // Generic (validation.ts, common.ts, http-handler, params, pagination, idempotency)
  Required: 'Obligatoire',
  'Unknown field': 'Champ inconnu',
  'Malformed JSON': 'JSON mal formé',
  'Invalid ETag': 'ETag invalide',
  'Invalid cursor': 'Curseur invalide',
  'Invalid idempotency key': "Clé d'idempotence invalide",
  'The cursor is malformed or belongs to another listing.': 'Le curseur est mal formé ou appartient à une autre liste.',
  'Send If-Match with the ETag you read, so that you do not overwrite a newer version.':
    "Envoyez If-Match avec l'ETag lu, afin de ne pas écraser une version plus récente.",
  'If-Match must be the ETag of the resource, e.g. "3".': 'If-Match doit être l\'ETag de la ressource, par ex. "3".',
  'Idempotency-Key must be 8 to 128 characters among letters, digits and - _ : .':
    'Idempotency-Key doit compter de 8 à 128 caractères parmi les lettres, les chiffres et - _ : .',
  'This Idempotency-Key was already used with a different request body.': 'Cette Idempotency-Key a déjà été utilisée avec un autre corps de requête.',
  'A request with this Idempotency-Key is still being processed.': 'Une requête avec cette Idempotency-Key est encore en cours de traitement.',
  'A bearer token is required.': 'Un jeton Bearer est requis.',
  'The token does not name a user and a role.': 'Le jeton ne désigne pas un utilisateur et un rôle.',
  'A partner token must be bound to an organization.': "Le jeton d'un partenaire doit être rattaché à une organisation.",
  'An unexpected error occurred. Quote the request id to the support team.':
    "Une erreur inattendue s'est produite. Communiquez l'identifiant de la requête au support.",
  'An unexpected error occurred.': "Une erreur inattendue s'est produite.",
  'Send Authorization: Bearer <token> (POST /dev/token gives one locally).': 'Envoyez Authorization: Bearer <jeton> (POST /dev/token en fournit un en local).',
  'Must be a whole number': 'Doit être un nombre entier',
  'At least 1': 'Au moins 1',
  'At most 100': '100 au maximum',
  'Must be a date YYYY-MM-DD': 'Doit être une date AAAA-MM-JJ',
  'Control characters are not allowed': 'Les caractères de contrôle ne sont pas autorisés',
  'Must be an email address': 'Doit être une adresse e-mail',
  'Must be a number': 'Doit être un nombre',
  'Must be a string': 'Doit être une chaîne de caractères',
  'Must be between 0 and 100': 'Doit être compris entre 0 et 100',
  'At most 4 decimals': '4 décimales au maximum',
  'Listed twice': 'Cité deux fois',
  // store and handlers (frequent ones)
  'The organization was changed by someone else; reload it and retry.': "L'organisation a été modifiée par quelqu'un d'autre ; rechargez-la puis réessayez.",
  'The project was changed by someone else; reload it and retry.': "Le projet a été modifié par quelqu'un d'autre ; rechargez-le puis réessayez.",
  'The resource changed or already exists.': 'La ressource a changé ou existe déjà.',
  'Too many concurrent changes; please retry.': 'Trop de modifications simultanées ; veuillez réessayer.',
  'No such document.': 'Document introuvable.',
  'No such flag in this project.': 'Aucune alerte de ce type dans ce projet.',
  'No such staff member.': "Membre de l'équipe introuvable.",
  'The approval workflow of this project has not been started.': "Le workflow d'approbation de ce projet n'a pas été démarré.",
  'The workflow of this project is already started.': 'Le workflow de ce projet est déjà démarré.',
  'A declaration already exists: send If-Match with its current version.': 'Une déclaration existe déjà : envoyez If-Match avec sa version actuelle.',
  'There is no declaration yet: send the first version without If-Match.': "Il n'y a pas encore de déclaration : envoyez la première version sans If-Match.",
  'This organization is already a partner of the project.': 'Cette organisation est déjà partenaire du projet.',
  'This lawyer is already assigned to the project.': 'Cet avocat est déjà affecté au projet.',
  'This document was already confirmed.': 'Ce document a déjà été confirmé.',
  // access.ts
  'No such project.': 'Projet introuvable.',
  'No such organization.': 'Organisation introuvable.',
  'Only the pôle legal staff manage projects.': "Seule l'équipe juridique du pôle gère les projets.",
  "Only the organization's representatives and the pôle legal staff may change its declaration.":
    "Seuls les représentants de l'organisation et l'équipe juridique du pôle peuvent modifier sa déclaration.",
  // organization.ts
  'Must be an ISO 3166-1 alpha-2 country code, e.g. FR': 'Doit être un code pays ISO 3166-1 alpha-2, par ex. FR',
  'Must be a valid SIREN: 9 digits with a valid check digit': 'Doit être un SIREN valide : 9 chiffres avec une clé de contrôle valide',
  'Required for a French organization': 'Obligatoire pour une organisation française',
  'Required for a foreign organization': 'Obligatoire pour une organisation étrangère',
  'Only French organizations have a SIREN; use registrationId': 'Seules les organisations françaises ont un SIREN ; utilisez registrationId',
  'Voting rights add up to more than 100 %': 'Les droits de vote totalisent plus de 100 %',
  'An organization cannot hold itself': 'Une organisation ne peut pas se détenir elle-même',
  // project.ts
  'Up to 30 letters, digits and - _ + . characters': "Jusqu'à 30 caractères parmi les lettres, les chiffres et - _ + .",
  'At least one technology domain': 'Au moins un domaine technologique',
  'Each domain only once': 'Chaque domaine une seule fois',
  'Must be after the start date': 'Doit être postérieure à la date de début',
  'Exactly one partner must be the coordinator': 'Un partenaire et un seul doit être le coordinateur',
  // dev-token.ts
  'Required for a partner': 'Obligatoire pour un partenaire',
  'Only partners are bound to an organization': 'Seuls les partenaires sont rattachés à une organisation',
  // documents.ts
  'Allowed types: PDF, DOCX, ODT, PNG, JPEG, TXT': 'Types acceptés : PDF, DOCX, ODT, PNG, JPEG, TXT',
  'Empty files are not accepted': 'Les fichiers vides ne sont pas acceptés',
  'At most 25 MB': '25 Mo au maximum',
  'The file is a Windows executable': 'Le fichier est un exécutable Windows',
  'The file does not start like a PDF (%PDF-)': 'Le fichier ne commence pas comme un PDF (%PDF-)',
  'The file is not a PNG image': "Le fichier n'est pas une image PNG",
  'The file is not a JPEG image': "Le fichier n'est pas une image JPEG",
  'The file is not an OpenDocument text': "Le fichier n'est pas un texte OpenDocument",
  'The file is not a Word (DOCX) document': "Le fichier n'est pas un document Word (DOCX)",
  'A text file cannot contain NUL bytes': 'Un fichier texte ne peut pas contenir d’octets NUL',
  'A text file must be UTF-8': 'Un fichier texte doit être en UTF-8',
  'The file is empty': 'Le fichier est vide',
  'Nothing was uploaded yet: POST the file to the upload URL first.': "Rien n'a encore été envoyé : envoyez d'abord le fichier (POST) à l'URL de dépôt.",
  // declaration.ts
  'Must be a date between 1900 and 2099': 'Doit être une date comprise entre 1900 et 2099',
  'Must be a country code (FR, US…) or EP, WO, EU': 'Doit être un code pays (FR, US…) ou EP, WO, EU',
  "Must be 'none' or an Annex I category '0' to '9'": "Doit être 'none' ou une catégorie de l'annexe I de '0' à '9'",
  'Must be a whole number of years': "Doit être un nombre entier d'années",
  'Export control applies to technology items only, not to designs or trademarks':
    "Le contrôle des exportations ne s'applique qu'aux éléments technologiques, pas aux dessins et modèles ni aux marques",
  "Must be 'background' or 'result'": "Doit être 'background' ou 'result'",
  "Must be 'requested' or 'granted'": "Doit être 'requested' ou 'granted'",
  'A territory applies to exploitation rights only': "Un territoire ne s'applique qu'aux droits d'exploitation",
  "Must be 'execution' or 'exploitation'": "Doit être 'execution' ou 'exploitation'",
  'Confidentiality survives the project: must be true': 'La confidentialité survit au projet : doit valoir true',
  'Either { organizationId } of a project partner, or { thirdPartyName, country } of a third party':
    "Soit { organizationId } d'un partenaire du projet, soit { thirdPartyName, country } d'un tiers",
  'Not a partner of this project': "N'est pas partenaire de ce projet",
  'Not a partner of this project: name it as a third party (thirdPartyName, country)':
    "N'est pas partenaire de ce projet : désignez-le comme tiers (thirdPartyName, country)",
  'A patent needs its publication number (an identifier of kind patent-publication)':
    'Un brevet doit avoir son numéro de publication (un identifiant de type patent-publication)',
  'Required for a patent or a patent application': 'Obligatoire pour un brevet ou une demande de brevet',
  'A priority date cannot be in the future': 'Une date de priorité ne peut pas être dans le futur',
  'Say what the case-by-case conditions are': 'Précisez les conditions au cas par cas',
  'The beneficiary and the grantor must be different organizations': 'Le bénéficiaire et le concédant doivent être des organisations différentes',
  'A requested right benefits the declaring organization': "Un droit demandé bénéficie à l'organisation déclarante",
  'A granted right is granted by the declaring organization': "Un droit accordé est concédé par l'organisation déclarante",
  'Must be a FR, EP, WO or US publication number, e.g. FR 3 012 345 A1, EP 1 234 567 B1, WO 2019/123456 A1, US 10,123,456 B2, US 2020/0123456 A1':
    'Doit être un numéro de publication FR, EP, WO ou US, par ex. FR 3 012 345 A1, EP 1 234 567 B1, WO 2019/123456 A1, US 10,123,456 B2, US 2020/0123456 A1',
  // control-event.ts
  'More than 50 % of the voting rights is control (Code de commerce L233-3 I 1°): controlAcquired cannot be false':
    'Plus de 50 % des droits de vote confère le contrôle (Code de commerce L233-3 I 1°) : controlAcquired ne peut pas valoir false',
  'Contradicts taxDomicileCountry (send only taxDomicileCountry)': 'Contredit taxDomicileCountry (envoyez seulement taxDomicileCountry)',
  'A control basis means control is acquired: controlAcquired cannot be false':
    'Un fondement de contrôle signifie que le contrôle est acquis : controlAcquired ne peut pas valoir false',
  'Joint control in concert (Code de commerce L233-3 III) names the investors acting in concert':
    'Le contrôle conjoint de concert (code de commerce, art. L233-3 III) nomme les investisseurs agissant de concert',
  'The investor and those acting in concert hold more than 100 % of the voting rights':
    "L'investisseur et ceux qui agissent de concert avec lui détiennent plus de 100 % des droits de vote",
  'A control basis means the shareholder controls: controlling cannot be false':
    "Un fondement de contrôle signifie que l'actionnaire contrôle : controlling ne peut pas valoir false",
  'Applies to natural persons only (set naturalPerson: true)': "Ne s'applique qu'aux personnes physiques (indiquez naturalPerson: true)",
  'A decision date goes with a granted or refused authorisation': 'Une date de décision accompagne une autorisation accordée ou refusée',
  'An organization cannot invest in itself': 'Une organisation ne peut pas investir en elle-même',
  // workflow.ts
  'Must be a number of days': 'Doit être un nombre de jours',
  'Must be a whole number of days': 'Doit être un nombre entier de jours',
  'At least 1 day': 'Au moins 1 jour',
  'At most 365 days': '365 jours au maximum',
  'Required when the lawyer opinion is enabled': "Obligatoire quand l'avis d'avocat est activé",
  'A comment is required to request changes or reject': 'Un commentaire est obligatoire pour demander des modifications ou rejeter',
  'Name at least one partner organization': 'Désignez au moins une organisation partenaire',
  'Only for request-changes': 'Uniquement pour request-changes',
  'Unknown decision': 'Décision inconnue',
  'A workflow needs at least one partner': 'Un workflow doit compter au moins un partenaire',
  'Must be an organization id': "Doit être un identifiant d'organisation",
  'Not a partner of the project': "N'est pas partenaire du projet",
  'Must be a content hash': 'Doit être une empreinte de contenu',
  'The workflow partners are invalid.': 'Les partenaires du workflow sont invalides.',
  'This organization is not a partner of the project.': "Cette organisation n'est pas partenaire du projet.",
  'The agreement is signed: the IP file is locked.': "L'accord est signé : le dossier PI est verrouillé.",
  'Invalid content hash.': 'Empreinte de contenu invalide.',
  'Only a partner decides its own partner approval.': 'Seul un partenaire décide de sa propre approbation.',
  'Only the assignee of this step may decide it.': "Seul l'attributaire de cette étape peut en décider.",
  'The workflow is rejected; legal staff must reopen it first.': "Le workflow est rejeté ; l'équipe juridique doit d'abord le rouvrir.",
  'The agreement is signed: the workflow is closed.': "L'accord est signé : le workflow est clos.",
  'This step has already been decided on the current IP file.': 'Cette étape a déjà été décidée sur le dossier PI actuel.',
  'This step changed meanwhile; reload the workflow and decide again.': 'Cette étape a changé entre-temps ; rechargez le workflow puis décidez à nouveau.',
  'The workflow changed meanwhile (someone else decided); reload it.': "Le workflow a changé entre-temps (quelqu'un d'autre a décidé) ; rechargez-le.",
  'The decision is invalid.': 'La décision est invalide.',
  'The committee approval does not complete the required approvals.': "L'approbation du comité ne complète pas les approbations requises.",
  'Only a rejected workflow can be reopened.': 'Seul un workflow rejeté peut être rouvert.',
  'The lawyer named for the opinion is not assigned to this project.': "L'avocat désigné pour l'avis n'est pas affecté à ce projet.",
  'Not a lawyer of this project: assign it first (PUT /projects/{projectId}/lawyers/{email})':
    "N'est pas un avocat de ce projet : affectez-le d'abord (PUT /projects/{projectId}/lawyers/{email})",
  'This lawyer is named for the lawyer opinion of the workflow: name another lawyer or switch the opinion off first.':
    "Cet avocat est désigné pour l'avis d'avocat du workflow : désignez un autre avocat ou désactivez l'avis d'abord.",
  'The workflow changed meanwhile; retry.': 'Le workflow a changé entre-temps ; réessayez.',
  'The committee has approved: the lawyer opinion can no longer be changed.': "Le comité a approuvé : l'avis d'avocat ne peut plus être modifié.",
  'An agreement can be generated only after the committee has approved.': "Un accord ne peut être généré qu'après l'approbation du comité.",
  'Invalid agreement reference.': "Référence d'accord invalide.",
  'Some required approvals are not on the current IP file.': 'Certaines approbations requises ne portent pas sur le dossier PI actuel.',
  'Signatures are recorded only once the agreement has been generated.': "Les signatures ne sont enregistrées qu'une fois l'accord généré.",
  'This signature is for another version of the agreement.': "Cette signature porte sur une autre version de l'accord.",
  'This partner has already signed.': 'Ce partenaire a déjà signé.',
  'Some required approvals are not on the final IP file.': 'Certaines approbations requises ne portent pas sur le dossier PI final.',
  // risk/lifecycle.ts
  'Unknown action.': 'Action inconnue.',
  'Only the pôle legal staff may waive a flag.': "Seule l'équipe juridique du pôle peut lever une alerte.",
  'A waiver needs a justification.': 'Une levée doit être justifiée.',
  'A mitigation needs a note.': "Une atténuation doit être accompagnée d'une note.",
  'Say what was done to mitigate the risk': 'Indiquez ce qui a été fait pour atténuer le risque',
  'Only the pôle legal staff add flags.': "Seule l'équipe juridique du pôle ajoute des alertes.",
};

/** English plural labels of lists (declaration ARRAY_LABELS and others) → French [plural, "at least one" phrase]. */
const LIST_LABELS: Record<string, [string, string]> = {
  'background items': ['connaissances antérieures', 'au moins une connaissance antérieure'],
  results: ['résultats', 'au moins un résultat'],
  'access rights': ["droits d'accès", "au moins un droit d'accès"],
  contacts: ['contacts', 'au moins un contact'],
  identifiers: ['identifiants', 'au moins un identifiant'],
  owners: ['titulaires', 'au moins un titulaire'],
  jurisdictions: ['juridictions', 'au moins une juridiction'],
  documents: ['documents', 'au moins un document'],
  'technology domains': ['domaines technologiques', 'au moins un domaine technologique'],
  shares: ['quotes-parts', 'au moins une quote-part'],
  publications: ['publications', 'au moins une publication'],
  countries: ['pays', 'au moins un pays'],
  shareholders: ['actionnaires', 'au moins un actionnaire'],
  items: ['éléments', 'au moins un élément'],
  characters: ['caractères', 'au moins un caractère'],
  fields: ['champs', 'au moins un champ'],
};
const plural = (en: string) => LIST_LABELS[en]?.[0] ?? en;

/** What `parseOrThrow` validated (its `what` argument) → French. */
const WHAT: Record<string, string> = {
  'request body': 'corps de la requête',
  'query string': 'paramètres de la requête',
  'workflow configuration': 'configuration du workflow',
  'lawyer opinion settings': "paramètres de l'avis d'avocat",
  'SLA settings': 'délais (SLA)',
  'control event': 'événement de contrôle',
  'lawyer email': "e-mail de l'avocat",
  'organization id': "identifiant d'organisation",
  email: 'e-mail',
  declaration: 'déclaration',
};
const what = (en: string) => WHAT[en] ?? (/^path parameter (.+)$/.exec(en) ? `paramètre de chemin ${en.slice('path parameter '.length)}` : en);

/** Verb phrases of `assertLegal(actor, what)` in workflow.ts. */
const LEGAL_ACTIONS: Record<string, string> = {
  'reopen a rejected workflow': 'rouvrir un workflow rejeté',
  'configure the lawyer opinion': "configurer l'avis d'avocat",
  'change the workflow SLA': 'modifier les délais (SLA) du workflow',
};

const HOLD_KINDS: Record<string, string> = {
  'an exclusive access right': "un droit d'accès exclusif",
  'an assignment': 'une cession',
  'a transfer of results': 'un transfert de résultats',
};

const WORKFLOW_STAGES: Record<string, string> = {};

const BLOCKER_PARTS: [RegExp, (...m: string[]) => string][] = [
  [/^(\d+) open high or critical risk flag\(s\)$/, (n) => `${n} alerte(s) de risque élevé ou critique ouverte(s)`],
  [/^(\d+) foreign-investment \(IEF\) hold\(s\)$/, (n) => `${n} blocage(s) au titre des investissements étrangers (IEF)`],
];

/** The items under optimistic locking (shared/store/locking.ts `LockedEntity`): French subject and gender. */
export const LOCKED_ENTITIES_FR: Record<string, { fr: string; feminine: boolean }> = {
  organization: { fr: "L'organisation", feminine: true },
  project: { fr: 'Le projet', feminine: false },
  partner: { fr: 'Le partenaire', feminine: false },
  'lawyer assignment': { fr: "L'affectation de l'avocat", feminine: true },
  workflow: { fr: 'Le workflow', feminine: false },
  declaration: { fr: 'La déclaration', feminine: true },
  'staff member': { fr: "Le membre de l'équipe", feminine: false },
  flag: { fr: "L'alerte", feminine: true },
  document: { fr: 'Le document', feminine: false },
  'control event': { fr: "L'événement de contrôle", feminine: false },
  export: { fr: "L'export", feminine: false },
  'publication notice': { fr: 'La notification de publication', feminine: true },
  'change-of-control review': { fr: 'La revue de changement de contrôle', feminine: true },
};
const LOCKED = `(${Object.keys(LOCKED_ENTITIES_FR).join('|')})`;
const entityFr = (e: string) => LOCKED_ENTITIES_FR[e]!.fr;
const changedFr = (e: string) => (LOCKED_ENTITIES_FR[e]!.feminine ? 'a été modifiée' : 'a été modifié');

/** Messages that embed values: English pattern → French. Order matters (specific before generic). */
export const PATTERNS: readonly (readonly [RegExp, (...m: string[]) => string])[] = [
  // zod's own English messages (built-in errors not customized by our schemas)
  [/^Invalid input: expected (\w+), received (\w+)$/, (e, r) => `Entrée invalide : ${e} attendu, ${r} reçu`],
  [/^Invalid input: expected (.+)$/, (e) => `Entrée invalide : ${e} attendu`],
  [/^Invalid option: expected one of (.+)$/, (v) => `Option invalide : une valeur parmi ${v} attendue`],
  [/^Too big: expected (\w+) to have (<=|<)(\S+) (\w+)$/, (_o, adj, n, u) => `Trop grand : ${adj === '<' ? 'moins de' : 'au plus'} ${n} ${plural(u)} attendus`],
  [/^Too big: expected (\w+) to be (<=|<)(\S+)$/, (_o, adj, n) => `Trop grand : ${adj === '<' ? 'inférieur à' : 'au plus'} ${n} attendu`],
  [
    /^Too small: expected (\w+) to have (>=|>)(\S+) (\w+)$/,
    (_o, adj, n, u) => `Trop petit : ${adj === '>' ? 'plus de' : 'au moins'} ${n} ${plural(u)} attendus`,
  ],
  [/^Too small: expected (\w+) to be (>=|>)(\S+)$/, (_o, adj, n) => `Trop petit : ${adj === '>' ? 'supérieur à' : 'au moins'} ${n} attendu`],
  [/^Invalid string: must match pattern (.+)$/, (p) => `Chaîne invalide : doit respecter le motif ${p}`],
  [/^Invalid number: must be a multiple of (.+)$/, (d) => `Nombre invalide : doit être un multiple de ${d}`],
  [/^Invalid discriminator value\. Expected (.+)$/, (o) => `Valeur de discriminant invalide : ${o} attendu`],
  [/^Invalid input: more than one option matched$/, () => 'Entrée invalide : plusieurs options correspondent'],
  [/^Invalid input$/, () => 'Entrée invalide'],
  [
    /^Invalid (email address|UUID|URL|ISO date|ISO datetime|ISO time|string)$/,
    (f) => `${f === 'email address' ? 'Adresse e-mail' : f === 'string' ? 'Chaîne' : f} invalide`,
  ],
  [/^Invalid value in (\w+)$/, (o) => `Valeur invalide dans ${o}`],
  [/^Invalid key in (\w+)$/, (o) => `Clé invalide dans ${o}`],
  // validation.ts / declaration.ts / control-event.ts details
  [/^The (.+) is invalid: (\d+) error\(s\)\.$/, (w, n) => `Requête invalide (${what(w)}) : ${n} erreur(s).`],
  [/^The declaration cannot be submitted: (\d+) error\(s\)\.$/, (n) => `La déclaration ne peut pas être soumise : ${n} erreur(s).`],
  [/^The declaration exceeds its limits: (\d+) field\(s\)\.$/, (n) => `La déclaration dépasse ses limites : ${n} champ(s).`],
  // http-handler.ts, local server
  [/^The body is larger than (\d+) bytes\.$/, (n) => `Le corps de la requête dépasse ${n} octets.`],
  [/^The request is larger than (\d+) bytes\.$/, (n) => `La requête dépasse ${n} octets.`],
  [/^Too many requests; retry in (\d+) s\.$/, (n) => `Trop de requêtes ; réessayez dans ${n} s.`],
  [
    /^Send the body as application\/json \(got (.*)\)\.$/,
    (t) => `Envoyez le corps au format application/json (reçu : ${t === 'no content type' ? 'aucun type de contenu' : t}).`,
  ],
  [/^Send the body as UTF-8 JSON \(got charset (.*)\)\.$/, (c) => `Envoyez le corps en JSON encodé en UTF-8 (reçu : charset ${c}).`],
  [/^The body is not valid JSON: (.*)$/s, (m) => `Le corps de la requête n'est pas un JSON valide : ${m}`],
  [/^No route for (\S+) (\S+)\.$/, (m, p) => `Aucune route pour ${m} ${p}.`],
  [/^The token was refused: (.*)$/s, (m) => `Le jeton a été refusé : ${m}`],
  // common.ts, declaration.ts, params.ts: lengths and counts
  [/^At most (\S+) characters$/, (n) => `${n} caractères au maximum`],
  [/^At least (\S+) characters$/, (n) => `Au moins ${n} caractères`],
  [/^At most (\S+) shareholders linked to registered organizations$/, (n) => `${n} actionnaires liés à des organisations enregistrées au maximum`],
  [/^At least (\S+) characters explaining why the risk is accepted$/, (n) => `Au moins ${n} caractères expliquant pourquoi le risque est accepté`],
  [
    /^At least one of the (.+)$/,
    (l) => {
      const fr = LIST_LABELS[l]?.[1];
      return fr ? fr[0]!.toUpperCase() + fr.slice(1) : `Au moins un élément (${l})`;
    },
  ],
  [/^At most (\S+) (.+)$/, (n, l) => `${n} ${plural(l)} au maximum`],
  [/^At least (\S+) (.+)$/, (n, l) => `Au moins ${n} ${plural(l)}`],
  [/^Must be an identifier starting with (\S+)$/, (p) => `Doit être un identifiant commençant par ${p}`],
  [/^One or more of: (.+)$/, (v) => `Une ou plusieurs valeurs parmi : ${v}`],
  [/^Between (\S+) and (\S+) years$/, (a, b) => `Entre ${a} et ${b} ans`],
  [
    /^An Annex I entry of category (\S+): (\S+), a letter A–E and 3 digits, e\.g\. (\S+) or (\S+)$/,
    (c, c2, e1, e2) => `Une entrée de l'annexe I de catégorie ${c} : ${c2}, une lettre de A à E et 3 chiffres, par ex. ${e1} ou ${e2}`,
  ],
  [/^Must be one of: (.+)$/, (v) => `Doit être l'une des valeurs : ${v}`],
  [
    /^A key of 1 to (\S+) letters, digits, '\.', '-' or '_', e\.g\. bg-1$/,
    (n) => `Une clé de 1 à ${n} caractères parmi les lettres, les chiffres, '.', '-' et '_', par ex. bg-1`,
  ],
  [/^Key "(.*)" is already used by (.+)$/, (k, at) => `La clé « ${k} » est déjà utilisée par ${at}`],
  [/^Shares add up to (.+) %; they must add up to exactly 100 %$/, (x) => `Les quotes-parts totalisent ${x} % ; elles doivent totaliser exactement 100 %`],
  [
    /^Planned before the patent filing \((.+)\): publishing first would destroy novelty$/,
    (d) => `Prévue avant le dépôt du brevet (${d}) : publier d'abord détruirait la nouveauté`,
  ],
  [/^No background item with key "(.*)" in this declaration$/, (k) => `Aucune connaissance antérieure de clé « ${k} » dans cette déclaration`],
  [
    /^No background item with key "(.*)" in that partner's declaration$/,
    (k) => `Aucune connaissance antérieure de clé « ${k} » dans la déclaration de ce partenaire`,
  ],
  [/^No result with key "(.*)" in this declaration$/, (k) => `Aucun résultat de clé « ${k} » dans cette déclaration`],
  // access.ts, workflow.ts
  [/^This action needs one of the roles: (.+)\.$/, (r) => `Cette action requiert l'un des rôles : ${r}.`],
  [/^Only the pôle legal staff may (.+)\.$/, (w) => `Seule l'équipe juridique du pôle peut ${LEGAL_ACTIONS[w] ?? w}.`],
  [/^No step (.+) in this workflow\.$/, (s) => `Aucune étape ${s} dans ce workflow.`],
  [
    /^This step is not open: the workflow is at the (.+) stage\.$/,
    (s) => `Cette étape n'est pas ouverte : le workflow en est à l'étape ${WORKFLOW_STAGES[s] ?? s}.`,
  ],
  [
    /^This step cannot be approved while there are (.+)\.$/,
    (parts) =>
      `Cette étape ne peut pas être approuvée tant qu'il y a ${parts
        .split(' and ')
        .map((p) => applyPatterns(p, BLOCKER_PARTS) ?? p)
        .join(' et ')}.`,
  ],
  // risk/holds.ts, risk/lifecycle.ts
  [
    /^Refused: (.+) to organization (\S+) is held while foreign-investment \(IEF\) flag\(s\) (.+) are open\.$/,
    (k, org, flags) =>
      `Refusé : ${HOLD_KINDS[k] ?? k} au profit de l'organisation ${org} est bloqué tant que les alertes investissements étrangers (IEF) ${flags} sont ouvertes.`,
  ],
  [
    /^Refused: the declaration gives (\d+) exclusive right\(s\) or result share\(s\) to a partner held by foreign-investment \(IEF\) flag\(s\) (.+)\.$/,
    (n, flags) =>
      `Refusé : la déclaration accorde ${n} droit(s) exclusif(s) ou quote(s)-part(s) de résultat à un partenaire bloqué par les alertes investissements étrangers (IEF) ${flags}.`,
  ],
  [/^Flag (\S+) is closed: its condition is no longer present\.$/, (id) => `L'alerte ${id} est close : sa condition n'est plus remplie.`],
  [/^Cannot (\S+) flag (\S+): it is (\S+)\.$/, (a, id, s) => `Impossible d'appliquer l'action ${a} à l'alerte ${id} : elle est à l'état ${s}.`],
  [
    /^The (organization|project|workflow) is at version (\d+), not (\d+)\.$/,
    (w, a, b) => `${w === 'organization' ? "L'organisation" : w === 'project' ? 'Le projet' : 'Le workflow'} est à la version ${a}, pas ${b}.`,
  ],
  // store/locking.ts
  [
    new RegExp(`^The ${LOCKED} is at version (\\d+), not (\\d+); reload it and retry\\.$`),
    (e, a, b) => `${entityFr(e)} est à la version ${a}, et non ${b} ; rechargez puis réessayez.`,
  ],
  [
    new RegExp(`^The ${LOCKED} changed meanwhile \\(now at version (\\d+)\\); reload it and retry\\.$`),
    (e, a) => `${entityFr(e)} ${changedFr(e)} entre-temps (version ${a} désormais) ; rechargez puis réessayez.`,
  ],
  [new RegExp(`^The ${LOCKED} changed meanwhile; retry\\.$`), (e) => `${entityFr(e)} ${changedFr(e)} entre-temps ; réessayez.`],
  [new RegExp(`^The ${LOCKED} no longer exists; reload it\\.$`), (e) => `${entityFr(e)} n'existe plus ; rechargez.`],
  [new RegExp(`^The ${LOCKED} already exists\\.$`), (e) => `${entityFr(e)} existe déjà.`],
  [
    /^The declaration is no longer at version (\d+); reload it and retry\.$/,
    (n) => `La déclaration n'est plus à la version ${n} ; rechargez-la puis réessayez.`,
  ],
  [/^Version (\d+) is already submitted\.$/, (n) => `La version ${n} est déjà soumise.`],
  // documents
  [/^The file is larger than (\d+) bytes$/, (n) => `Le fichier dépasse ${n} octets`],
  [/^The file has (\d+) bytes, not the (\d+) declared$/, (n, d) => `Le fichier fait ${n} octets, et non les ${d} déclarés`],
  [/^This document is already (available|rejected)\.$/, (s) => `Ce document est déjà ${s === 'available' ? 'disponible' : 'refusé'}.`],
  [/^The file was refused and deleted: (.+)\.$/, (r) => `Le fichier a été refusé et supprimé : ${translateMessage(r, 'fr')}.`],
];

function applyPatterns(msg: string, patterns: readonly (readonly [RegExp, (...m: string[]) => string])[]): string | undefined {
  for (const [re, fr] of patterns) {
    const m = re.exec(msg);
    if (m) return fr(...m.slice(1));
  }
  return undefined;
}

/** `message` in `lang`: English is the source; French comes from the catalog, else the English text stays. */
export function translateMessage(message: string, lang: Lang): string {
  if (lang === 'en' || !message) return message;
  const id = idOfEnglish(message);
  if (id) return renderMsg({ id }, lang);
  return MESSAGES_FR[message] ?? applyPatterns(message, PATTERNS) ?? message;
}

/** Whether the catalog has a French text for `message` (exact or by pattern). */
export const hasFrench = (message: string): boolean => translateMessage(message, 'fr') !== message;

setEnglishTranslator(translateMessage);
