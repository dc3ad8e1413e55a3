import * as z from 'zod';
import { ForbiddenError, NotFoundError } from './errors';

/**
 * Roles and object-level access (DESIGN.md §5), in one place.
 * Route-level: each route in functions/routes.ts lists the roles that may call it (checked by the HTTP stack).
 * Object-level: the functions below, called by handlers with what they loaded.
 * A caller that may not see an object gets 404, never 403, so existence does not leak.
 */
export const ROLES = ['legal', 'committee', 'lawyer', 'partner'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export interface Principal {
  sub: string;
  role: Role;
  /** Set for partners: the organization they represent. */
  organizationId?: string;
  email?: string;
  name?: string;
}

/** What the store knows about a project that matters for access. */
export interface ProjectAccessFacts {
  projectId: string;
  memberOrgIds: readonly string[];
  lawyerEmails: readonly string[];
}

export function canReadProject(p: Principal, f: ProjectAccessFacts): boolean {
  switch (p.role) {
    case 'legal':
    case 'committee':
      return true;
    case 'lawyer':
      return !!p.email && f.lawyerEmails.includes(p.email.toLowerCase());
    case 'partner':
      return !!p.organizationId && f.memberOrgIds.includes(p.organizationId);
  }
}

export function assertCanReadProject(p: Principal, f: ProjectAccessFacts | null): asserts f is ProjectAccessFacts {
  if (!f || !canReadProject(p, f)) throw new NotFoundError('No such project.');
}

/** Project structure (metadata, partners, lawyers) is managed by the pôle's legal staff only. */
export function assertCanManageProjects(p: Principal): void {
  if (p.role !== 'legal') throw new ForbiddenError('Only the pôle legal staff manage projects.');
}

/**
 * Organizations: legal and committee read all; a partner reads only its own;
 * a lawyer reads the organizations of the projects assigned to it (`sharesProjectWithLawyer`).
 */
export function canReadOrganization(p: Principal, orgId: string, sharesProjectWithLawyer = false): boolean {
  switch (p.role) {
    case 'legal':
    case 'committee':
      return true;
    case 'lawyer':
      return sharesProjectWithLawyer;
    case 'partner':
      return p.organizationId === orgId;
  }
}

export function assertCanReadOrganization(p: Principal, orgId: string, sharesProjectWithLawyer = false): void {
  if (!canReadOrganization(p, orgId, sharesProjectWithLawyer)) throw new NotFoundError('No such organization.');
}

export const assertRole = (p: Principal, roles: readonly Role[]): void => {
  if (!roles.includes(p.role)) throw new ForbiddenError(`This action needs one of the roles: ${roles.join(', ')}.`);
};

/**
 * Declarations: the organization's own partner representatives and the legal staff write; legal, committee,
 * the assigned lawyer and the organization itself read drafts; other partners of the project read only
 * submitted versions. (Reading the project at all is checked first, with assertCanReadProject.)
 */
export function canWriteDeclaration(p: Principal, orgId: string): boolean {
  return p.role === 'legal' || (p.role === 'partner' && p.organizationId === orgId);
}

export function canReadDeclarationDrafts(p: Principal, orgId: string): boolean {
  return p.role !== 'partner' || p.organizationId === orgId;
}

export function assertCanWriteDeclaration(p: Principal, orgId: string): void {
  if (!canWriteDeclaration(p, orgId)) throw new ForbiddenError("Only the organization's representatives and the pôle legal staff may change its declaration.");
}
