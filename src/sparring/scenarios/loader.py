"""Find, read and validate scenarios: the built-in library and an organization's packs."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from sparring.errors import ScenarioNotFound, UserError
from sparring.scenarios.model import Scenario
from sparring.scenarios.problems import LineFinder, Problem

PACKS_ENV = "SPARRING_SCENARIOS"
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ARCHIVE = "archive"


@dataclass(frozen=True)
class Source:
    """The text of one scenario file and where it came from."""

    name: str
    text: str


class ScenarioInvalid(UserError):
    """A scenario file that does not validate; carries every located problem."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        first = problems[0].render(source) if problems else source
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


def _pydantic_problems(error: ValidationError, lines: LineFinder) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str | int, ...]] = set()
    for item in error.errors():
        path = tuple(p for p in item["loc"] if isinstance(p, str | int))
        # Pydantic names union branches in the path; they are not part of the file.
        path = tuple(p for p in path if p not in ("int", "str", "list[union[int,str]]"))
        if path in seen:
            continue  # one problem per place, not one per branch of "number or text"
        seen.add(path)
        message = item["msg"]
        if item["type"] in ("int_type", "string_type") and path and path[-1] in ("id", "default"):
            message = "should be a number or a text id"
        if isinstance(item.get("input"), bool):
            message += ' (YAML reads yes/no/on/off as true/false: quote the value, e.g. "yes")'
        if item["type"] == "missing":
            message = f"required field '{path[-1]}' is missing"
        elif item["type"] == "extra_forbidden":
            message = f"unknown field '{path[-1]}'"
        problems.append(Problem(path, message, lines.line(path)))
    return problems


def parse(source: Source) -> Scenario:
    """Validate a scenario's text, or raise ScenarioInvalid with located problems."""
    try:
        data = yaml.load(source.text, Loader=_YamlLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise ScenarioInvalid(
            source.name, [Problem((), f"not valid YAML: {reason}", line)]
        ) from None
    if not isinstance(data, dict):
        raise ScenarioInvalid(source.name, [Problem((), "a scenario is a YAML mapping", 1)])
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        problems = _pydantic_problems(error, LineFinder(source.text))
        raise ScenarioInvalid(source.name, problems) from None


def read_file(path: Path) -> Source:
    """Read a scenario file, or raise a UserError saying why it cannot be read."""
    try:
        return Source(str(path), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read scenario file {path}: {error}") from None


FLAGSHIP = "q4-capacity.yaml"


def _builtin_sources() -> Iterable[tuple[Source, bool]]:
    root = resources.files("sparring") / "library"
    # The reference exercise first, then the rest by file name.
    for entry in sorted(root.iterdir(), key=lambda e: (e.name != FLAGSHIP, e.name)):
        if entry.name.endswith(".yaml"):
            yield Source(f"library/{entry.name}", entry.read_text(encoding="utf-8")), False
    archive = root / ARCHIVE
    if archive.is_dir():
        for entry in sorted(archive.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                text = entry.read_text(encoding="utf-8")
                yield Source(f"library/{ARCHIVE}/{entry.name}", text), True


def _pack_sources(directory: Path) -> Iterable[tuple[Source, bool]]:
    if not directory.is_dir():
        raise UserError(f"scenario pack {directory} is not a directory")
    for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
        yield read_file(path), False
    archive = directory / ARCHIVE
    if archive.is_dir():
        for path in sorted(archive.glob("*.y*ml")):
            yield read_file(path), True


def pack_dirs(explicit: Sequence[Path] = ()) -> list[Path]:
    """Scenario pack directories from the command line, else from SPARRING_SCENARIOS."""
    if explicit:
        return list(explicit)
    env = os.environ.get(PACKS_ENV, "")
    return [Path(p) for p in env.split(os.pathsep) if p]


@dataclass
class Library:
    """Every scenario the product can play: built-ins first, then packs, by id and version."""

    packs: Sequence[Path] = ()
    current: dict[str, Scenario] = field(default_factory=dict)
    versions: dict[tuple[str, int], Scenario] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for source, archived in self._sources():
            try:
                scenario = parse(source)
            except ScenarioInvalid as error:
                self.skipped.append(str(error))
                continue
            self.versions[(scenario.id, scenario.version)] = scenario
            if archived:
                continue
            if scenario.id in self.current:
                first = self.sources[scenario.id].name
                self.skipped.append(
                    f"{source.name}: scenario id '{scenario.id}' is already defined in {first}"
                )
                continue
            self.current[scenario.id] = scenario
            self.sources[scenario.id] = source

    def _sources(self) -> Iterable[tuple[Source, bool]]:
        yield from _builtin_sources()
        for directory in self.packs:
            yield from _pack_sources(directory)

    def ids(self) -> list[str]:
        """Scenario ids, built-ins first."""
        return list(self.current)

    def all(self) -> list[Scenario]:
        """The current version of every scenario."""
        return list(self.current.values())

    def get(self, scenario_id: str, version: int | None = None) -> Scenario:
        """Return a scenario by id, at a given version when one is asked for."""
        if scenario_id not in self.current and not any(k[0] == scenario_id for k in self.versions):
            known = ", ".join(self.ids())
            raise ScenarioNotFound(f"no scenario '{scenario_id}' (known: {known})")
        if version is None:
            return self.current[scenario_id]
        try:
            return self.versions[(scenario_id, version)]
        except KeyError:
            raise ScenarioNotFound(
                f"scenario '{scenario_id}' has no version {version} in this installation"
            ) from None

    def source(self, scenario_id: str) -> Source:
        """Return the file a current scenario was read from."""
        self.get(scenario_id)
        return self.sources[scenario_id]


def open_library(packs: Sequence[Path] = ()) -> Library:
    """Open the library with the given pack directories, else those of SPARRING_SCENARIOS."""
    return Library(pack_dirs(packs))
