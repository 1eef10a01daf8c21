#!/usr/bin/env python3
"""Reference vectors for a Hugging Face BERT or XLM-R directory, computed independently of our
Rust code: Hugging Face's own `tokenizers` library reads tokenizer.json, and numpy runs the
encoder in float64 from model.safetensors, with mean pooling and L2 normalization
(sentence-transformers' recipe for all-MiniLM-L6-v2).

    pip install tokenizers safetensors numpy
    python3 scripts/hf-reference.py <model dir> > crates/knowledge/tests/fixtures/minilm-reference.jsonl

`--tiny-xlmr <dir>` first writes a tiny XLM-R directory (random weights, a Unigram vocabulary of
four languages' pieces) for the tests, whose real XLM-R models are too big to ship.
"""
import json
import math
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

SENTENCES = [
    ("en", "What time do you open on Saturday?"),
    ("en", "A check-up with cleaning takes 45 minutes and costs 1,500 TRY."),
    ("en", "Please arrive ten minutes early for your first visit!"),
    ("tr", "Cumartesi günü saat kaçta açıksınız?"),
    ("tr", "Diş beyazlatma bir saat sürer."),
    ("pt", "Vocês atendem aos sábados de manhã?"),
    ("pt", "A consulta de avaliação custa R$ 150."),
    ("es", "¿Cuánto cuesta una limpieza dental?"),
    ("es", "Aceptamos la mayoría de los seguros."),
    ("en", "Implants, crowns & bridges: ask Dr. O'Neil (ext. 204)."),
]


def main(directory):
    config = json.load(open(f"{directory}/config.json"))
    weights = {k.removeprefix("roberta."): v.astype(np.float64)
               for k, v in load_file(f"{directory}/model.safetensors").items() if v.dtype != np.int64}
    tokenizer = Tokenizer.from_file(f"{directory}/tokenizer.json")
    tokenizer.no_padding()
    eps = config.get("layer_norm_eps", 1e-12)
    heads = config["num_attention_heads"]

    def norm(x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + eps) * weights[f"{name}.weight"] + weights[f"{name}.bias"]

    def dense(x, name):
        return x @ weights[f"{name}.weight"].T + weights[f"{name}.bias"]

    erf = np.vectorize(math.erf)
    for language, text in SENTENCES:
        ids = tokenizer.encode(text).ids
        t = len(ids)
        # RoBERTa numbers positions after its padding index.
        offset = config["pad_token_id"] + 1 if config["model_type"] == "xlm-roberta" else 0
        x = (weights["embeddings.word_embeddings.weight"][ids]
             + weights["embeddings.position_embeddings.weight"][offset:offset + t]
             + weights["embeddings.token_type_embeddings.weight"][0])
        x = norm(x, "embeddings.LayerNorm")
        for layer in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{layer}"
            q, k, v = (dense(x, f"{p}.attention.self.{n}") for n in ("query", "key", "value"))
            d = q.shape[1] // heads
            split = lambda y: y.reshape(t, heads, d).transpose(1, 0, 2)
            scores = split(q) @ split(k).transpose(0, 2, 1) / math.sqrt(d)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ split(v)).transpose(1, 0, 2).reshape(t, -1)
            x = norm(x + dense(context, f"{p}.attention.output.dense"), f"{p}.attention.output.LayerNorm")
            middle = dense(x, f"{p}.intermediate.dense")
            middle = 0.5 * middle * (1 + erf(middle / math.sqrt(2)))
            x = norm(x + dense(middle, f"{p}.output.dense"), f"{p}.output.LayerNorm")
        pooled = x.mean(0)
        pooled /= np.linalg.norm(pooled)
        print(json.dumps({"lang": language, "text": text, "ids": ids,
                          "vector": [round(float(v), 7) for v in pooled]}, ensure_ascii=False))


def tiny_xlmr(directory):
    import os
    from safetensors.numpy import save_file
    from tokenizers import Tokenizer as Tk, models, normalizers, pre_tokenizers, processors
    os.makedirs(directory, exist_ok=True)
    words = sorted({w for _, text in SENTENCES for w in text.replace("?", " ?").split()})
    pieces = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    pieces += [("\u2581" + w, -5.0 - i % 7) for i, w in enumerate(words)]
    pieces += [(c, -12.0) for c in sorted({c for w in words for c in w})]
    pieces += [("\u2581", -3.0), ("\u2581?", -4.0)]
    tk = Tk(models.Unigram(pieces, unk_id=3, byte_fallback=False))
    tk.normalizer = normalizers.NFKC()
    tk.pre_tokenizer = pre_tokenizers.Metaspace()
    tk.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    tk.save(f"{directory}/tokenizer.json")
    hidden, ffn, layers, heads = 32, 64, 2, 2
    config = {"model_type": "xlm-roberta", "hidden_size": hidden, "intermediate_size": ffn,
              "num_hidden_layers": layers, "num_attention_heads": heads, "pad_token_id": 1,
              "max_position_embeddings": 66, "layer_norm_eps": 1e-5, "hidden_act": "gelu",
              "vocab_size": len(pieces), "type_vocab_size": 1}
    json.dump(config, open(f"{directory}/config.json", "w"), indent=2)
    rng = np.random.default_rng(7)
    w = lambda *shape: (rng.standard_normal(shape) * 0.2).astype(np.float32)
    tensors = {"roberta.embeddings.word_embeddings.weight": w(len(pieces), hidden),
               "roberta.embeddings.position_embeddings.weight": w(66, hidden),
               "roberta.embeddings.token_type_embeddings.weight": w(1, hidden),
               "roberta.embeddings.LayerNorm.weight": 1 + w(hidden),
               "roberta.embeddings.LayerNorm.bias": w(hidden)}
    for layer in range(layers):
        p = f"roberta.encoder.layer.{layer}"
        for name, (o, i) in {"attention.self.query": (hidden, hidden), "attention.self.key": (hidden, hidden),
                             "attention.self.value": (hidden, hidden), "attention.output.dense": (hidden, hidden),
                             "intermediate.dense": (ffn, hidden), "output.dense": (hidden, ffn)}.items():
            tensors[f"{p}.{name}.weight"] = w(o, i)
            tensors[f"{p}.{name}.bias"] = w(o)
        for name in ("attention.output.LayerNorm", "output.LayerNorm"):
            tensors[f"{p}.{name}.weight"] = 1 + w(hidden)
            tensors[f"{p}.{name}.bias"] = w(hidden)
    save_file(tensors, f"{directory}/model.safetensors")


if __name__ == "__main__":
    if sys.argv[1] == "--tiny-xlmr":
        tiny_xlmr(sys.argv[2])
        main(sys.argv[2])
    else:
        main(sys.argv[1])
