"""Build a tree from rows that point at their parent (recommendations, programme parts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Knoop(Generic[T]):
    item: T
    diepte: int
    kinderen: list[Knoop[T]] = field(default_factory=list)


def bouw_boom(
    items: Iterable[T],
    ouder: Callable[[T], Hashable | None],
    sleutel: Callable[[T], Hashable] = lambda item: item.pk,  # type: ignore[attr-defined]
) -> list[Knoop[T]]:
    """The items nested under their parents, each level in the order given.

    Nothing is lost and the tree is always finite: an item whose parent is not among the
    items becomes a root, and so does the first item met of a cycle (which the database does
    not forbid)."""
    items = list(items)
    sleutels = {sleutel(item) for item in items}
    kinderen_van: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        p = ouder(item)
        if p is not None and p in sleutels and p != sleutel(item):
            kinderen_van[p].append(item)

    gezien: set[Hashable] = set()

    def knoop(item: T, diepte: int) -> Knoop[T]:
        gezien.add(sleutel(item))
        k = Knoop(item, diepte)
        for kind in kinderen_van[sleutel(item)]:
            if sleutel(kind) not in gezien:
                k.kinderen.append(knoop(kind, diepte + 1))
        return k

    wortels = [
        knoop(item, 0)
        for item in items
        if ouder(item) is None or ouder(item) not in sleutels or ouder(item) == sleutel(item)
    ]
    # Whatever is left hangs in a cycle: start each cycle at its first item.
    wortels += [knoop(item, 0) for item in items if sleutel(item) not in gezien]
    return wortels
