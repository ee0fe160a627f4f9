/**
 * Test support: the recorded device answers in `fixtures/` (written from the ONVIF and
 * WS-Discovery specifications, with the prefixes different makers use), read by name.
 */
import { readFileSync } from 'node:fs';

/** The fixture `fixtures/<name>` as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** Every fixture's name. */
export const FIXTURES = [
  'fault.soap11.xml',
  'fault.soap12.no-profile.xml',
  'fault.soap12.not-authorized.xml',
  'get-capabilities.s.xml',
  'get-device-information.soap-env.xml',
  'get-profiles.media1.onvif.xml',
  'get-profiles.media2.tt.xml',
  'get-services.env.xml',
  'get-snapshot-uri.media1.xml',
  'get-stream-uri.media1.xml',
  'get-stream-uri.media2.xml',
  'get-system-date-and-time.env.xml',
  'get-system-date-and-time.local-only.xml',
  'probe-matches.xml',
] as const;
