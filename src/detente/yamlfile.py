"""Reading the YAML data files (actor book, trigger lexicon, ontology, date anchors).

The shipped files hold tens of thousands of entries: libyaml's C parser reads them about ten
times faster than PyYAML's pure-Python one (the actor book: 7 s -> under 1 s at each model
load, paid once per process, worker and Spark executor). Both build the same plain Python
values with the safe constructor; without libyaml the pure-Python loader is used.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """The plain values (dicts, lists, strings, numbers) of one YAML document; raises
    ``yaml.YAMLError`` on invalid text."""
    return yaml.load(text, Loader=SafeLoader)
