/** Shows the progress of a running workflow (its current details) until it ends. */
import type { WorkflowHandle } from '@temporalio/client';

/** Waits for the workflow's result, printing its current details as they change. */
export async function followWorkflow<T>(handle: WorkflowHandle, label: string, out: NodeJS.WriteStream = process.stderr): Promise<T> {
  let last = '';
  let stopped = false;
  const started = Date.now();
  const tty = out.isTTY;
  const tick = async () => {
    while (!stopped) {
      try {
        const current = (await currentDetails(handle)) ?? 'starting';
        const text = `${label}: ${current}`;
        // A terminal gets one line rewritten in place with the elapsed time; a log gets each change once.
        if (tty) out.write(`\r\x1b[K${text} (${((Date.now() - started) / 1000).toFixed(0)}s)`);
        else if (text !== last) out.write(`${text}\n`);
        last = text;
      } catch {
        /* the workflow may not be visible yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const ticking = tick();
  try {
    return (await handle.result()) as T;
  } finally {
    stopped = true;
    await ticking;
    if (tty) out.write('\n');
  }
}

/** The workflow's current details (set with setCurrentDetails), through the built-in metadata query. */
async function currentDetails(handle: WorkflowHandle): Promise<string | undefined> {
  try {
    const meta = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string } | undefined;
    return meta?.currentDetails || undefined;
  } catch {
    return undefined;
  }
}
