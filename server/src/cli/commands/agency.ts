/** `vedetta agency add|list`: the police forces that use Vedetta. */
import { INSTALLATION_FLAGS, parseCommand } from '../args.ts';
import { installationConfig } from '../installation.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';
import { auditCliChange, withServices } from './with-services.ts';

/** Runs `vedetta agency <subcommand>`. */
export async function agencyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const { values, positionals } = parseCommand(
      'agency add',
      rest,
      { ...INSTALLATION_FLAGS, name: { type: 'string' } },
      { min: 1, max: 1, names: 'ID' },
    );
    if (values.name === undefined) throw new UsageError('agency add: --name NAME is required');
    const config = installationConfig('agency add', values);
    const agency = await withServices(config, async (s) => {
      const added = await s.accounts.agencies.addPartner({
        id: positionals[0] ?? '',
        name: values.name ?? '',
      });
      await auditCliChange(s, 'agency.create', `agency:${added.id}`, { name: added.name });
      return added;
    });
    io.out(`agency ${agency.id} added (${agency.name})`);
    return 0;
  }
  if (sub === 'list') {
    const { values } = parseCommand('agency list', rest, INSTALLATION_FLAGS, {
      min: 0,
      max: 0,
      names: '',
    });
    const agencies = await withServices(installationConfig('agency list', values), (s) =>
      s.accounts.agencies.list(),
    );
    for (const a of agencies) io.out(`${a.id}\t${a.kind}\t${a.name}`);
    return 0;
  }
  throw new UsageError(
    `agency: unknown subcommand ${sub ?? '(none)'}; try agency add or agency list`,
  );
}
