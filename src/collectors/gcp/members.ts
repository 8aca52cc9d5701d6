/** IAM policy members, typed. Whether a member is external is decided here by domain, and for service accounts in `link.ts`. */
import type { BindingMember } from '../../graph/schema.js';

const TYPES: [prefix: string, type: BindingMember['type']][] = [
  ['user:', 'user'],
  ['group:', 'group'],
  ['serviceAccount:', 'service_account'],
  ['domain:', 'domain'],
];

/** The email domain of `user:`/`group:`/`serviceAccount:` members, the domain of `domain:` members. */
export function memberDomain(id: string): string | null {
  if (id.startsWith('domain:')) return id.slice('domain:'.length).toLowerCase();
  const at = id.lastIndexOf('@');
  if (at < 0) return null;
  // Conditional-delete form: `deleted:user:a@b.com?uid=123`.
  return id.slice(at + 1).replace(/\?.*$/, '').toLowerCase();
}

export function typeMember(id: string, orgDomains: readonly string[] | null): BindingMember {
  if (id === 'allUsers') return { id, type: 'all_users', external: true, principalId: null };
  if (id === 'allAuthenticatedUsers') return { id, type: 'all_authenticated_users', external: true, principalId: null };
  const found = TYPES.find(([prefix]) => id.startsWith(prefix));
  const type: BindingMember['type'] = found ? found[1] : 'other';
  let external: boolean | null = null;
  // Service accounts are judged in link.ts, by whether their project is one of the collected ones.
  if (orgDomains !== null && (type === 'user' || type === 'group' || type === 'domain')) {
    const domain = memberDomain(id);
    external = domain === null ? null : !orgDomains.includes(domain);
  }
  return { id, type, external, principalId: null };
}

/** The email of a `serviceAccount:` member. */
export function serviceAccountEmail(id: string): string | null {
  return id.startsWith('serviceAccount:') ? id.slice('serviceAccount:'.length).toLowerCase() : null;
}
