/**
 * The plain-language files that tell a recipient what the package is and how to check it:
 * `LEGGIMI.txt` (Italian) and `README.txt` (English).
 */

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
  Confrontarla con quella comunicata dall'ente per un canale diverso da questo pacchetto.
- SHA256SUMS: le stesse impronte in formato sha256sum.

Come verificare
1. Completa (consigliata), senza rete:  vedetta verify PACCHETTO.zip --public-key chiave.pem
   Controlla la firma del manifest, l'impronta di ogni file e che ogni fotogramma del video sia
   identico, byte per byte, a quanto il registratore ha firmato al momento della registrazione.
   Esito 0 = tutto verificato; altrimenti indica il file, il fotogramma o la firma che non torna.
2. Con strumenti standard, dopo aver estratto l'archivio:
     sha256sum -c SHA256SUMS
     openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
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
  Compare it with the one the agency gives you through another channel than this package.
- SHA256SUMS: the same hashes in sha256sum format.

How to verify
1. Complete (recommended), offline:  vedetta verify PACKAGE.zip --public-key key.pem
   Checks the manifest signature, every file's hash, and that every frame of the video is
   byte-identical to what the recorder signed when it recorded it. Exit status 0 means
   everything verified; otherwise it names the file, frame or signature that fails.
2. With standard tools, after unpacking:
     sha256sum -c SHA256SUMS
     openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
   (these check the files and the export signature, not the comparison with the recording).
3. Or the "Verify" page of the Vedetta web application.
`;
}
