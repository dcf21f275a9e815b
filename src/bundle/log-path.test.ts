import { expect, it } from 'vitest';
import { logOriginFromPath } from './log-path.ts';

it('maps a management controller log to its namespace, pod and container', () => {
  expect(
    logOriginFromPath('logs/management/capa-system/capa-controller-manager-7f9c8b6d5-x2k4p/manager.log'),
  ).toEqual({
    type: 'management-pod',
    namespace: 'capa-system',
    pod: 'capa-controller-manager-7f9c8b6d5-x2k4p',
    container: 'manager',
  });
});

it('maps a workload pod log to its cluster, pod namespace, pod and container', () => {
  expect(logOriginFromPath('logs/workload/shop/prod-eu/kube-system/kube-proxy-8xq2d/kube-proxy.log')).toEqual(
    {
      type: 'workload-pod',
      cluster: 'shop/prod-eu',
      namespace: 'kube-system',
      pod: 'kube-proxy-8xq2d',
      container: 'kube-proxy',
    },
  );
});

it('maps a machine boot log and keeps the whole file name', () => {
  expect(logOriginFromPath('logs/machines/shop/prod-eu-md-0-5qnp4-7vwct/cloud-init-output.log')).toEqual({
    type: 'machine-boot',
    namespace: 'shop',
    machine: 'prod-eu-md-0-5qnp4-7vwct',
    file: 'cloud-init-output.log',
  });
});

it('accepts .txt as well as .log', () => {
  expect(
    logOriginFromPath('logs/management/capi-system/capi-controller-manager-6b5f8d7c9-abcde/manager.txt'),
  ).toEqual({
    type: 'management-pod',
    namespace: 'capi-system',
    pod: 'capi-controller-manager-6b5f8d7c9-abcde',
    container: 'manager',
  });
  expect(logOriginFromPath('logs/machines/corp/branch-7-md-0-kq9wk-hrlpt/console-output.txt')).toEqual({
    type: 'machine-boot',
    namespace: 'corp',
    machine: 'branch-7-md-0-kq9wk-hrlpt',
    file: 'console-output.txt',
  });
});

it('rejects other extensions and bare extensions', () => {
  expect(
    logOriginFromPath('logs/management/capi-system/capi-controller-manager-6b5f8d7c9-abcde/manager.json'),
  ).toBe(undefined);
  expect(
    logOriginFromPath('logs/management/capi-system/capi-controller-manager-6b5f8d7c9-abcde/manager.log.1'),
  ).toBe(undefined);
  expect(logOriginFromPath('logs/management/capi-system/capi-controller-manager-6b5f8d7c9-abcde/.log')).toBe(
    undefined,
  );
});

it('rejects paths with the wrong depth for their area', () => {
  expect(logOriginFromPath('logs/management/capi-system/manager.log')).toBe(undefined);
  expect(logOriginFromPath('logs/management/capi-system/pod/extra/manager.log')).toBe(undefined);
  expect(logOriginFromPath('logs/workload/shop/prod-eu/kube-proxy-8xq2d/kube-proxy.log')).toBe(undefined);
  expect(logOriginFromPath('logs/machines/shop/cloud-init-output.log')).toBe(undefined);
});

it('rejects paths outside logs/, unknown areas and empty or dot segments', () => {
  expect(logOriginFromPath('management/capi-system/pod/manager.log')).toBe(undefined);
  expect(logOriginFromPath('logs/nodes/shop/node-1/kubelet.log')).toBe(undefined);
  expect(logOriginFromPath('logs/management//pod/manager.log')).toBe(undefined);
  expect(logOriginFromPath('logs/management/../pod/manager.log')).toBe(undefined);
  expect(logOriginFromPath('/logs/management/capi-system/pod/manager.log')).toBe(undefined);
});
