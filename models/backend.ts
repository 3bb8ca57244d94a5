/**
 * Chooses the TensorFlow.js backend of a gpu-pool process, best first:
 * tfjs-node-gpu (CUDA) -> WebGPU via Dawn (npm `webgpu`) -> tfjs-node -> wasm -> cpu.
 * Loaded once per process; the choice goes into logs and the worker identity.
 */
import fs from 'node:fs';
import path from 'node:path';

export const BACKEND_ORDER = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export interface BackendChoice {
  name: BackendName;
  /** True when the backend computes on a GPU. */
  gpu: boolean;
  /** Why each better backend was passed over. */
  skipped: { name: BackendName; reason: string }[];
}

export class GpuRequiredError extends Error {
  readonly code = 'GPU_REQUIRED';
  constructor(choice: BackendChoice) {
    super(
      `--require-gpu: no GPU backend is available (chose ${choice.name}); ` +
        choice.skipped.map((s) => `${s.name}: ${s.reason}`).join('; '),
    );
    this.name = 'GpuRequiredError';
  }
}

type Tf = typeof import('@tensorflow/tfjs');

function reason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].slice(0, 200);
}

const attempts: Record<BackendName, (tf: Tf) => Promise<boolean>> = {
  'tensorflow-gpu': async (tf) => {
    require('@tensorflow/tfjs-node-gpu');
    return (await tf.setBackend('tensorflow')) && tf.getBackend() === 'tensorflow';
  },
  webgpu: async (tf) => {
    if (!vulkanLoaderPresent()) throw new Error('no Vulkan loader (libvulkan.so.1) on this machine');
    const { create, globals } = (await import('webgpu')) as unknown as { create: (o: string[]) => GpuLike; globals: object };
    Object.assign(globalThis, globals);
    const gpu = create([]);
    const adapter = await gpu.requestAdapter();
    if (!adapter) throw new Error('no WebGPU adapter (no GPU or no Vulkan driver)');
    (globalThis as { navigator?: unknown }).navigator = { gpu };
    await import('@tensorflow/tfjs-backend-webgpu');
    return tf.setBackend('webgpu');
  },
  tensorflow: async (tf) => {
    require('@tensorflow/tfjs-node');
    return tf.setBackend('tensorflow');
  },
  wasm: async (tf) => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dir = process.env.TFJS_WASM_DIR ?? path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
    wasm.setWasmPaths(dir);
    return tf.setBackend('wasm');
  },
  cpu: async (tf) => tf.setBackend('cpu'),
};

/** Dawn reaches the GPU through Vulkan on Linux; without the loader it can only print a warning and fail. */
function vulkanLoaderPresent(): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':'), '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib', '/lib/x86_64-linux-gnu'];
  return dirs.some((d) => d && fs.existsSync(path.join(d, 'libvulkan.so.1')));
}

interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

let chosen: Promise<{ tf: Tf; choice: BackendChoice }> | undefined;

/** Initialises TensorFlow.js with the best available backend (cached per process). */
export function initTensorflow(options: { only?: BackendName[] } = {}): Promise<{ tf: Tf; choice: BackendChoice }> {
  chosen ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    const skipped: BackendChoice['skipped'] = [];
    for (const name of options.only ?? BACKEND_ORDER) {
      try {
        if (await attempts[name](tf)) {
          await tf.ready();
          return { tf, choice: { name, gpu: name === 'tensorflow-gpu' || name === 'webgpu', skipped } };
        }
        skipped.push({ name, reason: 'setBackend returned false' });
      } catch (err) {
        skipped.push({ name, reason: reason(err) });
      }
    }
    throw new Error(`no TensorFlow.js backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
  })();
  return chosen;
}
