/**
 * `vedetta restream account add|list|disable`: the service accounts partner agencies' video
 * management systems sign in to the RTSP re-stream with (design/restream.md).
 */
import { INSTALLATION_FLAGS, parseCommand } from '../args.ts';
import { installationConfig } from '../installation.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';
import { auditCliChange, withServices } from './with-services.ts';

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'restream account add',
    args,
    { ...INSTALLATION_FLAGS, agency: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    { min: 1, max: 1, names: 'NAME' },
  );
  if (values.agency === undefined) {
    throw new UsageError('restream account add: --agency ID is required');
  }
  if (values['password-stdin'] !== true) {
    throw new UsageError(
      'restream account add: --password-stdin is required (passwords are never taken on the command line)',
    );
  }
  const config = installationConfig('restream account add', values);
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  const account = await withServices(config, async (s) => {
    const created = await s.restream.accounts.add({
      name: positionals[0] ?? '',
      agencyId: values.agency ?? '',
      password,
    });
    await auditCliChange(s, 'restream.account_create', `restream-account:${created.id}`, {
      name: created.name,
      agencyId: created.agencyId,
    });
    return created;
  });
  io.out(`restream account ${account.name} created (agency ${account.agencyId})`);
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('restream account list', args, INSTALLATION_FLAGS, {
    min: 0,
    max: 0,
    names: '',
  });
  const accounts = await withServices(installationConfig('restream account list', values), (s) =>
    s.restream.accounts.list(),
  );
  for (const a of accounts) {
    const state =
      a.disabledMs === null ? 'enabled' : `disabled ${new Date(a.disabledMs).toISOString()}`;
    io.out(`${a.name}\t${a.agencyId}\t${state}`);
  }
  return 0;
}

async function disable(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'restream account disable',
    args,
    INSTALLATION_FLAGS,
    { min: 1, max: 1, names: 'NAME' },
  );
  const config = installationConfig('restream account disable', values);
  const account = await withServices(config, async (s) => {
    const disabled = await s.restream.accounts.disable(positionals[0] ?? '');
    await auditCliChange(s, 'restream.account_disable', `restream-account:${disabled.id}`, {
      name: disabled.name,
      agencyId: disabled.agencyId,
    });
    return disabled;
  });
  io.out(`restream account ${account.name} disabled; its sessions end within seconds`);
  return 0;
}

/** Runs `vedetta restream account <subcommand>`. */
export function restreamCommand(args: string[], io: CliIo): Promise<number> {
  const [noun, sub, ...rest] = args;
  if (noun !== 'account') {
    throw new UsageError(`restream: unknown subcommand ${noun ?? '(none)'}; try restream account`);
  }
  if (sub === 'add') return add(rest, io);
  if (sub === 'list') return list(rest, io);
  if (sub === 'disable') return disable(rest, io);
  throw new UsageError(
    `restream account: unknown subcommand ${sub ?? '(none)'}; try add, list or disable`,
  );
}
