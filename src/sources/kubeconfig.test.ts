import { expect, it } from 'vitest';
import { parseKubeconfig } from './kubeconfig.ts';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** What `kubectl config view --raw` prints for two contexts: a token user and a client-certificate user. */
const RAW = `apiVersion: v1
kind: Config
preferences: {}
current-context: mgmt-eu-1
clusters:
- cluster:
    certificate-authority-data: ${b64('CA PEM')}
    server: https://mgmt.example.com:6443/
  name: mgmt
- cluster:
    certificate-authority: ca.crt
    server: https://10.0.0.1:6443
    tls-server-name: kubernetes
  name: lab
contexts:
- context:
    cluster: mgmt
    user: sre
  name: mgmt-eu-1
- context:
    cluster: lab
    user: admin
    namespace: kube-system
  name: lab-admin
users:
- name: sre
  user:
    token: abc.def
- name: admin
  user:
    client-certificate-data: ${b64('CERT PEM')}
    client-key-data: ${b64('KEY PEM')}
`;

it('resolves the current context: server, CA data and token', () => {
  const target = parseKubeconfig(RAW);
  expect(target).toEqual({
    name: 'mgmt-eu-1',
    server: 'https://mgmt.example.com:6443',
    ca: 'CA PEM',
    insecureSkipTlsVerify: false,
    token: 'abc.def',
    clientCert: undefined,
    clientKey: undefined,
    basicAuth: undefined,
    tlsServerName: undefined,
  });
});

it('resolves another context with a client certificate and a CA file relative to the kubeconfig', () => {
  const read = (path: string): string => (path === '/home/sre/.kube/ca.crt' ? 'FILE CA' : '');
  const target = parseKubeconfig(RAW, {
    context: 'lab-admin',
    file: '/home/sre/.kube/config',
    readFile: read,
  });
  expect(target.ca).toBe('FILE CA');
  expect(target.clientCert).toBe('CERT PEM');
  expect(target.clientKey).toBe('KEY PEM');
  expect(target.token).toBeUndefined();
  expect(target.tlsServerName).toBe('kubernetes');
});

it('names the missing context and lists the ones there are', () => {
  expect(() => parseKubeconfig(RAW, { context: 'nope', file: 'kc' })).toThrow(
    'kc: no context named nope (contexts: mgmt-eu-1, lab-admin)',
  );
});

it('refuses exec plugins with a message that says what to use instead', () => {
  const exec = RAW.replace('    token: abc.def', '    exec:\n      command: aws');
  expect(() => parseKubeconfig(exec)).toThrow(/exec or auth-provider plugin.*token or client certificate/);
});
