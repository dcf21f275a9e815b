import { awsProvider } from './aws.ts';
import { azureProvider } from './azure.ts';
import { dockerProvider } from './docker.ts';
import type { ProviderModule } from './provider.ts';
import { vsphereProvider } from './vsphere.ts';
import type { ProviderName } from '../types.ts';

/** Every provider module, by provider name. */
export const PROVIDER_MODULES: Readonly<Record<ProviderName, ProviderModule>> = {
  aws: awsProvider,
  azure: azureProvider,
  docker: dockerProvider,
  vsphere: vsphereProvider,
};
