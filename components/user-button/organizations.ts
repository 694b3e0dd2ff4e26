import { organizations, type JanuaClient } from '@janua/core';

/**
 * Loaded only when a user button has an `organizations-url`: the organizations module keeps the
 * user's list in the client's snapshot, which the menu reads.
 */
export function watchOrganizations(client: JanuaClient): void {
  organizations(client);
}
