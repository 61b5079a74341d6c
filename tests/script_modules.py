"""Load the project's scripts (scripts/, benchmarks/), which are not packages, as modules."""

import importlib.util
import sys
from types import ModuleType

from tutorial_checks import ROOT


def load_script(relative_path: str) -> ModuleType:
    """The script at `relative_path` (from the project folder), imported as a module."""
    path = ROOT / relative_path
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import would: dataclasses look their module up
    spec.loader.exec_module(module)
    return module
