/**
 * Claims of a Cognito ID token as the HTTP API JWT authorizer hands them to Lambda
 * (`requestContext.authorizer.jwt.claims`). API Gateway flattens arrays to strings such as "[legal]".
 * The local server (infra/local) fills the same claims from its signed dev tokens.
 */
export const CLAIMS = {
  sub: 'sub',
  email: 'email',
  name: 'name',
  groups: 'cognito:groups',
  organizationId: 'custom:organizationId',
} as const;
