import type { Lang } from './lang';

/**
 * The message catalogue: every user-facing message of the API (problem+json `detail` and `errors[].message`)
 * has an id, a French text and an English text. Code never throws a sentence: it throws `msg(id, params)`,
 * and the HTTP boundary (functions/http/problem.ts) renders it in the negotiated language; `Error.message`
 * holds the English rendering, for logs. `{name}` is a placeholder filled from `params` (a number, a string,
 * a list — joined with ", " — or another message, rendered in the same language).
 *
 * French: vouvoiement, the legal vocabulary of the product (déclaration, version, partenaire, avis de
 * l'avocat, comité, levée de l'alerte), a space before ; : ? ! as in the rest of the product's texts.
 * test/unit/i18n.test.ts checks that both texts exist, carry the same placeholders, and that no error is
 * thrown with a raw string. Risk-rule explanations and e-mails keep their own `{ fr, en }` texts.
 */
export const MESSAGES = {
  // ---- generic: HTTP boundary, authentication, preconditions, idempotency, pagination
  'http.unavailable': {
    fr: 'Un service dont dépend Vigie est momentanément surchargé ou indisponible. Réessayez dans quelques secondes.',
    en: 'A service Vigie depends on is temporarily overloaded or unavailable. Try again in a few seconds.',
  },
  'http.internal': {
    fr: "Une erreur inattendue s'est produite. Communiquez l'identifiant de la requête au support.",
    en: 'An unexpected error occurred. Quote the request id to the support team.',
  },
  'http.bodyTooLarge': { fr: 'Le corps de la requête dépasse {max} octets.', en: 'The body is larger than {max} bytes.' },
  'http.notJson': { fr: 'Envoyez le corps au format application/json (reçu : {contentType}).', en: 'Send the body as application/json (got {contentType}).' },
  'http.noContentType': { fr: 'aucun type de contenu', en: 'no content type' },
  'http.notUtf8': { fr: 'Envoyez le corps en JSON encodé en UTF-8 (reçu : charset {charset}).', en: 'Send the body as UTF-8 JSON (got charset {charset}).' },
  'http.malformedJsonDetail': { fr: "Le corps de la requête n'est pas un JSON valide : {reason}", en: 'The body is not valid JSON: {reason}' },
  'http.malformedJson': { fr: 'JSON mal formé', en: 'Malformed JSON' },
  'http.ifMatchRequired': {
    fr: "Envoyez If-Match avec l'ETag lu, afin de ne pas écraser une version plus récente.",
    en: 'Send If-Match with the ETag you read, so that you do not overwrite a newer version.',
  },
  'http.ifMatchInvalid': { fr: 'If-Match doit être l\'ETag de la ressource, par ex. "3".', en: 'If-Match must be the ETag of the resource, e.g. "3".' },
  'http.invalidEtag': { fr: 'ETag invalide', en: 'Invalid ETag' },
  'auth.tokenRequired': { fr: 'Un jeton Bearer est requis.', en: 'A bearer token is required.' },
  'auth.tokenIncomplete': { fr: 'Le jeton ne désigne pas un utilisateur et un rôle.', en: 'The token does not name a user and a role.' },
  'auth.partnerWithoutOrganization': {
    fr: "Le jeton d'un partenaire doit être rattaché à une organisation.",
    en: 'A partner token must be bound to an organization.',
  },
  'auth.devOnly': { fr: "La connexion de développement n'est disponible qu'en local.", en: 'Development sign-in is only available locally.' },
  'idempotency.invalidKeyDetail': {
    fr: 'Idempotency-Key doit compter de 8 à 128 caractères parmi les lettres, les chiffres et - _ : .',
    en: 'Idempotency-Key must be 8 to 128 characters among letters, digits and - _ : .',
  },
  'idempotency.invalidKey': { fr: "Clé d'idempotence invalide", en: 'Invalid idempotency key' },
  'idempotency.reusedWithOtherBody': {
    fr: 'Cette Idempotency-Key a déjà été utilisée avec un autre corps de requête.',
    en: 'This Idempotency-Key was already used with a different request body.',
  },
  'idempotency.inProgress': {
    fr: 'Une requête avec cette Idempotency-Key est encore en cours de traitement.',
    en: 'A request with this Idempotency-Key is still being processed.',
  },
  'pagination.invalidCursorDetail': {
    fr: 'Le curseur est mal formé ou appartient à une autre liste.',
    en: 'The cursor is malformed or belongs to another listing.',
  },
  'pagination.invalidCursor': { fr: 'Curseur invalide', en: 'Invalid cursor' },
  // ---- optimistic locking (shared/store/locking.ts): `entity` is one of the `entity.*` messages
  'lock.gone': { fr: "L'élément concerné ({entity}) n'existe plus ; rechargez-le.", en: 'The {entity} no longer exists; reload it.' },
  'lock.changed': {
    fr: "L'élément concerné ({entity}) a été modifié entre-temps (il est maintenant à la version {current}) ; rechargez-le puis réessayez.",
    en: 'The {entity} changed meanwhile (now at version {current}); reload it and retry.',
  },
  'lock.stale': {
    fr: "L'élément concerné ({entity}) est à la version {current}, et non {expected} ; rechargez-le puis réessayez.",
    en: 'The {entity} is at version {current}, not {expected}; reload it and retry.',
  },
  'lock.exists': { fr: "L'élément concerné ({entity}) existe déjà.", en: 'The {entity} already exists.' },
  'lock.changedRetry': { fr: "L'élément concerné ({entity}) a été modifié entre-temps ; réessayez.", en: 'The {entity} changed meanwhile; retry.' },
  'entity.organization': { fr: "l'organisation", en: 'organization' },
  'entity.project': { fr: 'le projet', en: 'project' },
  'entity.partner': { fr: 'le partenaire', en: 'partner' },
  'entity.lawyerAssignment': { fr: "l'affectation de l'avocat", en: 'lawyer assignment' },
  'entity.workflow': { fr: "le workflow d'approbation", en: 'workflow' },
  'entity.declaration': { fr: 'la déclaration', en: 'declaration' },
  'entity.staffMember': { fr: "le membre de l'équipe", en: 'staff member' },
  'entity.flag': { fr: "l'alerte", en: 'flag' },
  'entity.document': { fr: 'le document', en: 'document' },
  'entity.controlEvent': { fr: "l'événement de contrôle", en: 'control event' },
  'entity.exportJob': { fr: "l'export", en: 'export' },
  'entity.publication': { fr: 'la notification de publication', en: 'publication notice' },
  'entity.controlReview': { fr: 'la revue de changement de contrôle', en: 'change-of-control review' },
  'project.alreadyPartner': { fr: 'Cette organisation est déjà partenaire du projet.', en: 'This organization is already a partner of the project.' },
  'project.lawyerAlreadyAssigned': { fr: 'Cet avocat est déjà affecté au projet.', en: 'This lawyer is already assigned to the project.' },
  'store.conflict': { fr: 'La ressource a changé ou existe déjà.', en: 'The resource changed or already exists.' },
  'store.tooManyConcurrentChanges': { fr: 'Trop de modifications simultanées ; veuillez réessayer.', en: 'Too many concurrent changes; please retry.' },

  // ---- validation (request bodies, query strings, path parameters)
  'validation.invalid': { fr: 'Requête invalide ({what}) : {count} {count|erreur|erreurs}.', en: 'The {what} is invalid: {count} {count|error|errors}.' },
  'what.requestBody': { fr: 'corps de la requête', en: 'request body' },
  'what.queryString': { fr: 'paramètres de la requête', en: 'query string' },
  'what.publication': { fr: 'notification de publication', en: 'publication notice' },
  'what.workflowConfiguration': { fr: 'configuration du workflow', en: 'workflow configuration' },
  'what.reopenRequest': { fr: 'demande de réouverture', en: 'reopen request' },
  'what.lawyerOpinionSettings': { fr: "paramètres de l'avis de l'avocat", en: 'lawyer opinion settings' },
  'what.slaSettings': { fr: 'délais (SLA)', en: 'SLA settings' },
  'what.controlEvent': { fr: 'événement de contrôle', en: 'control event' },
  'what.lawyerEmail': { fr: "adresse e-mail de l'avocat", en: 'lawyer email' },
  'what.organizationId': { fr: "identifiant d'organisation", en: 'organization id' },
  'what.email': { fr: 'adresse e-mail', en: 'email' },
  'what.declaration': { fr: 'déclaration', en: 'declaration' },
  'what.project': { fr: 'projet', en: 'project' },
  'what.pathParameter': { fr: 'paramètre de chemin {name}', en: 'path parameter {name}' },
  'field.required': { fr: 'Champ obligatoire', en: 'Required' },
  'field.unknown': { fr: 'Champ inconnu', en: 'Unknown field' },
  'field.listedTwice': { fr: 'Cité deux fois', en: 'Listed twice' },
  'field.mustBeString': { fr: 'Doit être un texte', en: 'Must be a text' },
  'field.mustBeNumber': { fr: 'Doit être un nombre', en: 'Must be a number' },
  'field.mustBeInteger': { fr: 'Doit être un nombre entier', en: 'Must be a whole number' },
  'field.mustBeList': { fr: 'Doit être une liste', en: 'Must be a list' },
  'field.mustBeObject': { fr: 'Doit être un objet', en: 'Must be an object' },
  'field.mustBeBoolean': { fr: 'Doit être vrai ou faux', en: 'Must be true or false' },
  'field.mustBeNull': { fr: 'Doit être null', en: 'Must be null' },
  'field.mustBeType': { fr: 'Type invalide : {expected} attendu', en: 'Invalid type: expected {expected}' },
  'field.notAllowed': { fr: "Valeur non autorisée : attendu l'une de {values}", en: 'Value not allowed: expected one of {values}' },
  'field.notEmpty': { fr: 'Ne doit pas être vide', en: 'Must not be empty' },
  'field.minChars': { fr: 'Au moins {min} {min|caractère|caractères}', en: 'At least {min} {min|character|characters}' },
  'field.maxChars': { fr: '{max} caractères au maximum', en: 'At most {max} characters' },
  'field.minItems': { fr: 'Au moins {min} {min|élément|éléments}', en: 'At least {min} {min|item|items}' },
  'field.maxItems': { fr: '{max} éléments au maximum', en: 'At most {max} items' },
  'field.maxFields': { fr: '{max} champs au maximum', en: 'At most {max} fields' },
  'field.minNumber': { fr: 'Doit être supérieur ou égal à {min}', en: 'Must be at least {min}' },
  'field.minNumberExclusive': { fr: 'Doit être strictement supérieur à {min}', en: 'Must be greater than {min}' },
  'field.maxNumber': { fr: 'Doit être inférieur ou égal à {max}', en: 'Must be at most {max}' },
  'field.maxNumberExclusive': { fr: 'Doit être strictement inférieur à {max}', en: 'Must be less than {max}' },
  'field.multipleOf': { fr: 'Doit être un multiple de {divisor}', en: 'Must be a multiple of {divisor}' },
  'field.invalidFormat': { fr: 'Format invalide', en: 'Invalid format' },
  'field.mustBeEmail': { fr: 'Doit être une adresse e-mail', en: 'Must be an email address' },
  'field.mustBeDate': { fr: 'Doit être une date AAAA-MM-JJ', en: 'Must be a date YYYY-MM-DD' },
  'field.invalidValue': { fr: 'Valeur invalide', en: 'Invalid value' },
  'field.mustBeOneOf': { fr: "Doit être l'une des valeurs : {values}", en: 'Must be one of: {values}' },
  'field.noSuchOrganization': { fr: 'Organisation introuvable', en: 'No such organization' },
  'field.mustBePositiveInteger': { fr: 'Doit être un nombre entier positif', en: 'Must be a positive whole number' },
  'field.notPartner': { fr: "N'est pas partenaire du projet", en: 'Not a partner of the project' },

  // ---- organizations
  'organization.notFound': { fr: 'Organisation introuvable.', en: 'No such organization.' },
  'organization.idCollision': { fr: "Collision d'identifiants d'organisation ; veuillez réessayer.", en: 'Organization id collision.' },
  'organization.versionStale': {
    fr: "L'organisation est à la version {current}, et non {expected}.",
    en: 'The organization is at version {current}, not {expected}.',
  },
  'organization.changedMeanwhile': {
    fr: "L'organisation a été modifiée par quelqu'un d'autre ; rechargez-la puis réessayez.",
    en: 'The organization was changed by someone else; reload it and retry.',
  },
  'organization.shareholdersMissing': {
    fr: "Certains actionnaires désignent des organisations qui n'existent pas.",
    en: 'Some shareholders point at organizations that do not exist.',
  },
  'organization.shareholdingCycle': {
    fr: 'Ces participations formeraient un cycle : {cycle}.',
    en: 'These shareholdings would form a cycle: {cycle}.',
  },

  // ---- projects
  'project.notFound': { fr: 'Projet introuvable.', en: 'No such project.' },
  'project.invalid': { fr: 'Le projet est invalide.', en: 'The project is invalid.' },
  'project.partnersNotRegistered': {
    fr: 'Certains partenaires ne sont pas des organisations enregistrées.',
    en: 'Some partners are not registered organizations.',
  },
  'project.stageFilterStaffOnly': {
    fr: "Le filtre par étape est réservé à l'équipe juridique et au comité ; vos projets indiquent leur étape.",
    en: 'The stage filter is for legal staff and the committee; your projects show their stage.',
  },
  'project.legalOnly': { fr: "Seule l'équipe juridique du pôle gère les projets.", en: 'Only the pôle legal staff manage projects.' },
  'project.versionStale': { fr: 'Le projet est à la version {current}, et non {expected}.', en: 'The project is at version {current}, not {expected}.' },
  'project.changedMeanwhile': {
    fr: "Le projet a été modifié par quelqu'un d'autre ; rechargez-le puis réessayez.",
    en: 'The project was changed by someone else; reload it and retry.',
  },
  'project.hasCoordinator': {
    fr: "Le projet a déjà un coordinateur : faites-en d'abord un simple partenaire.",
    en: 'The project already has a coordinator: make it a partner first.',
  },
  'project.changedRetry': { fr: 'Le projet a changé entre-temps ; réessayez.', en: 'The project changed meanwhile; retry.' },
  'project.membershipChanged': { fr: 'La liste des partenaires a changé entre-temps ; réessayez.', en: 'The membership changed meanwhile; retry.' },
  'project.notPartner': { fr: "Cette organisation n'est pas partenaire du projet.", en: 'This organization is not a partner of the project.' },
  'project.lawyerNotAssigned': { fr: "Cet avocat n'est pas affecté au projet.", en: 'This lawyer is not assigned to the project.' },
  'access.rolesRequired': { fr: "Cette action requiert l'un des rôles : {roles}.", en: 'This action needs one of the roles: {roles}.' },
  'access.declarationWriters': {
    fr: "Seuls les représentants de l'organisation et l'équipe juridique du pôle peuvent modifier sa déclaration.",
    en: "Only the organization's representatives and the pôle legal staff may change its declaration.",
  },

  // ---- declarations
  'declaration.invalid': {
    fr: 'La déclaration est invalide : {count} {count|erreur|erreurs}.',
    en: 'The declaration is invalid: {count} {count|error|errors}.',
  },
  'declaration.cannotSubmit': {
    fr: 'La déclaration ne peut pas être soumise : {count} {count|erreur|erreurs}.',
    en: 'The declaration cannot be submitted: {count} {count|error|errors}.',
  },
  'declaration.exceedsLimits': {
    fr: 'La déclaration dépasse ses limites : {count} {count|champ|champs}.',
    en: 'The declaration exceeds its limits: {count} {count|field|fields}.',
  },
  'declaration.nothingToSubmit': {
    fr: "Il n'y a aucune déclaration à soumettre : enregistrez-en d'abord une.",
    en: 'There is no declaration to submit: save one first.',
  },
  'declaration.alreadySubmittedSaveNew': {
    fr: 'La version {version} est déjà soumise ; enregistrez une nouvelle version pour la modifier.',
    en: 'Version {version} is already submitted; save a new version to change it.',
  },
  'declaration.alreadySubmitted': { fr: 'La version {version} est déjà soumise.', en: 'Version {version} is already submitted.' },
  'declaration.currentVersionMissing': { fr: 'La version courante de la déclaration est introuvable.', en: 'The current version is missing.' },
  'declaration.documentNotOfOrganization': {
    fr: 'Aucun document de cette organisation dans le projet ne porte cet identifiant',
    en: 'No such document of this organization in the project',
  },
  'declaration.documentNotAvailable': { fr: "Le document n'est pas disponible (état : {status})", en: 'The document is {status}' },
  'declaration.noneSaved': { fr: "Cette organisation n'a encore enregistré aucune déclaration.", en: 'This organization has not saved a declaration yet.' },
  'declaration.noneSubmitted': { fr: "Cette organisation n'a encore soumis aucune déclaration.", en: 'This organization has not submitted a declaration yet.' },
  'declaration.noSuchVersion': { fr: 'Version de la déclaration introuvable.', en: 'No such declaration version.' },
  'declaration.noVersion': { fr: 'La version {version} est introuvable.', en: 'No version {version}.' },
  'declaration.versionNotFound': { fr: 'Version introuvable.', en: 'No such version.' },
  'declaration.noReadableVersion': {
    fr: 'Aucune version {version} consultable de cette déclaration.',
    en: 'No readable version {version} of this declaration.',
  },
  'declaration.versionParamDetail': { fr: '{name} doit être un numéro de version (1, 2, …).', en: '{name} must be a version number (1, 2, …).' },
  'declaration.noneYet': {
    fr: "Il n'existe pas encore de déclaration : envoyez la première version sans If-Match.",
    en: 'There is no declaration yet: send the first version without If-Match.',
  },
  'declaration.versionStale': {
    fr: 'La déclaration est à la version {current}, et non {expected} ; rechargez-la puis réessayez.',
    en: 'The declaration is at version {current}, not {expected}; reload it and retry.',
  },
  'declaration.alreadyExists': {
    fr: 'Une déclaration existe déjà : envoyez If-Match avec sa version courante.',
    en: 'A declaration already exists: send If-Match with its current version.',
  },
  'declaration.noLongerAtVersion': {
    fr: "La déclaration n'est plus à la version {version} ; rechargez-la puis réessayez.",
    en: 'The declaration is no longer at version {version}; reload it and retry.',
  },
  'declaration.changedWhileSubmitting': {
    fr: 'La déclaration a été modifiée pendant sa soumission ; rechargez-la.',
    en: 'The declaration changed while it was being submitted; reload it.',
  },

  // ---- documents
  'document.notFound': { fr: 'Document introuvable.', en: 'No such document.' },
  'document.alreadySettled': { fr: 'Ce document est déjà {status}.', en: 'This document is already {status}.' },
  'document.status.available': { fr: 'disponible', en: 'available' },
  'document.status.rejected': { fr: 'refusé', en: 'rejected' },
  'document.status.pending': { fr: 'en attente', en: 'pending' },
  'document.nothingUploaded': {
    fr: "Aucun fichier n'a encore été déposé : envoyez d'abord le fichier (POST) à l'URL de dépôt.",
    en: 'Nothing was uploaded yet: POST the file to the upload URL first.',
  },
  'document.refused': { fr: 'Le fichier a été refusé et supprimé : {reason}.', en: 'The file was refused and deleted: {reason}.' },
  'document.alreadyConfirmed': { fr: 'Ce document a déjà été confirmé.', en: 'This document was already confirmed.' },
  'document.ownOrganizationOnly': {
    fr: 'Un partenaire ne dépose des documents que pour sa propre organisation.',
    en: 'A partner uploads documents for its own organization only.',
  },
  'document.notYourOrganization': { fr: "N'est pas votre organisation", en: 'Not your organization' },
  'document.nameOrganization': {
    fr: "Désignez l'organisation partenaire à laquelle le document appartient.",
    en: 'Name the partner organization the document belongs to.',
  },
  'document.mustBePartner': { fr: 'Doit être un partenaire du projet', en: 'Must be a partner of the project' },

  // ---- staff
  'staff.notFound': { fr: "Membre de l'équipe introuvable.", en: 'No such staff member.' },
  'staff.versionStale': { fr: "Ce membre de l'équipe est à la version {version}.", en: 'This staff member is at version {version}.' },
  'staff.changedMeanwhile': {
    fr: "Ce membre de l'équipe a été modifié entre-temps ; rechargez-le puis réessayez.",
    en: 'This staff member changed meanwhile; reload and retry.',
  },

  // ---- forms
  'form.notFound': { fr: 'Formulaire introuvable ; les formulaires sont : {forms}.', en: 'No such form; the forms are: {forms}.' },

  // ---- risk flags
  'controlEvent.notFound': { fr: 'Événement de contrôle introuvable pour cette organisation.', en: 'No such control event for this organization.' },
  'controlEvent.withdrawn': {
    fr: "L'événement de contrôle {eventId} a été retiré : il ne peut plus être modifié. Enregistrez un nouvel événement si l'opération revient.",
    en: 'Control event {eventId} was withdrawn: it can no longer be changed. Record a new event if the deal comes back.',
  },
  'controlEvent.completedToPlanned': {
    fr: "L'événement de contrôle {eventId} est réalisé : il ne peut pas redevenir prévu. Retirez-le avec un motif si l'opération a été annulée.",
    en: 'Control event {eventId} is completed: it cannot go back to planned. Withdraw it with a reason if the deal was undone.',
  },
  'controlEvent.statusForwardOnly': { fr: 'Seul le passage de prévu à réalisé est possible', en: 'Only planned → completed is allowed' },
  'flag.notFound': { fr: 'Aucune alerte de ce type dans ce projet.', en: 'No such flag in this project.' },
  'flag.changedMeanwhile': { fr: "L'alerte a changé entre-temps ; rechargez-la.", en: 'The flag changed meanwhile; reload it.' },
  'flag.openOnlyDetail': {
    fr: 'Cette liste ne contient que les alertes ouvertes (et prises en compte) ; les alertes closes ou levées sont listées par projet.',
    en: 'This list holds open (and acknowledged) flags only; closed or waived flags are listed per project.',
  },
  'flag.openOnly': { fr: 'Uniquement open ou acknowledged ici (et non {statuses})', en: 'Only open or acknowledged here (not {statuses})' },
  'flag.unknownAction': { fr: 'Action inconnue.', en: 'Unknown action.' },
  'flag.waiveLegalOnly': { fr: "Seule l'équipe juridique du pôle peut prononcer la levée d'une alerte.", en: 'Only the pôle legal staff may waive a flag.' },
  'flag.waiverNeedsJustification': { fr: "La levée de l'alerte doit être justifiée.", en: 'A waiver needs a justification.' },
  'flag.waiverJustificationMin': {
    fr: 'Au moins {min} caractères expliquant pourquoi le risque est accepté',
    en: 'At least {min} characters explaining why the risk is accepted',
  },
  'flag.mitigationNeedsNote': { fr: "Une atténuation doit être accompagnée d'une note.", en: 'A mitigation needs a note.' },
  'flag.mitigationNote': { fr: 'Indiquez ce qui a été fait pour atténuer le risque', en: 'Say what was done to mitigate the risk' },
  'flag.closed': { fr: "L'alerte {flagId} est close : sa condition n'est plus remplie.", en: 'Flag {flagId} is closed: its condition is no longer present.' },
  'flag.actionNotAllowed': {
    fr: "Impossible d'appliquer l'action {action} à l'alerte {flagId} : elle est à l'état {status}.",
    en: 'Cannot {action} flag {flagId}: it is {status}.',
  },
  'flag.addLegalOnly': { fr: "Seule l'équipe juridique du pôle ajoute des alertes.", en: 'Only the pôle legal staff add flags.' },
  'hold.refused': {
    fr: "Refusé : {kind} au profit de l'organisation {organizationId} est bloqué tant que les alertes investissements étrangers (IEF) {flags} sont ouvertes.",
    en: 'Refused: {kind} to organization {organizationId} is held while foreign-investment (IEF) flag(s) {flags} are open.',
  },
  'hold.kind.exclusiveAccess': { fr: "un droit d'accès exclusif", en: 'an exclusive access right' },
  'hold.kind.assignment': { fr: 'une cession', en: 'an assignment' },
  'hold.kind.transfer': { fr: 'un transfert de résultats', en: 'a transfer of results' },
  'hold.declarationRefused': {
    fr: 'Refusé : la déclaration accorde {count} {count|droit exclusif ou quote-part|droits exclusifs ou quotes-parts} de résultat à un partenaire bloqué par les alertes investissements étrangers (IEF) {flags}.',
    en: 'Refused: the declaration gives {count} {count|exclusive right or result share|exclusive rights or result shares} to a partner held by foreign-investment (IEF) flag(s) {flags}.',
  },

  // ---- workflow
  'workflow.notStarted': {
    fr: "Le workflow d'approbation de ce projet n'a pas été démarré.",
    en: 'The approval workflow of this project has not been started.',
  },
  'controlReview.notFound': { fr: 'Revue de changement de contrôle introuvable.', en: 'Change-of-control review not found.' },
  'controlReview.committeeOnly': {
    fr: "Seuls les membres du comité d'appui décident d'une revue de changement de contrôle.",
    en: 'Only support committee members decide a change-of-control review.',
  },
  'controlReview.alreadyDecided': {
    fr: 'Le comité a déjà décidé de cette revue de changement de contrôle.',
    en: 'The committee has already decided this change-of-control review.',
  },
  'controlReview.withdrawn': {
    fr: 'L’événement de contrôle a été retiré : cette revue de changement de contrôle est sans objet.',
    en: 'The control event was withdrawn: this change-of-control review has nothing left to decide.',
  },
  'publication.notFound': { fr: 'Notification de publication introuvable.', en: 'Publication notice not found.' },
  'publication.notPartner': { fr: "Cette organisation n'est pas partenaire du projet.", en: 'This organization is not a partner of the project.' },
  'publication.plannedInPast': {
    fr: "La date de publication prévue est passée (aujourd'hui : {today}) : la notification se donne avant de publier.",
    en: 'The planned publication date is past (today: {today}): notice is given before publishing.',
  },
  'publication.unknownResult': {
    fr: 'Le résultat « {key} » ne figure pas dans la déclaration du partenaire qui publie.',
    en: 'Result “{key}” is not in the publishing partner’s declaration.',
  },
  'publication.resultNotDisclosed': {
    fr: "Le résultat « {key} » n'est pas divulgué par cette publication.",
    en: 'Result “{key}” is not disclosed by this publication.',
  },
  'publication.filingInPast': { fr: 'La date de dépôt annoncée est passée.', en: 'The announced filing date is past.' },
  'publication.notAnswering': {
    fr: "Cette organisation n'a pas à répondre à cette notification (elle publie, ou n'était pas partenaire lors de la notification).",
    en: 'This organization does not answer this notice (it is the publisher, or was not a partner when notice was given).',
  },
  'publication.cleared': { fr: 'La publication est déjà autorisée (notification levée).', en: 'The publication is already cleared.' },
  'publication.alreadyConsented': {
    fr: 'Votre organisation a déjà consenti à cette publication ; un consentement est définitif.',
    en: 'Your organization already consented to this publication; a consent is final.',
  },
  'publication.alreadyObjected': {
    fr: "Votre organisation s'est déjà opposée ; retirez l'objection pour consentir.",
    en: 'Your organization already objected; withdraw the objection to consent.',
  },
  'publication.deadlinePassed': {
    fr: "Le délai d'objection a expiré le {deadline} à minuit (heure de Paris) : le silence vaut consentement.",
    en: 'The objection period ended on {deadline} at midnight (Paris time): silence means consent.',
  },
  'publication.noObjection': {
    fr: "Votre organisation n'a pas d'objection en cours sur cette publication.",
    en: 'Your organization has no standing objection to this publication.',
  },
  'publication.notObjected': {
    fr: "Une nouvelle version du manuscrit répond à une objection : la notification n'en a pas en cours.",
    en: 'A new manuscript version answers an objection: this notice has none standing.',
  },
  'publication.giveNoticeRoles': {
    fr: 'Seuls les représentants du partenaire qui publie, ou le service juridique du pôle, peuvent faire cela.',
    en: 'Only the publishing partner’s representatives, or the pôle’s legal staff, may do this.',
  },
  'publication.answerRoles': {
    fr: "Seuls les partenaires du projet (ou le service juridique pour l'un d'eux) répondent à une notification.",
    en: 'Only the partners of the project (or legal staff on behalf of one) answer a notice.',
  },
  'publication.orgRequired': { fr: "Indiquez l'organisation pour laquelle vous répondez.", en: 'Name the organization you answer for.' },
  'publication.documentUnavailable': {
    fr: 'Le manuscrit doit être un document disponible (téléversé et confirmé) de ce projet.',
    en: 'The manuscript must be an available (uploaded and confirmed) document of this project.',
  },
  'workflow.alreadyStarted': { fr: "Le workflow d'approbation de ce projet est déjà démarré.", en: 'The workflow of this project is already started.' },
  'workflow.versionStale': { fr: 'Le workflow est à la version {current}, et non {expected}.', en: 'The workflow is at version {current}, not {expected}.' },
  'workflow.changedDecided': {
    fr: "Le workflow a changé entre-temps (quelqu'un d'autre a décidé) ; rechargez-le.",
    en: 'The workflow changed meanwhile (someone else decided); reload it.',
  },
  'workflow.changedRetry': { fr: 'Le workflow a changé entre-temps ; réessayez.', en: 'The workflow changed meanwhile; retry.' },
  'workflow.stepChanged': {
    fr: 'Cette étape a changé entre-temps ; rechargez le workflow puis décidez à nouveau.',
    en: 'This step changed meanwhile; reload the workflow and decide again.',
  },
  'workflow.needsPartner': { fr: 'Un workflow doit compter au moins un partenaire', en: 'A workflow needs at least one partner' },
  'workflow.mustBeOrganizationId': { fr: "Doit être un identifiant d'organisation", en: 'Must be an organization id' },
  'workflow.partnersInvalid': { fr: 'Les partenaires du workflow sont invalides.', en: 'The workflow partners are invalid.' },
  'workflow.ipFileLocked': {
    fr: "L'accord de consortium est signé par tous les partenaires : le dossier PI est verrouillé. Les déclarations, les partenaires et les quotes-parts ne peuvent plus être modifiés ; la consultation reste possible.",
    en: 'Every partner has signed the consortium agreement: the IP file is locked. Declarations, partners and shares can no longer change; reading stays allowed.',
  },
  'workflow.invalidContentHash': { fr: 'Empreinte de contenu invalide.', en: 'Invalid content hash.' },
  'workflow.mustBeContentHash': { fr: 'Doit être une empreinte de contenu', en: 'Must be a content hash' },
  'workflow.partnerOwnApproval': { fr: 'Seul un partenaire décide de sa propre approbation.', en: 'Only a partner decides its own partner approval.' },
  'workflow.noSuchStep': { fr: 'Aucune étape {stepId} dans ce workflow.', en: 'No step {stepId} in this workflow.' },
  'workflow.assigneeOnly': { fr: "Seul l'attributaire de cette étape peut en décider.", en: 'Only the assignee of this step may decide it.' },
  'workflow.rejected': {
    fr: "Le workflow est rejeté ; l'équipe juridique doit d'abord le rouvrir.",
    en: 'The workflow is rejected; legal staff must reopen it first.',
  },
  'workflow.closed': { fr: "L'accord est signé : le workflow est clos.", en: 'The agreement is signed: the workflow is closed.' },
  'workflow.stepAlreadyDecided': {
    fr: 'Cette étape a déjà été décidée sur le dossier PI actuel.',
    en: 'This step has already been decided on the current IP file.',
  },
  'workflow.stepNotOpen': {
    fr: "Cette étape n'est pas ouverte : le workflow en est à l'étape {stage}.",
    en: 'This step is not open: the workflow is at the {stage} stage.',
  },
  'workflow.unknownDecision': { fr: 'Décision inconnue', en: 'Unknown decision' },
  'workflow.commentRequired': {
    fr: 'Un commentaire est obligatoire pour rejeter ou demander des modifications',
    en: 'A comment is required to reject or request changes',
  },
  'workflow.namePartner': { fr: 'Désignez au moins une organisation partenaire', en: 'Name at least one partner organization' },
  'workflow.onlyForRequestChanges': { fr: 'Uniquement pour request-changes', en: 'Only for request-changes' },
  'workflow.decisionInvalid': { fr: 'La décision est invalide.', en: 'The decision is invalid.' },
  'workflow.blockedByFlags': {
    fr: "Cette étape ne peut pas être approuvée tant qu'il y a {count} {count|alerte de risque élevé ou critique ouverte|alertes de risque élevé ou critique ouvertes}.",
    en: 'This step cannot be approved while there {count|is|are} {count} open high or critical risk {count|flag|flags}.',
  },
  'workflow.blockedByHolds': {
    fr: "Cette étape ne peut pas être approuvée tant qu'il y a {count} {count|blocage|blocages} au titre des investissements étrangers (IEF).",
    en: 'This step cannot be approved while there {count|is|are} {count} foreign-investment (IEF) {count|hold|holds}.',
  },
  'workflow.blockedByFlagsAndHolds': {
    fr: "Cette étape ne peut pas être approuvée tant qu'il y a {flags} {flags|alerte de risque élevé ou critique ouverte|alertes de risque élevé ou critique ouvertes} et {holds} {holds|blocage|blocages} au titre des investissements étrangers (IEF).",
    en: 'This step cannot be approved while there are {flags} open high or critical risk {flags|flag|flags} and {holds} foreign-investment (IEF) {holds|hold|holds}.',
  },
  'workflow.committeeIncomplete': {
    fr: "L'approbation du comité ne complète pas les approbations requises.",
    en: 'The committee approval does not complete the required approvals.',
  },
  'workflow.reopenRejectedOnly': {
    fr: "Seul un workflow rejeté, ou en attente de l'accord ou de ses signatures, peut être rouvert.",
    en: 'Only a rejected workflow, or one awaiting the agreement or its signatures, can be reopened.',
  },
  'workflow.reopenSigned': {
    fr: "L'accord est signé par tous les partenaires : le workflow ne peut plus être rouvert et le dossier PI reste verrouillé.",
    en: 'Every partner has signed the agreement: the workflow can no longer be reopened and the IP file stays locked.',
  },
  'workflow.reopenInvalid': { fr: 'Demande de réouverture invalide.', en: 'Invalid reopen request.' },
  'workflow.reopenReasonRequired': {
    fr: "Indiquez pourquoi : le motif est envoyé aux partenaires, dont l'accord en attente de signature est annulé",
    en: 'Say why: the reason is sent to the partners, whose agreement awaiting signature is invalidated',
  },
  'workflow.reopenChangesOnlyAwaiting': {
    fr: "Seulement pour un workflow en attente de l'accord ou de ses signatures",
    en: 'Only for a workflow awaiting the agreement or its signatures',
  },
  'workflow.legalOnly': { fr: "Seule l'équipe juridique du pôle peut {action}.", en: 'Only the pôle legal staff may {action}.' },
  'workflow.action.reopen': { fr: 'rouvrir un workflow', en: 'reopen a workflow' },
  'workflow.action.configureOpinion': { fr: "paramétrer l'avis de l'avocat", en: 'configure the lawyer opinion' },
  'workflow.action.changeSla': { fr: 'modifier les délais (SLA) du workflow', en: 'change the workflow SLA' },
  'workflow.opinionLocked': {
    fr: "Le comité a approuvé : l'avis de l'avocat ne peut plus être modifié.",
    en: 'The committee has approved: the lawyer opinion can no longer be changed.',
  },
  'workflow.opinionLawyerNotAssigned': {
    fr: "L'avocat désigné pour l'avis n'est pas affecté à ce projet.",
    en: 'The lawyer named for the opinion is not assigned to this project.',
  },
  'workflow.assignLawyerFirst': {
    fr: "N'est pas un avocat de ce projet : affectez-le d'abord (PUT /projects/{projectId}/lawyers/{email})",
    en: 'Not a lawyer of this project: assign it first (PUT /projects/{projectId}/lawyers/{email})',
  },
  'workflow.lawyerNamedForOpinion': {
    fr: "Cet avocat est désigné pour l'avis de l'avocat du workflow : désignez un autre avocat ou désactivez d'abord l'avis.",
    en: 'This lawyer is named for the lawyer opinion of the workflow: name another lawyer or switch the opinion off first.',
  },
  'workflow.agreementBeforeCommittee': {
    fr: "Un accord ne peut être généré qu'après l'approbation du comité.",
    en: 'An agreement can be generated only after the committee has approved.',
  },
  'workflow.invalidAgreement': { fr: "Référence d'accord invalide.", en: 'Invalid agreement reference.' },
  'workflow.approvalsNotCurrent': {
    fr: 'Certaines approbations requises ne portent pas sur le dossier PI actuel.',
    en: 'Some required approvals are not on the current IP file.',
  },
  'workflow.signaturesBeforeAgreement': {
    fr: "Les signatures ne sont enregistrées qu'une fois l'accord généré.",
    en: 'Signatures are recorded only once the agreement has been generated.',
  },
  'workflow.signatureOtherVersion': {
    fr: "Cette signature porte sur une autre version de l'accord.",
    en: 'This signature is for another version of the agreement.',
  },
  'workflow.alreadySigned': { fr: 'Ce partenaire a déjà signé.', en: 'This partner has already signed.' },
  'workflow.approvalsNotFinal': {
    fr: 'Certaines approbations requises ne portent pas sur le dossier PI final.',
    en: 'Some required approvals are not on the final IP file.',
  },
  // ---- agreements (functions/agreements, docs/agreements.md)
  'agreement.notFound': { fr: "Cette version de l'accord n'existe pas.", en: 'No such version of the agreement.' },
  'agreement.wrongStage': {
    fr: "Un accord ne se génère qu'aux étapes accord ou signatures du workflow (étape actuelle : {stage}).",
    en: 'An agreement is generated only at the agreement or signatures stage of the workflow (current stage: {stage}).',
  },
  'agreement.ipFileNotApproved': {
    fr: "Le dossier PI actuel n'est pas celui que le comité a approuvé : l'accord ne peut pas en être tiré.",
    en: 'The current IP file is not the one the committee approved: the agreement cannot be drawn from it.',
  },
  'agreement.versionTaken': {
    fr: "La version {version} de l'accord vient d'être générée par une autre requête ; réessayez.",
    en: 'Version {version} of the agreement was just generated by another request; retry.',
  },
  'agreement.objectExists': {
    fr: 'Le fichier {name} est déjà enregistré pour la version {version} : le stockage des accords ne réécrit jamais un fichier.',
    en: 'The file {name} is already stored for version {version}: the agreements store never writes a file twice.',
  },
  'agreement.signOwnOrganizationOnly': {
    fr: 'Un représentant de partenaire ne signe que pour sa propre organisation.',
    en: "A partner's representative signs only for its own organization.",
  },
  'agreement.signatureInvalid': { fr: 'La signature est invalide.', en: 'The signature is invalid.' },
  'agreement.signedCopyNotFound': { fr: 'Aucun document de ce projet ne porte cet identifiant', en: 'No document of this project has this id' },
  'agreement.signedCopyOtherOrganization': {
    fr: "Doit être un document de l'organisation signataire",
    en: 'Must be a document of the signing organization',
  },
  'agreement.signedCopyNotPdf': { fr: 'La copie signée doit être un PDF', en: 'The signed copy must be a PDF' },
  'agreement.signedCopyNotConfirmed': {
    fr: "La copie signée n'est pas disponible (statut : {status}) : confirmez d'abord son téléversement.",
    en: 'The signed copy is not available (status: {status}): confirm its upload first.',
  },
  'agreement.signedCopyAltered': {
    fr: "Le fichier de la copie signée ne correspond plus à l'empreinte SHA-256 enregistrée à sa confirmation.",
    en: 'The file of the signed copy no longer matches the SHA-256 recorded when it was confirmed.',
  },
  'agreement.signedOnFuture': { fr: 'Ne peut pas être une date future', en: 'Cannot be a future date' },
  'agreement.signedOnBeforeGeneration': {
    fr: 'Ne peut pas précéder la génération de cette version ({date})',
    en: 'Cannot be before this version was generated ({date})',
  },
  'agreement.objectionLongerThanNotice': {
    fr: "Le délai d'opposition ne peut pas dépasser le délai de préavis",
    en: 'The objection period cannot be longer than the notice period',
  },
  // ---- compliance exports (docs/exports.md)
  'export.pdfOnlySummary': {
    fr: 'Le format pdf est réservé au résumé par projet (project-summary) ; choisissez csv, xlsx ou jsonl',
    en: 'The pdf format is only for the per-project summary (project-summary); choose csv, xlsx or jsonl',
  },
  'export.summaryOnlyPdf': {
    fr: "Le résumé par projet (project-summary) n'existe qu'au format pdf",
    en: 'The per-project summary (project-summary) is only available as pdf',
  },
  'export.toBeforeFrom': { fr: 'Ne peut pas précéder la date de début (from)', en: 'Cannot be before the start date (from)' },
  'export.spanTooLong': { fr: 'La période ne peut pas dépasser 10 ans', en: 'The period cannot be longer than 10 years' },
  'export.notFound': { fr: "Cet export n'existe pas.", en: 'No such export.' },
  'export.unknownKind': {
    fr: "Type d'export inconnu ou sans schéma ; les types disponibles sont : {kinds}.",
    en: 'Unknown export kind, or one without a schema; the kinds available are: {kinds}.',
  },
  'export.invalidTransition': {
    fr: "L'export ne peut pas passer de l'état {from} à l'état {to}.",
    en: 'The export cannot go from {from} to {to}.',
  },
  'export.failure.tooLarge': { fr: "L'export dépasse la taille maximale ; réduisez la période.", en: 'The export is too large; narrow the period.' },
  'export.failure.sourceUnavailable': {
    fr: "Les données sont momentanément indisponibles ; relancez l'export.",
    en: 'The data is temporarily unavailable; start the export again.',
  },
  'export.failure.internal': {
    fr: "L'export a échoué. Communiquez son identifiant au support.",
    en: 'The export failed. Quote its id to the support team.',
  },
  // ---- audit chains: bounded verification and full verification jobs (docs/scale.md, "Audit checkpoints")
  'audit.verificationNotFound': { fr: "Cette vérification n'existe pas pour cette chaîne d'audit.", en: 'No such verification of this audit chain.' },
  'audit.verification.brokenChain': {
    fr: "La chaîne d'audit est rompue : brokenSeq désigne le premier événement en cause.",
    en: 'The audit chain is broken: brokenSeq names the first event at fault.',
  },
  'audit.verification.abandoned': {
    fr: "La vérification s'est interrompue avant la fin ; relancez-la.",
    en: 'The verification stopped before its end; start it again.',
  },
  'audit.verification.internal': {
    fr: "La vérification n'a pas pu être lancée. Relancez-la ou communiquez son identifiant au support.",
    en: 'The verification could not be started. Start it again or quote its id to the support team.',
  },
  'audit.verify.covered': {
    fr: 'Chaîne intègre : événements {from} à {to} vérifiés ; toute la chaîne est couverte par des points de contrôle vérifiés.',
    en: 'Chain intact: events {from} to {to} verified; the whole chain is covered by verified checkpoints.',
  },
  'audit.verify.upToDate': {
    fr: 'Aucun événement depuis le point de contrôle vérifié {anchor} ; toute la chaîne est couverte par des points de contrôle vérifiés.',
    en: 'No event since verified checkpoint {anchor}; the whole chain is covered by verified checkpoints.',
  },
  'audit.verify.partial': {
    fr: 'Événements {from} à {to} vérifiés ; {remaining} événements restent à vérifier : rappelez cette route ou lancez une vérification complète.',
    en: 'Events {from} to {to} verified; {remaining} events remain: call this route again or start a full verification.',
  },
  'audit.verify.broken': {
    fr: "Chaîne rompue à l'événement {seq} ({reason}).",
    en: 'Chain broken at event {seq} ({reason}).',
  },
  'audit.verify.brokenByFullVerification': {
    fr: "La dernière vérification complète ({id}) a trouvé la chaîne rompue à l'événement {seq} ({reason}).",
    en: 'The last full verification ({id}) found the chain broken at event {seq} ({reason}).',
  },
} as const satisfies Record<string, { fr: string; en: string }>;

export type MessageId = keyof typeof MESSAGES;
export type MsgParam = string | number | readonly (string | number)[] | Msg | EnglishText;
/** A stored English sentence (e.g. a document's rejection reason), rendered through the legacy patterns. */
export interface EnglishText {
  readonly english: string;
}
let translateEnglish: (text: string, lang: Lang) => string = (t) => t;
/** Set by shared/domain/i18n/messages.ts (the English-keyed patterns, for stored sentences and zod schema texts). */
export function setEnglishTranslator(fn: (text: string, lang: Lang) => string): void {
  translateEnglish = fn;
}

/** A message to render later, in the reader's language. */
export interface Msg {
  readonly id: MessageId;
  readonly params?: Readonly<Record<string, MsgParam>>;
}

/** A message by id; a misspelt id is a compile error. */
export function msg(id: MessageId, params?: Record<string, MsgParam>): Msg {
  return params ? { id, params } : { id };
}

export const isMsg = (v: unknown): v is Msg =>
  typeof v === 'object' && v !== null && typeof (v as Msg).id === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, (v as Msg).id);

/** The text of `m` in `lang`, placeholders filled (a missing parameter stays as `{name}`). */
/** French counts 0 and 1 as singular; English only 1 (CLDR, as Intl.PluralRules says). */
const isOne = (n: number, lang: Lang) => (lang === 'fr' ? Math.abs(n) < 2 : n === 1);

export function renderMsg(m: Msg, lang: Lang): string {
  const template: string = MESSAGES[m.id][lang];
  // `{count|erreur|erreurs}`: the form for the number `count` (never "erreur(s)"), then `{name}` as below.
  const chosen = template.replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) => {
    const n = Number(m.params?.[name]);
    return Number.isFinite(n) && isOne(n, lang) ? one : other;
  });
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = m.params?.[name];
    if (v === undefined) return whole;
    if (isMsg(v)) return renderMsg(v, lang);
    if (typeof v === 'object' && v !== null && 'english' in v) return translateEnglish(v.english, lang);
    if (Array.isArray(v)) return v.join(', ');
    return String(v);
  });
}

/** English text → id, for texts that arrive as strings (zod issue messages set in schemas). */
let byEnglish: Map<string, MessageId> | undefined;
export function idOfEnglish(text: string): MessageId | undefined {
  byEnglish ??= new Map(
    Object.entries(MESSAGES)
      .filter(([, t]) => !/\{\w+\}/.test(t.en))
      .map(([id, t]) => [t.en, id as MessageId]),
  );
  return byEnglish.get(text);
}

/**
 * The English text of a parameter-less message, for the messages that zod schemas carry as strings: the
 * boundary maps it back to its id (see {@link idOfEnglish}), so it is rendered in the reader's language.
 */
export const zodText = (id: MessageId): string => MESSAGES[id].en;
