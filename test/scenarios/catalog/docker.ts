/** Docker (CAPD) scenarios: container-host failure texts from public issue reports. */
import { isoMillis } from '../../../src/testing/time.ts';
import type { Scenario } from '../scenario.ts';
import { failProvisioning, lastMachines, MINUTE, names, nowOf, SECOND } from './inject.ts';

const CAPTURED = '2026-11-20T10:30:00Z';

/** The docker scenarios. */
export const DOCKER_SCENARIOS: readonly Scenario[] = [
  {
    id: 'docker-host-disk-full',
    source: 'https://github.com/moby/moby/issues/36473',
    description:
      'The Docker host of a development fleet runs out of disk: creating the node containers of a scale-up fails ' +
      'with "no space left on device" from the daemon, on ContainerProvisioned and in the capd log.',
    capturedAt: CAPTURED,
    seed: 701,
    healthy: ['dev/api'],
    build(b) {
      const c = b.addCluster({
        namespace: 'dev',
        name: 'e2e',
        provider: 'docker',
        controlPlaneReplicas: 1,
        pools: [{ name: 'md-0', replicas: 4 }],
      });
      b.addCluster({ namespace: 'dev', name: 'api', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      stuck.forEach((m, i) => {
        const message =
          'failed to create worker DevMachine: error creating container: Error response from daemon: ' +
          `mkdir /var/lib/docker/overlay2/${i === 0 ? '80b87cb3384f465cbc2f82c244b4183ea7c34090f152af26907faf914300c625' : '738fa11f48ec8fb1dd6afbf069721ca5c77b6c613028878d8eb8622f0c2750a2'}-init: no space left on device`;
        failProvisioning(b, m, {
          since: now - (22 - 2 * i) * MINUTE,
          message,
          condition: { type: 'ContainerProvisioned', reason: 'ContainerProvisioningFailed' },
          log: {},
        });
      });
      return [
        {
          cluster: 'dev/e2e',
          category: 'storage-failure',
          accept: ['capacity-unavailable'],
          targets: names(stuck),
        },
      ];
    },
  },
  {
    id: 'docker-bootstrap-sysctl-missing',
    source: 'https://github.com/vmware-tanzu/community-edition/issues/4201',
    description:
      'The bootstrap commands of new node containers run a sysctl the host kernel does not expose: CAPD logs ' +
      '"Failed running command" with the sysctl error and keeps BootstrapExecSucceeded False ("Repeating bootstrap").',
    capturedAt: CAPTURED,
    seed: 702,
    healthy: ['dev/docs'],
    build(b) {
      const c = b.addCluster({
        namespace: 'dev',
        name: 'tkg-mgmt',
        provider: 'docker',
        controlPlaneReplicas: 1,
        pools: [{ name: 'md-0', replicas: 3 }],
      });
      b.addCluster({ namespace: 'dev', name: 'docs', provider: 'docker', controlPlaneReplicas: 1 });
      const now = nowOf(b);
      const stuck = lastMachines(c, 2);
      const pod = b.controllerPod('docker');
      stuck.forEach((m, i) => {
        const since = now - (27 - 3 * i) * MINUTE;
        failProvisioning(b, m, {
          since,
          message: 'Repeating bootstrap',
          condition: { type: 'BootstrapExecSucceeded', reason: 'BootstrapFailed', severity: 'Warning' },
          log: {
            error: 'failed to exec DockerMachine bootstrap: failed to run cloud config: exit status 255',
          },
        });
        for (let t = since + 50 * SECOND, n = 0; t < now - MINUTE; t += 5 * MINUTE, n++) {
          b.addLog({ plane: 'management', ...pod }, [
            {
              level: 'info',
              ts: isoMillis(t - 400),
              msg: 'Failed running command',
              controller: 'devmachine',
              controllerGroup: 'infrastructure.cluster.x-k8s.io',
              controllerKind: 'DevMachine',
              DevMachine: { name: m.name, namespace: c.namespace },
              namespace: c.namespace,
              name: m.name,
              reconcileID: `5c1e0d2a-7f3b-4a96-8e21-0b9d4c6f3a${String(10 + n).slice(-2)}`,
              command: { Cmd: '/bin/sh', Args: ['-c', 'sysctl -w net.ipv4.tcp_retries2=8'], Stdin: '' },
              stderr: 'sysctl: cannot stat /proc/sys/net/ipv4/tcp_retries2: No such file or directory\n',
            },
          ]);
        }
      });
      return [{ cluster: 'dev/tkg-mgmt', category: 'bootstrap-failure', targets: names(stuck) }];
    },
  },
];
