/**
 * The verifier's findings in the reader's language. The server reports each problem with a kind
 * (and an English technical message) and each check that held as a structured item; this module
 * says them in Italian or English. Kept apart from the shared message files, which hold the
 * page's own labels.
 */
import type {
  VerifyCheck,
  VerifyProblemKind as ProblemKind,
} from '../../../server/src/export/verify/report-types.ts';
import type { Language } from '../i18n/index.ts';

export type { ProblemKind, VerifyCheck };

const PROBLEMS: Record<Language, Record<ProblemKind, string>> = {
  it: {
    unreadable: 'il pacchetto non si può leggere',
    missing: 'il file manca nel pacchetto',
    unlisted: 'il file non è elencato nel manifesto',
    altered: 'il file è stato alterato (impronta SHA-256 diversa da quella del manifesto)',
    signature: 'una firma o una chiave non corrisponde',
    malformed: 'il file non è nel formato atteso',
    frames: 'i fotogrammi non corrispondono a quanto firmato dal registratore',
  },
  en: {
    unreadable: 'the package cannot be read',
    missing: 'the file is missing from the package',
    unlisted: 'the file is not listed in the manifest',
    altered: 'the file was altered (its SHA-256 differs from the manifest)',
    signature: 'a signature or a key does not match',
    malformed: 'the file is not in the expected format',
    frames: 'the frames do not match what the recorder signed',
  },
};

/** What a problem of `kind` means, in `lang`. */
export function problemText(lang: Language, kind: ProblemKind): string {
  return PROBLEMS[lang][kind];
}

/** A check that held, in `lang`. */
export function checkText(lang: Language, c: VerifyCheck): string {
  const it = lang === 'it';
  switch (c.kind) {
    case 'signed':
      return it
        ? `manifest.json è firmato con la chiave ${c.fingerprint}`
        : `manifest.json is signed by the key ${c.fingerprint}`;
    case 'files':
      return it
        ? `tutti i ${c.count} file corrispondono alla loro impronta SHA-256 nel manifesto`
        : `all ${c.count} files match their SHA-256 in the manifest`;
    case 'frames':
      return it
        ? `${c.video}: tutti i ${c.frames} fotogrammi sono identici, byte per byte, a quanto firmato dal registratore (${c.from} – ${c.to})`
        : `${c.video}: all ${c.frames} frames are byte-identical to what the recorder signed (${c.from} – ${c.to})`;
    case 'masked':
      return it
        ? `${c.video}: mascherature privacy impresse (ricodificato, ${c.frames} fotogrammi): le firme del registratore dei ${c.segments} segmenti di origine sono valide; i fotogrammi stessi non si possono confrontare con la registrazione`
        : `${c.video}: privacy masks burned in (re-encoded, ${c.frames} frames): the recorder's signatures of its ${c.segments} source segment(s) verify; the frames themselves cannot be compared with the recording`;
    case 'stills':
      return it
        ? `${c.count} immagini fisse: estratte dalla registrazione; coperte dalle impronte dei file e dalla firma dell’esportazione`
        : `${c.count} still image(s): decoded from the recording; covered by the file hashes and the export signature`;
  }
}
