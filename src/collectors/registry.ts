/**
 * The provider registry: one explicit, sorted table. A provider is available here once its
 * collectors and fakes exist; the others are named so the CLI can say they are planned rather than
 * unknown.
 */
import type { Provider } from '../graph/schema.js';
import { libvirtProvider } from './libvirt/index.js';

export const PROVIDER_MODULES = {
  libvirt: libvirtProvider,
} as const;

export type AvailableProvider = keyof typeof PROVIDER_MODULES;

/** Providers on the roadmap whose collectors are not in this build yet. */
export const PLANNED_PROVIDERS: readonly Provider[] = ['aws', 'azure', 'gcp'];

export function isAvailableProvider(p: string): p is AvailableProvider {
  return Object.hasOwn(PROVIDER_MODULES, p);
}
