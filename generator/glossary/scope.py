"""Where a term applies: the whole country, or some regions together with the regions below them.

Many terms are local. 两个基地 is 内蒙古's strategic role; 回民区 defines 三新
as 新发展阶段、新发展理念、新发展格局, which is not what 云南 means by “三新”消费.
So a term is marked only in reports its scope covers:

* a term a report defines applies, by default, in that report's region and
  below it (a province's definition covers its cities and counties);
* a term only editors write about applies everywhere;
* an editor's term file can set ``scope:`` to widen or narrow either default
  (``scope: 全国``, or ``scope: [内蒙古自治区]``);
* a term always applies in a report that defines it, and in the reports its
  senses name.

Scopes name regions by key: a division's code, or ``?name`` for a region the
code table does not know (see :class:`generator.regions.tree.Region`).
"""

from __future__ import annotations

from dataclasses import dataclass

NATIONAL = "全国"


@dataclass(frozen=True)
class Scope:
    regions: frozenset[str] = frozenset()  # region keys
    national: bool = False

    def covers(self, chain: tuple[str, ...]) -> bool:
        """Whether a report whose region has this chain of keys (outermost first) lies in the scope."""
        return self.national or any(key in self.regions for key in chain)

    def depth(self, chain: tuple[str, ...]) -> int:
        """How far down the chain the nearest region of the scope lies (-1: not at all)."""
        return max((index for index, key in enumerate(chain) if key in self.regions), default=-1)


EVERYWHERE = Scope(national=True)


def resolve_scope(names: list[str], table, unknown_regions: set[str] = frozenset()) -> tuple[Scope | None, str]:
    """An editor's ``scope:`` list as a Scope, or None and what is wrong with it.

    A region is named as the code table names it (内蒙古自治区, 内蒙古), with its
    parents where the name alone is ambiguous (呼和浩特市新城区), or by its code;
    a report's region the table does not know is named as the report names it.
    """
    if NATIONAL in names:
        return (EVERYWHERE, "") if len(names) == 1 else (None, f"'{NATIONAL}' cannot be combined with regions")
    keys = set()
    for name in names:
        found = table.lookup(name)
        if len(found) == 1:
            keys.add(found[0].code)
        elif name in unknown_regions:
            keys.add(f"?{name}")
        elif found:
            choices = "、".join(f"{''.join(d.name for d in table.chain(c))}（{c.code}）" for c in found)
            return None, f"region '{name}' is ambiguous: {choices}; name it with its parent or by its code"
        else:
            return None, f"region '{name}' is not a region of the code table or of a report"
    return Scope(frozenset(keys)), ""
