import { ROLES, type Role } from "./content/schemas";

/** Roles are labelled from the message catalogue (namespace "Roles"); this only tells known ones. */
export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}
