import { execFile } from 'node:child_process';
import { generateKeyPair, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const generate = promisify(generateKeyPair);

/** A throw-away CA for one test control plane and the service-account key pair its API servers share. */
export interface TestPki {
  readonly caPem: string;
  readonly caCertPath: string;
  readonly caKeyPath: string;
  /** PKCS#8 private key for --service-account-signing-key-file. */
  readonly serviceAccountKeyPath: string;
  /** SPKI public key for --service-account-key-file. */
  readonly serviceAccountPublicKeyPath: string;
}

/** A serving certificate signed by the test CA, for 127.0.0.1 and localhost. */
export interface ServingCert {
  readonly certPath: string;
  readonly keyPath: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-noenc', '-days', '7'];

async function openssl(args: readonly string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 30_000 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        'openssl is not on PATH: the test control plane signs its serving certificates with it',
        {
          cause: error,
        },
      );
    }
    throw new Error(`openssl ${args.slice(0, 3).join(' ')} failed: ${e.stderr ?? e.message}`, {
      cause: error,
    });
  }
}

/** Creates a CA (ECDSA P-256, valid 7 days) and an RSA service-account key pair in `dir`. */
export async function createTestPki(dir: string): Promise<TestPki> {
  const caCertPath = join(dir, 'ca.crt');
  const caKeyPath = join(dir, 'ca.key');
  const serviceAccountKeyPath = join(dir, 'sa.key');
  const serviceAccountPublicKeyPath = join(dir, 'sa.pub');
  const [, keys] = await Promise.all([
    openssl([
      'req',
      '-x509',
      '-new',
      ...EC_KEY,
      '-subj',
      '/CN=causeway-test-ca',
      '-keyout',
      caKeyPath,
      '-out',
      caCertPath,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]),
    generate('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }),
  ]);
  await writeFile(serviceAccountKeyPath, keys.privateKey, { mode: 0o600 });
  await writeFile(serviceAccountPublicKeyPath, keys.publicKey);
  const caPem = await readFile(caCertPath, 'utf8');
  return { caPem, caCertPath, caKeyPath, serviceAccountKeyPath, serviceAccountPublicKeyPath };
}

/** Signs a serving certificate for `commonName` with SANs 127.0.0.1 and localhost, written to `dir`. */
export async function createServingCert(pki: TestPki, dir: string, commonName: string): Promise<ServingCert> {
  const certPath = join(dir, 'serving.crt');
  const keyPath = join(dir, 'serving.key');
  await openssl([
    'req',
    '-x509',
    '-new',
    ...EC_KEY,
    '-subj',
    `/CN=${commonName}`,
    '-CA',
    pki.caCertPath,
    '-CAkey',
    pki.caKeyPath,
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-addext',
    'keyUsage=critical,digitalSignature',
    '-addext',
    'extendedKeyUsage=serverAuth',
  ]);
  return { certPath, keyPath };
}

/** A random bearer token (32 bytes, base64url). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
