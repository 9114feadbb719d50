"""Run by `make wheel-check` with the Python of a fresh venv that has the built wheel installed (not
editable): analyse the examples with every default analyzer and fail loudly if any model is missing."""
import json
import subprocess
import sys
from pathlib import Path

import narrascope
from narrascope.analyzers import DEFAULT_ANALYZERS

examples = sorted(Path(sys.argv[1]).glob("*.txt"))
location = Path(narrascope.__file__).resolve()
assert "site-packages" in location.parts, f"narrascope imported from {location}, not from the installed wheel"
out = subprocess.run([str(Path(sys.executable).with_name("narrascope")), "analyze", "--format", "json",
                      *map(str, examples)], capture_output=True, text=True, check=False)
assert out.returncode == 0, f"narrascope analyze failed ({out.returncode}):\n{out.stderr}"
analyses = json.loads(out.stdout)
assert len(analyses) == len(examples) > 0, f"{len(analyses)} analyses for {len(examples)} examples"
for a in analyses:
    failed = [w for w in a["warnings"] if "failed" in w]
    assert a["analyzers"] == DEFAULT_ANALYZERS and not failed, f"{a['document']['id']}: {a['analyzers']} {failed}"
print(f"wheel ok: {location.parent} analysed {len(analyses)} examples with {', '.join(DEFAULT_ANALYZERS)}")
