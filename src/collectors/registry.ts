/**
 * The provider registry: one explicit, sorted table of provider modules.
 */
import type { Provider } from '../graph/schema.js';
import { awsProvider } from './aws/index.js';
import { azureProvider } from './azure/index.js';
import { gcpProvider } from './gcp/index.js';
import { libvirtProvider } from './libvirt/index.js';

export const PROVIDER_MODULES = {
  aws: awsProvider,
  azure: azureProvider,
  gcp: gcpProvider,
  libvirt: libvirtProvider,
} as const;

export type AvailableProvider = keyof typeof PROVIDER_MODULES;

/** Providers on the roadmap whose collectors are not in this build yet. */
export const PLANNED_PROVIDERS: readonly Provider[] = [];

export function isAvailableProvider(p: string): p is AvailableProvider {
  return Object.hasOwn(PROVIDER_MODULES, p);
}
