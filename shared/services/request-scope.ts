import type { Principal } from '../domain/access';

/** What a service needs of an HTTP request: the caller (from the token) and the path parameters. */
export interface RequestScope {
  readonly principal: Principal;
  readonly params: Readonly<Record<string, string>>;
}
