from typing import Any, Dict, List, Optional, Union

import ratel

DEFAULT_BLOCKSIZE: int


class EngineSpec:
    def __init__(self, tables: Optional[str] = ...,
                 plans: Optional[str] = ..., schemas: Optional[str] = ...,
                 ship: bool = ...) -> None: ...


def rate_book(book: Any, *, tables: Optional[str] = ...,
              plans: Optional[str] = ..., plan: Optional[str] = ...,
              client: Any = ..., output: Optional[str] = ...,
              schemas: Optional[str] = ..., ship: bool = ...,
              npartitions: Optional[int] = ..., blocksize: int = ...,
              threads: int = ...) -> Union[List[str], int]: ...


def rate_scheme(roster: Any, *, plan: str, tables: Optional[str] = ...,
                plans: Optional[str] = ..., client: Any = ...,
                schemas: Optional[str] = ..., ship: bool = ...,
                npartitions: Optional[int] = ..., blocksize: int = ...,
                threads: int = ...) -> ratel.Scheme: ...


def impact(book: Any, from_plan: str, to_plan: str, *,
           tables: Optional[str] = ..., plans: Optional[str] = ...,
           from_tables: Optional[str] = ..., to_tables: Optional[str] = ...,
           from_plans: Optional[str] = ..., to_plans: Optional[str] = ...,
           schemas: Optional[str] = ..., top: int = ..., client: Any = ...,
           ship: bool = ..., npartitions: Optional[int] = ...,
           blocksize: int = ..., threads: int = ...) -> Dict[str, Any]: ...


def main(argv: Optional[List[str]] = ...) -> int: ...
