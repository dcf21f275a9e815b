/** What each Machine phase says about the layer at fault when a Machine stays in it (capi-domain.md, sections 3 and 8). */
export const PHASE_LAYER: Readonly<Record<string, string>> = {
  Pending: 'bootstrap is not ready: usually waiting for the control plane or the infrastructure cluster',
  Provisioning: 'the infrastructure provider has not provisioned the machine: look at the cloud side',
  Provisioned:
    'the machine exists but no Node joined: look at cloud-init, kubeadm join and the network to the API server',
  Deleting: 'deletion is blocked: usually a node drain, a volume detach or a finalizer',
};

/** How long a Machine may sit in a phase before it counts as stuck, in seconds. */
export const PHASE_BUDGET_SECONDS: Readonly<Record<string, number>> = {
  Pending: 15 * 60,
  Provisioning: 20 * 60,
  Provisioned: 15 * 60,
  Deleting: 20 * 60,
};
