import { AWS_PACK } from './aws-pack.ts';
import { AZURE_PACK } from './azure-pack.ts';
import { CAPI_PACK } from './capi-pack.ts';
import { CLOUD_INIT_PACK } from './cloud-init-pack.ts';
import { DOCKER_PACK } from './docker-pack.ts';
import type { KnowledgeEntry } from './entry.ts';
import { GCP_PACK } from './gcp-pack.ts';
import { KUBEADM_PACK } from './kubeadm-pack.ts';
import { KUBELET_PACK } from './kubelet-pack.ts';
import { METAL3_PACK } from './metal3-pack.ts';
import { OPENSTACK_PACK } from './openstack-pack.ts';
import { VSPHERE_PACK } from './vsphere-pack.ts';
import type { KnowledgeSource } from '../../model/incident.ts';

/** Every knowledge entry Causeway knows, provider packs first. */
export const ALL_ENTRIES: readonly KnowledgeEntry[] = [
  ...AWS_PACK,
  ...AZURE_PACK,
  ...GCP_PACK,
  ...VSPHERE_PACK,
  ...OPENSTACK_PACK,
  ...METAL3_PACK,
  ...DOCKER_PACK,
  ...CAPI_PACK,
  ...KUBEADM_PACK,
  ...CLOUD_INIT_PACK,
  ...KUBELET_PACK,
];

/** Sources that are infrastructure providers: their entries apply only to clusters on that provider. */
const PROVIDER_SOURCES: ReadonlySet<KnowledgeSource> = new Set([
  'aws',
  'azure',
  'gcp',
  'vsphere',
  'openstack',
  'metal3',
  'docker',
]);

/** The entries that can explain a symptom in a cluster on this provider (all of them when it is unknown). */
export function entriesFor(
  entries: readonly KnowledgeEntry[],
  provider: string | undefined,
): readonly KnowledgeEntry[] {
  if (!provider) return entries;
  return entries.filter((e) => !PROVIDER_SOURCES.has(e.source) || e.source === provider);
}
