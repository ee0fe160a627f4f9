/**
 * The plain-language files that tell a recipient what the package is and how to check it:
 * `LEGGIMI.txt` (Italian) and `README.txt` (English).
 */

/**
 * The standard-tool check, run in the unpacked package's folder, each command failing (non-zero
 * exit status) on what it catches: the key's fingerprint (printed, for comparison with the
 * published one), the manifest's signature, the signature of `SHA256SUMS` (without it, a file
 * altered together with its line in `SHA256SUMS` would pass), then every file's hash. The readmes
 * print these lines indented by five spaces; the package tests run them as printed.
 */
const STANDARD_CHECK_COMMANDS: readonly string[] = [
  'openssl pkey -pubin -in public-key.pem -outform DER | sha256sum',
  'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig',
  'openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig',
  'sha256sum -c SHA256SUMS',
];

function standardCommands(): string {
  return STANDARD_CHECK_COMMANDS.map((c) => `     ${c}`).join('\n');
}

/** What the readme texts mention about one package. */
export interface ReadmeFacts {
  exportId: string;
  createdAt: string;
  caseReference: string;
  fingerprint: string;
  cameras: { id: string; name: string; from: string; to: string }[];
}

/** `LEGGIMI.txt`. */
export function readmeItalian(f: ReadmeFacts): string {
  const cams = f.cameras.map((c) => `  - ${c.name} (${c.id}): ${c.from} → ${c.to}`).join('\n');
  return `PACCHETTO DI PROVA VIDEO — Vedetta
===================================

Esportazione: ${f.exportId}
Creata il:    ${f.createdAt}
Riferimento:  ${f.caseReference}
Telecamere:
${cams}

Contenuto
- cameras/<id>/video.mp4: il video registrato, NON ricodificato. Si apre con VLC o con un
  qualsiasi lettore. La traccia sottotitoli mostra l'ora di registrazione (UTC e ora locale) e
  segnala i tratti senza registrazione.
- cameras/<id>/provenance.json: le dichiarazioni firmate dal registratore al momento della
  registrazione e la mappa che collega ogni fotogramma al frammento registrato da cui proviene.
- manifest.json: chi ha esportato, quando, perché, per chi, l'intervallo in UTC e ora locale e
  l'impronta SHA-256 di ogni file. manifest.sig: firma Ed25519 del manifest.
- public-key.pem: la chiave pubblica dell'impianto. Impronta (SHA-256 della chiave):
  ${f.fingerprint}
  Confrontarla con quella pubblicata dall'ente per un canale diverso da questo pacchetto (ad
  esempio la pagina pubblica di Vedetta, /public, o una comunicazione ufficiale).
- SHA256SUMS: le stesse impronte in formato sha256sum. SHA256SUMS.sig: firma Ed25519 di
  SHA256SUMS.

Come verificare
1. Completa (consigliata), senza rete:
     vedetta verify PACCHETTO.zip --fingerprint IMPRONTA-PUBBLICATA
   oppure con la chiave pubblica ottenuta dall'ente:  --public-key chiave.pem
   Controlla la firma del manifest, l'impronta di ogni file e che ogni fotogramma del video sia
   identico, byte per byte, a quanto il registratore ha firmato al momento della registrazione.
   Esito 0 = tutto verificato; 1 = indica il file, il fotogramma o la firma che non torna;
   2 = firme valide ma chiave non confrontata con quella pubblicata (manca --fingerprint).
2. Con strumenti standard (sha256sum, OpenSSL 3), nella cartella dell'archivio estratto, un
   comando alla volta:
${standardCommands()}
   Il primo stampa l'impronta della chiave: deve essere quella pubblicata dall'ente (sopra).
   Ogni openssl deve rispondere "Signature Verified Successfully" e sha256sum "OK" per ogni
   file: la firma di SHA256SUMS garantisce che le impronte controllate siano quelle esportate.
   (controllano file e firma dell'esportazione, non il confronto con la registrazione originale).
3. Oppure la pagina "Verifica" dell'applicazione Vedetta.
`;
}

/** `README.txt`. */
export function readmeEnglish(f: ReadmeFacts): string {
  const cams = f.cameras.map((c) => `  - ${c.name} (${c.id}): ${c.from} → ${c.to}`).join('\n');
  return `VIDEO EVIDENCE PACKAGE — Vedetta
================================

Export:    ${f.exportId}
Created:   ${f.createdAt}
Case ref.: ${f.caseReference}
Cameras:
${cams}

Contents
- cameras/<id>/video.mp4: the recorded video, NOT re-encoded; plays in VLC or any player. Its
  subtitle track shows the recording time (UTC and local time) and marks stretches without
  recording.
- cameras/<id>/provenance.json: the statements the recorder signed when it recorded, and the map
  from every exported frame back to the recorded fragment it comes from.
- manifest.json: who exported, when, why, for whom, the range in UTC and local time, and the
  SHA-256 of every file. manifest.sig: Ed25519 signature of the manifest.
- public-key.pem: the installation's public key. Fingerprint (SHA-256 of the key):
  ${f.fingerprint}
  Compare it with the one the agency publishes through another channel than this package (for
  example Vedetta's public page, /public, or an official letter).
- SHA256SUMS: the same hashes in sha256sum format. SHA256SUMS.sig: Ed25519 signature of
  SHA256SUMS.

How to verify
1. Complete (recommended), offline:
     vedetta verify PACKAGE.zip --fingerprint PUBLISHED-FINGERPRINT
   or with the public key obtained from the agency:  --public-key key.pem
   Checks the manifest signature, every file's hash, and that every frame of the video is
   byte-identical to what the recorder signed when it recorded it. Exit status 0 means
   everything verified; 1 names the file, frame or signature that fails; 2 means the signatures
   hold but the key was not compared with the published one (no --fingerprint).
2. With standard tools (sha256sum, OpenSSL 3), in the unpacked folder, one command at a time:
${standardCommands()}
   The first prints the key's fingerprint: it must be the one the agency publishes (above).
   Each openssl must answer "Signature Verified Successfully", and sha256sum "OK" for every
   file: the signature of SHA256SUMS is what makes the hashes it checks the exported ones.
   (these check the files and the export signature, not the comparison with the recording).
3. Or the "Verify" page of the Vedetta web application.
`;
}
