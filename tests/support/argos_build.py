"""Build structurally real `.argosmodel` packages with random weights (tests and bench).

In:  a few lines of local text (to train a small SentencePiece model), a language pair and
     a Transformer shape.
Out: a zip laid out as Argos expects: one folder holding metadata.json, model/ (a
     CTranslate2 Transformer made through CTranslate2's converter API and TransformerSpec,
     random weights) and sentencepiece.model.  Its translations are gibberish: it exists so
     the real install/load/translate path runs without downloading anything.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Shape:
    """Transformer size: the tiny default for tests; ARGOS_SIZE is transformer-base."""

    layers: int = 2
    d_model: int = 32
    ffn: int = 64
    heads: int = 2
    vocab_size: int = 120


ARGOS_SIZE = Shape(layers=6, d_model=512, ffn=2048, heads=8, vocab_size=32000)


PLACEHOLDERS = [f"[{i}]" for i in range(10)]  # one piece each in a fixed-output model


def train_sentencepiece(lines: Iterable[str], vocab_size: int, **options: Any) -> bytes:
    """Train a SentencePiece model on the lines; return the model file's bytes.

    BPE rather than unigram: on a small corpus unigram stops at a few hundred pieces and
    splits words into letters, which makes sentences unrealistically long in tokens.
    """
    import sentencepiece

    out = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)), model_writer=out, vocab_size=vocab_size,
        model_type="bpe", character_coverage=1.0, hard_vocab_limit=False,
        minloglevel=2, num_threads=1, **options)
    return out.getvalue()


def build_ctranslate2_model(folder: Path, vocabulary: list[str], shape: Shape,
                            seed: int = 0, quantization: str = "int8",
                            chain: list[str] | None = None) -> Path:
    """Write a random-weight CTranslate2 Transformer to folder (which must not exist).

    With `chain` (pieces, each once, "<s>" first and "</s>" last), the decoder is wired to
    write exactly that sequence whatever the input: see _chain_decoder.
    """
    from ctranslate2.converters.converter import Converter
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config((shape.layers, shape.layers),
                                                        shape.heads)
    _fill_encoder(spec.encoder, rng, shape, len(vocabulary))
    _fill_decoder(spec.decoder, rng, shape, len(vocabulary))
    if chain:
        _chain_decoder(spec.decoder, rng, shape, [vocabulary.index(p) for p in chain])
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)

    class RandomWeights(Converter):  # the converter API: _load() returns the spec
        def _load(self) -> transformer_spec.TransformerSpec:
            return spec

    RandomWeights().convert(str(folder), quantization=quantization)
    return folder


def build_argosmodel(path: Path, src: str, tgt: str, lines: Iterable[str],
                     shape: Shape = Shape(), version: str = "1.0", seed: int = 0,
                     sentencepiece_size: int | None = None, fixed_output: str | None = None) -> Path:
    """Write a .argosmodel zip translating src->tgt (random weights) to path.

    The model's vocabulary has shape.vocab_size entries: the SentencePiece pieces (at most
    sentencepiece_size, default shape.vocab_size), padded with unused tokens so a small
    tokenizer trained in seconds still gives a model of real size.

    fixed_output: the model answers this sentence to every input (placeholders such as
    [0] are single pieces), so the checks pass and the restoring of names can be tested
    through the real engines.  Without it the output is gibberish that fails the checks.
    """
    import sentencepiece

    lines = list(lines)
    options: dict[str, Any] = ({"user_defined_symbols": PLACEHOLDERS, "add_dummy_prefix": False}
                               if fixed_output else {})
    sp_model = train_sentencepiece(lines + ([fixed_output] if fixed_output else []),
                                   sentencepiece_size or shape.vocab_size, **options)
    processor = sentencepiece.SentencePieceProcessor(model_proto=sp_model)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    chain = None
    if fixed_output:
        chain = ["<s>", *processor.encode(fixed_output, out_type=str), "</s>"]
        if len(set(chain)) != len(chain):
            raise ValueError(f"{fixed_output!r}: a fixed output must not repeat a piece ({chain})")
    vocabulary += [f"<pad{i}>" for i in range(shape.vocab_size - len(vocabulary))]
    top = f"translate-{src}_{tgt}-{version.replace('.', '_')}"
    metadata = {"package_version": version, "argos_version": "1.0", "from_code": src,
                "from_name": src, "to_code": tgt, "to_name": tgt, "type": "translate"}
    with tempfile.TemporaryDirectory() as tmp:
        model = build_ctranslate2_model(Path(tmp) / "model", vocabulary, shape, seed, chain=chain)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(f"{top}/metadata.json", json.dumps(metadata, indent=2))
            zf.writestr(f"{top}/sentencepiece.model", sp_model)
            for file in sorted(model.iterdir()):
                zf.write(file, f"{top}/model/{file.name}")
    return path


def _weights(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return (rng.standard_normal(shape) * 0.08).astype(np.float32)


def _norm(spec: object, d: int) -> None:
    spec.gamma = np.ones(d, np.float32)  # type: ignore[attr-defined]
    spec.beta = np.zeros(d, np.float32)  # type: ignore[attr-defined]


def _linear(spec: object, rng: np.random.Generator, out: int, inp: int) -> None:
    spec.weight = _weights(rng, out, inp)  # type: ignore[attr-defined]
    spec.bias = np.zeros(out, np.float32)  # type: ignore[attr-defined]


def _fill_ffn(ffn: object, rng: np.random.Generator, shape: Shape) -> None:
    _norm(ffn.layer_norm, shape.d_model)  # type: ignore[attr-defined]
    _linear(ffn.linear_0, rng, shape.ffn, shape.d_model)  # type: ignore[attr-defined]
    _linear(ffn.linear_1, rng, shape.d_model, shape.ffn)  # type: ignore[attr-defined]


def _fill_attention(attention: object, rng: np.random.Generator, d: int,
                    fused: list[int]) -> None:
    """Fused projections: self-attention [3d] (q, k, v); cross-attention [d, 2d]."""
    _norm(attention.layer_norm, d)  # type: ignore[attr-defined]
    for linear, rows in zip(attention.linear, [*fused, d], strict=True):  # type: ignore[attr-defined]
        _linear(linear, rng, rows, d)


def _fill_encoder(encoder: object, rng: np.random.Generator, shape: Shape, vocab: int) -> None:
    d = shape.d_model
    encoder.embeddings[0].weight = _weights(rng, vocab, d)  # type: ignore[attr-defined]
    _norm(encoder.layer_norm, d)  # type: ignore[attr-defined]
    for layer in encoder.layer:  # type: ignore[attr-defined]
        _fill_attention(layer.self_attention, rng, d, [3 * d])
        _fill_ffn(layer.ffn, rng, shape)


def _fill_decoder(decoder: object, rng: np.random.Generator, shape: Shape, vocab: int) -> None:
    d = shape.d_model
    decoder.embeddings.weight = _weights(rng, vocab, d)  # type: ignore[attr-defined]
    _norm(decoder.layer_norm, d)  # type: ignore[attr-defined]
    _linear(decoder.projection, rng, vocab, d)  # type: ignore[attr-defined]
    for layer in decoder.layer:  # type: ignore[attr-defined]
        _fill_attention(layer.self_attention, rng, d, [3 * d])
        _fill_attention(layer.attention, rng, d, [d, 2 * d])
        _fill_ffn(layer.ffn, rng, shape)


def _chain_decoder(decoder: object, rng: np.random.Generator, shape: Shape,
                   chain: list[int]) -> None:
    """Wire the decoder as a bigram machine that writes `chain` whatever the source.

    Every decoder layer's projections are zeroed, so each residual block passes its input
    through and the cross-attention ignores the source: the last state is the layer norm of
    the previous token's embedding (plus a small position signal).  Each chain token gets
    a random direction as embedding, and the output projection maps that direction to the
    next token of the chain; every other token gets a large negative bias.
    """
    d, vocab = shape.d_model, shape.vocab_size
    for layer in decoder.layer:  # type: ignore[attr-defined]
        for block in (layer.self_attention, layer.attention):
            for linear in block.linear:
                linear.weight = np.zeros_like(linear.weight)
        for linear in (layer.ffn.linear_0, layer.ffn.linear_1):
            linear.weight = np.zeros_like(linear.weight)
    directions = rng.standard_normal((len(chain), d)).astype(np.float32)
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    embeddings = decoder.embeddings.weight  # type: ignore[attr-defined]
    projection = np.zeros((vocab, d), np.float32)
    bias = np.full(vocab, -30.0, np.float32)
    for n, token in enumerate(chain[:-1]):
        embeddings[token] = directions[n] * 3.0  # times sqrt(d) when embedded: >> position
        projection[chain[n + 1]] = directions[n] * 4.0
        bias[chain[n + 1]] = 0.0
    decoder.projection.weight = projection  # type: ignore[attr-defined]
    decoder.projection.bias = bias  # type: ignore[attr-defined]
