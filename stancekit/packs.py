"""Rule packs: folders of rules, lexicons, dictionaries and tests that packages install.

A team publishes its rules ("EU climate policy") as a package that declares an entry point in
the group `stancekit.rulepacks`:

    [project.entry-points."stancekit.rulepacks"]
    eu-climate = "stancekit_eu_climate:pack"

where `pack()` returns a `RulePack`, or just the folder (a `Path` or `str`). `--rules
pack:eu-climate` selects it, and a rule file imports from it with
`imports: ["pack:eu-climate/common.yaml"]`. The bundled English pack is registered the
same way, as `en`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from stancekit.resources import bundled_rules_dir

ENTRY_POINT_GROUP = "stancekit.rulepacks"
PREFIX = "pack:"


@dataclass(frozen=True)
class RulePack:
    """A named folder of rule files, with the package that installed it."""

    name: str
    path: Path
    version: str = ""
    package: str = ""
    description: str = ""


class PackError(LookupError):
    """A pack name no installed package offers, or a pack that cannot be read."""


def bundled_pack() -> RulePack:
    """The English pack shipped with stancekit."""
    from stancekit import __version__

    return RulePack("en", bundled_rules_dir(), __version__, "stancekit", "English news: verbs, nouns, quotes, clauses")


def installed_packs() -> dict[str, RulePack]:
    """Every pack offered by an installed package, by name (the bundled pack always among them)."""
    packs: dict[str, RulePack] = {}
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        dist = getattr(entry_point, "dist", None)
        package = (dist.metadata["Name"] or dist.name) if dist is not None else ""
        version = dist.version if dist is not None else ""
        try:
            offered = entry_point.load()
            value = offered() if callable(offered) else offered
        except Exception as exc:  # reported when the pack is asked for, not when another is
            packs[entry_point.name] = RulePack(entry_point.name, Path(), version, package, f"cannot load: {exc}")
            continue
        if isinstance(value, RulePack):
            packs[entry_point.name] = value
        else:
            packs[entry_point.name] = RulePack(entry_point.name, Path(value), version, package)
    packs.setdefault("en", bundled_pack())  # a source checkout run without installing
    return dict(sorted(packs.items()))


def pack_target(text: str) -> Path:
    """`pack:NAME` or `pack:NAME/relative/path` -> the path inside the installed pack."""
    name, _, rest = text[len(PREFIX) :].partition("/")
    packs = installed_packs()
    pack = packs.get(name)
    if pack is None:
        raise PackError(f"no installed rule pack '{name}' (installed: {', '.join(sorted(packs))})")
    if not pack.path.is_dir():
        raise PackError(f"rule pack '{name}' from {pack.package or 'its package'} is not usable: {pack.description}")
    return pack.path / rest if rest else pack.path
