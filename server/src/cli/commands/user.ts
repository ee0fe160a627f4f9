/** `vedetta user add|list`: accounts from the command line (the first administrator, typically). */
import { OWNER_AGENCY_ID } from '../../accounts/index.ts';
import { INSTALLATION_FLAGS, parseCommand } from '../args.ts';
import { installationConfig } from '../installation.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';
import { auditCliChange, withServices } from './with-services.ts';

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'user add',
    args,
    {
      ...INSTALLATION_FLAGS,
      role: { type: 'string' },
      agency: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    { min: 1, max: 1, names: 'NAME' },
  );
  if (values.role === undefined) throw new UsageError('user add: --role ROLE is required');
  if (values['password-stdin'] !== true) {
    throw new UsageError(
      'user add: --password-stdin is required (passwords are never taken on the command line)',
    );
  }
  const config = installationConfig('user add', values);
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  const username = positionals[0] ?? '';
  const user = await withServices(config, async (s) => {
    const created = await s.accounts.users.create({
      username,
      password,
      role: values.role ?? '',
      agencyId: values.agency ?? OWNER_AGENCY_ID,
      ...(values['display-name'] !== undefined ? { displayName: values['display-name'] } : {}),
    });
    await auditCliChange(s, 'user.create', `user:${created.id}`, {
      username: created.username,
      role: created.role,
      agencyId: created.agencyId,
    });
    return created;
  });
  io.out(`user ${user.username} created (role ${user.role}, agency ${user.agencyId})`);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('user list', args, INSTALLATION_FLAGS, {
    min: 0,
    max: 0,
    names: '',
  });
  const users = await withServices(installationConfig('user list', values), (s) =>
    s.accounts.users.list(),
  );
  for (const u of users) {
    io.out(`${u.username}\t${u.role}\t${u.agencyId}${u.disabled ? '\tdisabled' : ''}`);
  }
  return 0;
}

/** Runs `vedetta user <subcommand>`. */
export function userCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') return add(rest, io);
  if (sub === 'list') return list(rest, io);
  throw new UsageError(`user: unknown subcommand ${sub ?? '(none)'}; try user add or user list`);
}
