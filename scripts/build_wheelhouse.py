"""Build an offline wheelhouse for a workshop room: the series' wheel and everything it needs.

    python scripts/build_wheelhouse.py --platform linux-x86_64 --python 3.12 --out wheelhouse
    python scripts/build_wheelhouse.py --platform windows-x86_64 --python 3.11 --out wh-win
    python scripts/build_wheelhouse.py --platform macos-arm64 --python 3.13 --out wh-mac

Run it in the project's folder, with its requirements installed and the package registry
reachable. It builds the series' wheel (tf-cnn-tutorials, with the data and #02's network) and
downloads the learner's set ("tf-cnn-tutorials[local]": TensorFlow, Keras, JupyterLab, ...) at
the exact versions of requirements.txt, as wheels for that platform and Python. Copy the folder
to a USB stick; on each laptop, in a new virtual environment:

    pip install --no-index --find-links <folder> "tf-cnn-tutorials[local]"
    python -m setup_check

The wheelhouse holds only files from PyPI and the wheel built here from this repository, and in
its folder notebooks/ the series' notebooks in both editions (lessons, worked solutions, records
of full runs), with their diagrams embedded: copy that folder next to the environment and start
`jupyter lab` there.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tutorial_checks import ROOT

# pip download evaluates environment markers for the machine it runs on, not for the target
# (a Windows wheelhouse built on Linux would lack pywin32), so uv resolves the set for the
# target platform first, and pip downloads exactly that list. For each platform: uv's name, and
# the wheel tags its pip accepts (pip download needs them spelt out).
UV_PLATFORMS = {
    "linux-x86_64": "x86_64-manylinux_2_28",
    "windows-x86_64": "x86_64-pc-windows-msvc",
    "macos-arm64": "aarch64-apple-darwin",
}
PLATFORMS = {
    "linux-x86_64": ["manylinux2014_x86_64"]
    + [f"manylinux_2_{minor}_x86_64" for minor in range(17, 40)],
    "windows-x86_64": ["win_amd64"],
    "macos-arm64": [f"macosx_{major}_0_arm64" for major in range(11, 27)]
    + [f"macosx_{major}_0_universal2" for major in range(11, 27)]
    + ["macosx_10_9_universal2"],
}
PYTHONS = ["3.11", "3.12", "3.13"]
PINNED = re.compile(r"^[A-Za-z0-9_.\-]+==[^\s;#]+(\s*;[^#]*)?")  # name==version[; markers]


def constraints(requirements: Path = ROOT / "requirements.txt") -> str:
    """requirements.txt's exact pins, as a constraints file (the versions the tests ran with)."""
    lines = requirements.read_text(encoding="utf-8").splitlines()
    return "\n".join(m.group(0).strip() for line in lines if (m := PINNED.match(line))) + "\n"


def build_wheel(out: Path) -> Path:
    """Build the series' wheel into `out` with the installed setuptools (no download)."""
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    wheels = sorted(out.glob("tf_cnn_tutorials-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one tf_cnn_tutorials wheel in {out}, found {len(wheels)}")
    return wheels[0]


def resolve(wheel: Path, platform: str, python: str, scratch: Path) -> Path:
    """A requirements file with every package the wheel's [local] set needs on the target."""
    (scratch / "constraints.txt").write_text(constraints(), encoding="utf-8")
    (scratch / "wanted.txt").write_text(f"tf-cnn-tutorials[local] @ {wheel.as_uri()}\n")
    command = [
        sys.executable,
        "-m",
        "uv",
        "pip",
        "compile",
        str(scratch / "wanted.txt"),
        "--quiet",
        "--no-header",
    ]
    command += ["--constraint", str(scratch / "constraints.txt"), "--only-binary", ":all:"]
    command += ["--python-platform", UV_PLATFORMS[platform], "--python-version", python]
    command += ["--index-url", "https://pypi.org/simple", "--no-annotate"]
    resolved = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    # The wheel itself is already in the wheelhouse: only the packages from PyPI are downloaded.
    lines = [line for line in resolved.splitlines() if line and "tf-cnn-tutorials" not in line]
    (scratch / "resolved.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return scratch / "resolved.txt"


def download(resolved: Path, platform: str, python: str, out: Path) -> None:
    """Download exactly the resolved packages into `out`, as wheels for the target."""
    command = [sys.executable, "-m", "pip", "download", "--dest", str(out), "--no-deps"]
    command += ["--only-binary=:all:", "--python-version", python, "--implementation", "cp"]
    for tag in PLATFORMS[platform]:
        command += ["--platform", tag]
    subprocess.run([*command, "--requirement", str(resolved)], check=True)


def copy_notebooks(out: Path) -> int:
    """Copy the notebooks of both editions into out/notebooks/, as the repository has them (their
    links to one another resolve; their diagrams are embedded). Returns how many."""
    source = ROOT / "notebooks"
    target = out / "notebooks"
    if target.exists():
        shutil.rmtree(target)
    # Folders the notebooks write into when they run (checkpoints) are no part of the series.
    shutil.copytree(
        source, target, ignore=shutil.ignore_patterns("checkpoints", ".ipynb_checkpoints", "*.toml")
    )
    return len(list(target.rglob("*.ipynb")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", required=True, choices=sorted(PLATFORMS))
    parser.add_argument("--python", required=True, choices=PYTHONS, help="e.g. 3.12")
    parser.add_argument("--out", required=True, type=Path, help="the wheelhouse folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel(args.out)
    with tempfile.TemporaryDirectory() as scratch:
        resolved = resolve(wheel, args.platform, args.python, Path(scratch))
        download(resolved, args.platform, args.python, args.out)
    notebooks = copy_notebooks(args.out)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file()) / 1e6
    wheels = len(list(args.out.glob("*.whl")))
    print(f"{args.out}: {wheels} wheels and {notebooks} notebooks, {size:,.0f} MB.")
    print(f'Install: pip install --no-index --find-links {args.out} "tf-cnn-tutorials[local]"')
    print(f"Notebooks: copy {args.out / 'notebooks'} next to the environment.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
