/** `vedetta camera list|show|add|patch|remove`: the camera registry from the command line. */
import { readFileSync } from 'node:fs';
import { invalidArgument } from '../../app/index.ts';
import { INSTALLATION_FLAGS, parseCommand } from '../args.ts';
import { installationConfig } from '../installation.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';
import { auditCliChange, withServices } from './with-services.ts';

async function readJson(file: string | undefined, io: CliIo): Promise<unknown> {
  const text =
    file === undefined || file === '-' ? await io.readStdin() : readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalidArgument(`camera JSON: ${(e as Error).message}`);
  }
}

/** Runs `vedetta camera <subcommand>`. */
export async function cameraCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const cmd = `camera ${sub ?? ''}`;
  switch (sub) {
    case 'list': {
      const { values } = parseCommand(
        cmd,
        rest,
        { ...INSTALLATION_FLAGS, json: { type: 'boolean' } },
        { min: 0, max: 0, names: '' },
      );
      const cameras = await withServices(installationConfig(cmd, values), (s) => s.cameras.list());
      if (values.json === true) io.out(JSON.stringify({ cameras }, null, 2));
      else
        for (const c of cameras)
          io.out(`${c.id}\t${c.enabled ? 'on ' : 'off'}\t${c.location.district}\t${c.name}`);
      return 0;
    }
    case 'show': {
      const { values, positionals } = parseCommand(cmd, rest, INSTALLATION_FLAGS, {
        min: 1,
        max: 1,
        names: 'ID',
      });
      const camera = await withServices(installationConfig(cmd, values), (s) =>
        s.cameras.get(positionals[0] ?? ''),
      );
      io.out(JSON.stringify(camera, null, 2));
      return 0;
    }
    case 'add': {
      const { values } = parseCommand(
        cmd,
        rest,
        { ...INSTALLATION_FLAGS, file: { type: 'string' } },
        { min: 0, max: 0, names: '' },
      );
      const config = installationConfig(cmd, values);
      const input = await readJson(values.file, io);
      const camera = await withServices(config, async (s) => {
        const created = await s.cameras.create(input);
        await auditCliChange(s, 'camera.create', `camera:${created.id}`, { camera: created });
        return created;
      });
      io.out(`camera ${camera.id} added (${camera.name})`);
      return 0;
    }
    case 'patch': {
      const { values, positionals } = parseCommand(
        cmd,
        rest,
        { ...INSTALLATION_FLAGS, file: { type: 'string' } },
        { min: 1, max: 1, names: 'ID' },
      );
      const config = installationConfig(cmd, values);
      const input = await readJson(values.file, io);
      const camera = await withServices(config, async (s) => {
        const changed = await s.cameras.patch(positionals[0] ?? '', input);
        await auditCliChange(s, 'camera.update', `camera:${changed.id}`, { camera: changed });
        return changed;
      });
      io.out(`camera ${camera.id} changed`);
      return 0;
    }
    case 'remove': {
      const { values, positionals } = parseCommand(cmd, rest, INSTALLATION_FLAGS, {
        min: 1,
        max: 1,
        names: 'ID',
      });
      const id = positionals[0] ?? '';
      await withServices(installationConfig(cmd, values), async (s) => {
        await s.cameras.remove(id);
        await auditCliChange(s, 'camera.delete', `camera:${id}`, {});
      });
      io.out(`camera ${id} removed`);
      return 0;
    }
    default:
      throw new UsageError(
        `camera: unknown subcommand ${sub ?? '(none)'}; try list, show, add, patch or remove`,
      );
  }
}
