import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Test servers on loopback ports with data directories under a temp folder, started by
// the tests and stopped after: Debian's PostgreSQL and ClickHouse (18.16 here).

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The directory of Debian's PostgreSQL binaries (newest version), or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

export const CLICKHOUSE_BIN = ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server', '/usr/bin/clickhouse'].find((p) => existsSync(p));

export interface PostgresServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * initdb + pg_ctl start on a free port. PostgreSQL refuses to run as root: as root the
 * commands run as the postgres user (runuser), the data directory owned by it.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  const root = process.getuid?.() === 0;
  const base = mkdtempSync(path.join(tmpdir(), 'kohort-pg-'));
  chmodSync(base, 0o777);
  const data = path.join(base, 'data');
  const run = (cmd: string, args: string[]): void => {
    const full = root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const : [cmd, args] as const;
    const r = spawnSync(full[0], [...full[1]], { encoding: 'utf8', cwd: base });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  run(path.join(bin, 'pg_ctl'), [
    '-D', data, '-l', path.join(base, 'log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c TimeZone=UTC`, 'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

export interface ClickhouseCluster {
  /** HTTP urls of the shards; queries go to the first. */
  urls: string[];
  /** Name of the cluster in the servers' remote_servers config. */
  cluster: string;
  stop(): Promise<void>;
}

function clickhouseConfig(dir: string, ports: { http: number; tcp: number; inter: number }, shards: number[]): string {
  const replicas = shards
    .map((tcp) => `<shard><replica><host>127.0.0.1</host><port>${tcp}</port></replica></shard>`)
    .join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.inter}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <remote_servers><kohort_test>${replicas}</kohort_test></remote_servers>
</yandex>
`;
}

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/** Two clickhouse-server processes on free loopback ports, each knowing both as cluster "kohort_test". */
export async function startClickhouseCluster(shardCount = 2): Promise<ClickhouseCluster> {
  if (!CLICKHOUSE_BIN) throw new Error('clickhouse-server not found (apt-get install clickhouse-server)');
  const base = mkdtempSync(path.join(tmpdir(), 'kohort-ch-'));
  const ports: { http: number; tcp: number; inter: number }[] = [];
  for (let i = 0; i < shardCount; ++i) ports.push({ http: await freePort(), tcp: await freePort(), inter: await freePort() });
  const procs: ChildProcess[] = [];
  const urls: string[] = [];
  for (let i = 0; i < shardCount; ++i) {
    const dir = path.join(base, `shard${i}`);
    for (const d of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(path.join(dir, d), { recursive: true });
    writeFileSync(path.join(dir, 'users.xml'), USERS);
    const cfg = path.join(dir, 'config.xml');
    writeFileSync(cfg, clickhouseConfig(dir, ports[i], ports.map((p) => p.tcp)));
    const args = CLICKHOUSE_BIN.endsWith('/clickhouse') ? ['server', `--config-file=${cfg}`] : [`--config-file=${cfg}`];
    const p = spawn(CLICKHOUSE_BIN, args, { cwd: dir, stdio: 'ignore' });
    procs.push(p);
    urls.push(`http://127.0.0.1:${ports[i].http}/`);
  }
  const stop = async (): Promise<void> => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : undefined)));
    rmSync(base, { recursive: true, force: true });
  };
  // Ready when every shard answers /ping.
  const deadline = Date.now() + 60_000;
  for (const url of urls) {
    for (;;) {
      try {
        const r = await fetch(`${url}ping`);
        if (r.ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline || procs.some((p) => p.exitCode !== null)) {
        await stop();
        throw new Error(`clickhouse-server did not start (logs were in ${base})`);
      }
      await sleep(200);
    }
  }
  return { urls, cluster: 'kohort_test', stop };
}
