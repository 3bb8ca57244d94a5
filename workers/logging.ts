/** The Temporal runtime's log: warnings and errors only, minus the expected notices of single-purpose pools. */
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';

/** Pools poll only what they serve; the SDK warns about the rest, which is by design here. */
const EXPECTED = /^No (activities|workflows) registered, not polling/;

let installed = false;

/** Installs the runtime logger once per process. */
export function installRuntimeLogger(level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) => {
      if (EXPECTED.test(entry.message)) return;
      const meta = entry.meta && Object.keys(entry.meta).length ? ` ${JSON.stringify(entry.meta)}` : '';
      process.stderr.write(`${new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString()} [${entry.level}] ${entry.message}${meta}\n`);
    }),
  });
}
