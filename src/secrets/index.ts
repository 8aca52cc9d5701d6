/** Secret detection and masking, shared by collectors (user data) and the `secrets scan` command. */
export { detectSecrets, detectSecretsDetailed, secretFingerprint } from './detectors.js';
export type { DetailedSecretMatch, DetectorId, SecretMatch } from './detectors.js';
export { shannonEntropy } from './entropy.js';
export { maskSecret } from './mask.js';
