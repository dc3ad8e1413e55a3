/**
 * The emails Cognito itself sends (an administrator's invitation with the temporary password, the code that
 * verifies an email address). Cognito sends one template to every user, whatever their language: the text is in
 * French first, then in English. Placeholders are Cognito's: `{username}` and `{####}` (the password or code).
 */

/** Cognito refuses a subject over 140 characters and an invitation without both placeholders. */
export const COGNITO_SUBJECT_MAX = 140;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The invitation of a new account (AdminCreateUser): where to sign in, the user name and the temporary password. */
export function invitationEmail(webOrigin: string): { subject: string; body: string } {
  const link = `<a href="${escapeHtml(webOrigin)}">${escapeHtml(webOrigin)}</a>`;
  return {
    subject: 'Vigie – votre compte / your account',
    body: [
      '<p>Bonjour,</p>',
      `<p>Un compte Vigie a été créé pour vous par l’équipe juridique de votre pôle de compétitivité. Connectez-vous sur ${link} ` +
        'avec votre identifiant <b>{username}</b> et le mot de passe temporaire <b>{####}</b>. Il est valable 3 jours ; ' +
        'vous choisirez ensuite votre mot de passe et configurerez la double authentification (application TOTP).</p>',
      '<p>Si vous n’attendiez pas ce message, ignorez-le et prévenez votre pôle.</p>',
      '<hr>',
      '<p>Hello,</p>',
      `<p>The legal staff of your competitiveness cluster created a Vigie account for you. Sign in at ${link} ` +
        'with your user name <b>{username}</b> and the temporary password <b>{####}</b>. It is valid for 3 days; ' +
        'you will then choose your password and set up two-factor authentication (a TOTP app).</p>',
      '<p>If you did not expect this message, ignore it and tell your cluster.</p>',
    ].join('\n'),
  };
}

/** The code that verifies an email address (a new account's, or a changed one). */
export const verificationEmail = {
  subject: 'Vigie – code de vérification / verification code',
  body: 'Votre code de vérification Vigie est {####}. Il expire dans 24 heures.\n\n' + 'Your Vigie verification code is {####}. It expires in 24 hours.',
} as const;
