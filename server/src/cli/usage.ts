/** The `vedetta` command's usage text and the error for a malformed command line (exit 2). */

/** Printed for `vedetta help` and after a usage error. */
export const USAGE = `usage: vedetta <command> [options]

commands:
  demo [--data DIR] [--port N] [--host H] [--cameras K]
        start a simulated city: embedded database in DIR (a temporary folder by default),
        seeded agencies, cameras and groups; prints the web address and admin credentials
  serve --config FILE
        run Vedetta from a configuration file (see config/vedetta.example.yaml)
  db migrate (--data DIR | --config FILE)
        bring the database schema up to date
  user add NAME --role ROLE [--agency ID] [--display-name TEXT] --password-stdin
           (--data DIR | --config FILE)
        create an account; the password is read from standard input
        roles: administrator, supervisor, operator, auditor
  user list (--data DIR | --config FILE)
  agency add ID --name NAME (--data DIR | --config FILE)
  agency list (--data DIR | --config FILE)
  camera list [--json] (--data DIR | --config FILE)
  camera show ID (--data DIR | --config FILE)
  camera add [--file FILE] (--data DIR | --config FILE)
        add a camera from JSON (the API's camera shape) in FILE or on standard input
  camera patch ID [--file FILE] (--data DIR | --config FILE)
  camera remove ID (--data DIR | --config FILE)
  restream account add NAME --agency ID --password-stdin (--data DIR | --config FILE)
        create a service account for an agency's video management system (RTSP Digest);
        the password is read from standard input
  restream account list (--data DIR | --config FILE)
  restream account disable NAME (--data DIR | --config FILE)
        disable a service account; its running re-streams end within seconds
  audit verify [--witness FILE] (--data DIR | --config FILE)
        check the whole audit chain and its signed checkpoints against the witness file
        (keys/audit-witness.log, or FILE: a copy, e.g. from the syslog collector); exit 1
        naming the first broken entry and what is missing
  keys show (--data DIR | --config FILE)
        print the installation's public key (PEM) and its fingerprint
  verify PACKAGE.zip [--public-key FILE | --fingerprint HEX]
        check an evidence package offline: export signature, every file's SHA-256, every
        frame against the recorder's signatures; exit 1 naming what fails; VERIFIED only
        with the key pinned (else exit 2 showing the fingerprint to compare)
  sim --cameras N [--port 8554] [...]
        run the camera simulator (see server/src/sim/README.md)
  help
`;

/** A malformed command line: unknown command or flag, missing argument. Exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
