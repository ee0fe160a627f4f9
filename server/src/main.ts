/**
 * Vedetta's server as a library: start it (`startVedetta`) or build its services
 * (`createServices`). The composition lives in `compose/`; the `vedetta` command in `cli/`.
 */
export {
  startVedetta,
  createServices,
  httpSettingsOf,
  VERSION,
  type StartOptions,
  type Vedetta,
  type Services,
  type ServiceDeps,
} from './compose/index.ts';
