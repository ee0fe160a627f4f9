/**
 * A normalised dump of a database's schema, for comparing two databases: one sorted list of lines
 * per kind of object, whitespace collapsed, no data and no counters (sequence values, ids).
 *
 * SQLite: the `sql` of every table, index, trigger and view in `sqlite_master` (not SQLite's own
 * `sqlite_*` objects). PostgreSQL, schema `public`: tables (with their comments), columns (type,
 * nullability, default, identity, position, comment), constraints (with their definitions: CHECK,
 * primary and foreign keys, unique), indexes, triggers, functions and sequences, from
 * `pg_catalog`.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../src/db/database.ts';

/** Sorted, normalised lines per kind of object; `tables` holds one line per table, name first. */
export interface SchemaDump {
  /** `name` (SQLite: `name: sql`; PostgreSQL: `name` and its comment). */
  tables: string[];
  /** The other kinds of object, by kind. */
  [kind: string]: string[];
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

async function lines<DB>(
  db: Kysely<DB>,
  query: ReturnType<typeof sql<{ line: string }>>,
): Promise<string[]> {
  const r = await query.execute(db);
  return r.rows.map((row) => squash(row.line)).sort();
}

const SQLITE_KINDS: Record<string, string> = {
  table: 'tables',
  index: 'indexes',
  trigger: 'triggers',
  view: 'views',
};

async function sqliteDump<DB>(db: Kysely<DB>): Promise<SchemaDump> {
  const r = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where name not like 'sqlite_%'`.execute(db);
  const dump: SchemaDump = { tables: [], indexes: [], triggers: [], views: [] };
  for (const row of r.rows) {
    const kind = SQLITE_KINDS[row.type] ?? row.type;
    (dump[kind] ??= []).push(`${row.name}: ${squash(row.sql ?? '')}`);
  }
  for (const list of Object.values(dump)) list.sort();
  return dump;
}

async function postgresDump<DB>(db: Kysely<DB>): Promise<SchemaDump> {
  const inPublic = sql`(select oid from pg_namespace where nspname = 'public')`;
  const relations = sql`('r', 'p', 'v', 'm')`;
  return {
    tables: await lines(
      db,
      sql`select format('%s %s comment=%s', c.relname, c.relkind,
          coalesce(obj_description(c.oid, 'pg_class'), '-')) as line
        from pg_class c where c.relnamespace = ${inPublic} and c.relkind in ${relations}`,
    ),
    columns: await lines(
      db,
      sql`select format('%s.%s #%s %s %s default=%s identity=%s generated=%s comment=%s',
          c.relname, a.attname, row_number() over (partition by c.oid order by a.attnum),
          format_type(a.atttypid, a.atttypmod),
          case when a.attnotnull then 'not null' else 'null' end,
          coalesce(pg_get_expr(d.adbin, d.adrelid), '-'), a.attidentity, a.attgenerated,
          coalesce(col_description(c.oid, a.attnum), '-')) as line
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where c.relnamespace = ${inPublic} and c.relkind in ${relations}
          and a.attnum > 0 and not a.attisdropped`,
    ),
    constraints: await lines(
      db,
      sql`select format('%s %s %s: %s', c.relname, k.conname, k.contype,
          pg_get_constraintdef(k.oid, true)) as line
        from pg_constraint k join pg_class c on c.oid = k.conrelid
        where k.connamespace = ${inPublic}`,
    ),
    indexes: await lines(
      db,
      sql`select format('%s %s: %s', tablename, indexname, indexdef) as line
        from pg_indexes where schemaname = 'public'`,
    ),
    triggers: await lines(
      db,
      sql`select format('%s %s: %s', c.relname, t.tgname, pg_get_triggerdef(t.oid, true)) as line
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where c.relnamespace = ${inPublic} and not t.tgisinternal`,
    ),
    functions: await lines(
      db,
      sql`select format('%s: %s', p.proname, pg_get_functiondef(p.oid)) as line
        from pg_proc p where p.pronamespace = ${inPublic}`,
    ),
    sequences: await lines(
      db,
      sql`select format('%s %s start=%s min=%s max=%s by=%s cycle=%s cache=%s', sequencename,
          data_type, start_value, min_value, max_value, increment_by, cycle, cache_size) as line
        from pg_sequences where schemaname = 'public'`,
    ),
  };
}

/** The schema of `db`, normalised (see the file's comment). */
export function schemaDump<DB>(db: Kysely<DB>): Promise<SchemaDump> {
  return dialectOf(db) === 'postgres' ? postgresDump(db) : sqliteDump(db);
}

/** The table names in a dump. */
export function tablesOf(dump: SchemaDump): string[] {
  return dump.tables.map((line) => line.split(/[: ]/, 1)[0] ?? '');
}
