/** The keys module's public entry: what other modules may use (see README.md). */
export {
  type InstallationKey,
  loadOrCreateInstallationKey,
  parseFingerprint,
  PUBLIC_KEY_FILE,
  publicKeyFromPem,
  type PublicKeyInfo,
} from './installation-key.ts';
