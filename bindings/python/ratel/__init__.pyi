"""Type stubs of ratel (the extension ratel._ratel and the package)."""
import os
from typing import (Any, Dict, Iterable, Iterator, List, Literal, Mapping,
                    Optional, Sequence, Tuple, TypedDict, Union)

Decl = Union[Mapping[str, Any], str, bytes, bytearray, memoryview,
             "Declaration"]
Override = Union[Mapping[str, Any], Tuple[str, str, float, str]]

BATCH_CSV_HEADER: str
MONEY_MAX: int
__version__: str


def library_version() -> str: ...
def strerror(code: int) -> str: ...
def plan_globals() -> List[str]: ...


class Error(Exception):
    code: int
    script: Optional[str]
    line: int
    errors: List[Tuple[str, str]]
    fields: List[Dict[str, Any]]


class OutOfMemoryError(Error, MemoryError): ...
class ArgumentError(Error, ValueError): ...
class FileError(Error, OSError): ...
class TableError(Error): ...
class PlanError(Error): ...
class DeclarationError(Error, ValueError): ...
class ScriptError(PlanError): ...
class LimitError(PlanError): ...
class NotFoundError(Error, LookupError): ...
class ResultError(Error): ...


class Coverage(TypedDict):
    name: str
    limit: int
    premium: int
    terms: Dict[str, int]
    differences: List[Dict[str, Any]]


class Entity(TypedDict):
    path: str                   # "applicant" (the parent), "entities[2]"
    name: Optional[str]
    role: Optional[str]         # "parent", "subsidiary", ...
    included: bool              # False: the plan left it out of the group
    exclusion: Optional[str]    # why it was left out
    standalone_premium: int
    share: int                  # of the group's total premium
    saving: int                 # standalone_premium - share (0 if out)
    standalone: "Quote"         # the company rated on its own


class Quote:
    decision: Literal["quoted", "referred", "declined"]
    total_premium: int
    calculated_premium: int
    currency: str
    currency_digits: int
    applicant: str
    effective_date: str
    plan: Dict[str, str]
    coverages: List[Coverage]
    differences: List[Dict[str, Any]]
    worksheet: List[Dict[str, Any]]
    reasons: List[Dict[str, str]]
    subjectivities: List[Dict[str, str]]
    authority: Dict[str, Any]
    tables: List[Dict[str, str]]
    services: List[str]
    exclusions: List[str]
    warnings: List[str]
    attributes: Dict[str, Union[str, int]]
    entities: List[Entity]
    group_allocation: Optional[Literal["standalone", "revenue", "employees"]]
    json: str
    def to_dict(self) -> Dict[str, Any]: ...


class SchemeTotals(TypedDict):
    plan_id: Optional[str]
    plan_version: Optional[str]
    currency: Optional[str]
    members: int
    accepted: int
    referred: int
    refused: int
    failed: int
    fees: int
    fixed_fees: int
    top_up_fees: int
    admin_fees: int
    tier_order: Optional[int]   # None: the plan set no scheme.tier_order
    first_seen: int             # its place in the order first seen
    insurer_premium: int
    minimum_premium: int
    shortfall: int
    referred_fees: int


class SchemeTier(TypedDict):
    tier: str
    members: int
    fees: int
    fixed_fees: int
    top_ups: int
    top_up_fees: int
    admin_fees: int


class SchemeCase(TypedDict):
    kind: Literal["referred", "refused", "failed"]
    member: str
    applicant: str
    fee: int
    reasons: List[Dict[str, str]]
    error: Optional[str]


class Scheme:
    totals: SchemeTotals
    tiers: List[SchemeTier]
    cases: List[SchemeCase]
    json: str
    def __init__(self) -> None: ...
    def add(self, member: str, quote: Quote) -> None: ...
    def add_failure(self, member: str, message: str) -> None: ...
    def merge(self, other: "Scheme") -> None: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "Scheme": ...


class MenuOption(TypedDict):
    name: str
    quote: Optional[Quote]
    error: Optional[Error]


class Menu(Sequence[MenuOption]):
    json: str
    def to_dict(self) -> Dict[str, Any]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, i: int) -> MenuOption: ...  # type: ignore


class StructureResult:
    json: str
    cash_on_hand: int
    structures: List[Dict[str, Any]]
    perils: List[Dict[str, Any]]
    scenarios: List[Dict[str, Any]]
    def to_dict(self) -> Dict[str, Any]: ...


class Gap(TypedDict):
    code: str                   # "not_covered", "sublimit", ...
    text: str


class Shortfall(TypedDict):
    part: Optional[str]         # None: no part of the plan pays
    pml: int
    pays: int
    shortfall: int
    text: str


class Settlement(TypedDict, total=False):
    loss: int
    insurer_pays: int
    client_keeps: int
    client_keeps_pct_of_cash: float
    kept_because: Dict[str, int]  # not_covered, waiting_period, deductible,
                                  # coinsurance, sublimit, limit
    categories: Dict[str, "Settlement"]  # a scenario's, by loss category


class Offer(TypedDict):
    plan: str
    insurer: Optional[str]
    product: Optional[str]
    option: Optional[str]
    decision: Optional[Literal["quoted", "referred", "declined"]]
    premium: Optional[int]      # None (and decision None) when rating failed
    quote: Optional[Quote]      # borrowed: keeps the Comparison alive
    error: Optional[Error]      # why rating failed
    gaps: List[Gap]
    shortfalls: List[Shortfall]
    insurer_pays: Dict[str, int]   # by scenario id, the PML ("pml") last
    client_keeps: Dict[str, int]
    settlements: Dict[str, Settlement]


class ComparisonScenario(TypedDict):
    id: str
    name: str
    source: Optional[str]
    loss: int
    records: int
    outage_hours: int
    pml: bool


class Question(TypedDict):
    number: int
    question: str
    answer: Literal["yes", "doubt", "unknown"]
    why: str


class Comparison:
    json: str                   # ratel compare --format json, without the
    csv: str                    # final line break; --format csv
    info: Dict[str, Any]        # applicant, effective_date, currency,
                                # currency_digits, exposure, cash_months, cash
    scenarios: List[ComparisonScenario]
    offers: List[Offer]
    questions: List[Question]
    advice: str
    def to_dict(self) -> Dict[str, Any]: ...


class RateMany(Iterator[Any]):
    def __next__(self) -> Any: ...


class Declaration:
    schema: str
    engine: "Engine"
    def __init__(self, engine: "Engine", doc: Optional[Decl] = ...,
                 schema: Optional[str] = ...) -> None: ...
    def get(self, path: str) -> Any: ...
    def set(self, path: str, value: Any) -> None: ...
    def append(self, path: str) -> int: ...
    def count(self, path: str) -> int: ...
    def given(self, path: str) -> bool: ...
    def __getitem__(self, path: str) -> Any: ...
    def __setitem__(self, path: str, value: Any) -> None: ...


class Engine:
    closed: bool
    default_plan: Optional[str]
    def __init__(self, tables: Optional[str] = ...,
                 plans: Optional[str] = ..., schemas: Optional[str] = ...,
                 default_plan: Optional[str] = ..., *,
                 max_instructions: Optional[int] = ...,
                 max_memory: Optional[int] = ...,
                 max_milliseconds: Optional[int] = ...) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Engine": ...
    def __exit__(self, *exc: Any) -> None: ...
    def plans(self) -> List[Dict[str, Any]]: ...
    def schemas(self) -> List[Dict[str, Any]]: ...
    def declaration(self, doc: Optional[Decl] = ...,
                    schema: Optional[str] = ...) -> Declaration: ...
    def quote(self, decl: Decl, plan: Optional[str] = ...,
              worksheet: bool = ..., authority: Optional[int] = ...,
              overrides: Optional[Sequence[Override]] = ...,
              total_override: Union[None, Tuple[int, str],
                                    Mapping[str, Any]] = ...) -> Quote: ...
    def menu(self, decl: Decl,
             options: Union[None, str, bytes,
                            Sequence[Mapping[str, Any]]] = ...,
             plan: Optional[str] = ..., worksheet: bool = ...,
             authority: Optional[int] = ...) -> Menu: ...
    def structure(self, decl: Decl, structures: Union[Mapping[str, Any],
                                                      str, bytes],
                  seed: int = ..., years: int = ...,
                  threads: int = ...) -> StructureResult: ...
    def compare(self, decl: Decl,
                plans: Union[None, str, Sequence[str]] = ...,
                options: Union[None, str, bytes,
                               Sequence[Mapping[str, Any]],
                               Mapping[str, Union[
                                   str, bytes,
                                   Sequence[Mapping[str, Any]]]]] = ...,
                scenarios: Union[None, str, bytes, Mapping[str, Any],
                                 Sequence[Mapping[str, Any]]] = ...,
                cash_months: int = ...,
                authority: Optional[int] = ...) -> Comparison: ...
    def scheme(self, roster: Union[str, bytes, "os.PathLike[str]",
                                   Iterable[Any]],
               plan: str, threads: Optional[int] = ...,
               format: Optional[Literal["jsonl", "csv"]] = ...,
               start: int = ...) -> Scheme: ...
    def rate_many(self, items: Iterable[Any], threads: Optional[int] = ...,
                  plan: Optional[str] = ...,
                  format: Literal["jsonl", "csv", "quote"] = ...,
                  start: int = ..., worksheet: bool = ...) -> RateMany: ...


def rate_frame(df: Any, engine: Engine, *, column: Optional[str] = ...,
               plan: Optional[str] = ..., threads: Optional[int] = ...,
               schema: Optional[str] = ...) -> Any: ...
