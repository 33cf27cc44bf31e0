/**
 * File names that hold secrets by convention, for docker/secret-file-copied:
 * `.env`, SSH and TLS private keys, keystores, registry and cloud credentials.
 * Names that only look alike are left out on purpose: `.env.example`, a CA
 * certificate `ca.pem`, an apt signing key `nginx_signing.key`, `truststore.jks`.
 */
import { withoutTrailingSlashes } from '../../glob/linearGlob';

/** What a secret-like source holds, for the message ("a private key"); undefined when the name is not secret-like. */
export function secretFileKind(source: string): string | undefined {
  const path = withoutTrailingSlashes(source).toLowerCase();
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  const name = parts[parts.length - 1] ?? '';
  const folder = parts[parts.length - 2];
  if (name === '.ssh' || folder === '.ssh') return 'SSH keys';
  if (name === '.aws' || (folder === '.aws' && name === 'credentials')) return 'cloud credentials';
  if (name === '.gnupg') return 'GPG private keys';
  if (folder === '.kube' && name === 'config') return 'cluster credentials';
  if (folder === '.docker' && name === 'config.json') return 'registry credentials';
  if (isEnvFile(name)) return 'environment secrets';
  if (SSH_KEYS.has(name)) return 'an SSH private key';
  if (CREDENTIAL_FILES.has(name)) return 'credentials';
  if (name.startsWith('service-account') && name.endsWith('.json')) return 'a cloud service-account key';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  const stem = name.slice(0, name.length - extension.length - 1);
  if (extension === 'key' && !PUBLIC_WORDS.some((word) => stem.includes(word))) return 'a private key';
  if (extension === 'pem' && /key|priv/.test(stem) && !PUBLIC_WORDS.some((word) => stem.includes(word))) return 'a private key';
  if (KEYSTORES.has(extension) && !stem.includes('trust')) return 'a keystore with private keys';
  return undefined;
}

const SSH_KEYS = new Set(['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk']);
/** Files whose format holds a token or password: package registries, git, docker, GCP/Firebase. */
const CREDENTIAL_FILES = new Set([
  '.npmrc',
  '.yarnrc.yml',
  '.pypirc',
  '.netrc',
  '.git-credentials',
  '.dockercfg',
  'credentials.json',
  'serviceaccountkey.json',
]);
const KEYSTORES = new Set(['p12', 'pfx', 'jks', 'keystore']);
/** Words that make a `.key`/`.pem` a public key or signing key for package repositories, or a licence. */
const PUBLIC_WORDS = ['pub', 'gpg', 'pgp', 'apt', 'signing', 'archive', 'repo', 'release', 'licen', 'cert', 'ca-', 'chain'];
/** `.env`, `.env.production`, `prod.env`… but not the committed templates. */
const ENV_TEMPLATES = ['example', 'sample', 'template', 'tpl', 'dist', 'defaults', 'default', 'schema', 'test', 'ci'];

function isEnvFile(name: string): boolean {
  if (name === '.env') return true;
  const words = name.split('.').filter((word) => word !== '');
  if (!(name.startsWith('.env.') || name.endsWith('.env'))) return false;
  return !words.some((word) => ENV_TEMPLATES.includes(word));
}
