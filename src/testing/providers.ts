/** Infrastructure provider profiles by provider: kinds, API versions, naming, provider-specific fields. */
import type { ProviderProfile } from './provider-types.ts';
import { aws, azure, gcp } from './providers-cloud.ts';
import { docker, metal3, openstack, vsphere } from './providers-onprem.ts';
import type { Provider } from './raw.ts';

export type {
  AddonSpec,
  ClusterSite,
  MachinePlacement,
  MachineSite,
  ProviderProfile,
} from './provider-types.ts';

const PROFILES: Readonly<Record<Provider, ProviderProfile>> = {
  aws,
  azure,
  gcp,
  vsphere,
  openstack,
  metal3,
  docker,
};

/** The profile of a provider. */
export function providerProfile(provider: Provider): ProviderProfile {
  return PROFILES[provider];
}
