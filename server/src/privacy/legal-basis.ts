/**
 * The legal basis of each purpose, used when a camera's register entry does not state its own
 * (the compliance report lists those cameras, so that the DPO confirms or completes them).
 */
import type { Purpose } from '../cameras/index.ts';

/** The usual legal basis of each purpose, in Italian as it appears in notices. */
export const DEFAULT_LEGAL_BASIS: Readonly<Record<Purpose, string>> = {
  urban_security:
    'Art. 6, c. 7 e 8, D.L. 23 febbraio 2009 n. 11; D.L. 20 febbraio 2017 n. 14; ' +
    'D.Lgs. 18 maggio 2018 n. 51 (trattamenti di polizia); art. 6, par. 1, lett. e) GDPR',
  traffic: 'D.Lgs. 30 aprile 1992 n. 285 (Codice della strada); art. 6, par. 1, lett. e) GDPR',
  waste:
    'D.Lgs. 3 aprile 2006 n. 152, artt. 192 e 255 (abbandono di rifiuti); regolamento comunale; ' +
    'art. 6, par. 1, lett. e) GDPR',
};

/** The legal basis of `purpose` when the register names none. */
export function defaultLegalBasis(purpose: string): string {
  return (DEFAULT_LEGAL_BASIS as Record<string, string | undefined>)[purpose] ?? '';
}
