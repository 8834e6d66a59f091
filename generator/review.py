"""``python -m generator check --diff REF``: what a change does to the site, for reviewers.

The project at REF (its tracked files, via ``git archive``) and the working
tree are both checked; the summary lists terms added, removed or changed,
annotated occurrences gained or lost per report, reports added or removed,
and passage notes added or removed.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from .check import CheckResult, check_project


class ReviewError(Exception):
    pass


def project_at(root: Path, ref: str, target: Path) -> Path:
    try:
        archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", ref],
                                 capture_output=True, check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        message = getattr(error, "stderr", b"") or b""
        raise ReviewError(f"cannot read {ref!r} from git: {message.decode(errors='replace').strip() or error}") from None
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def _terms(result: CheckResult) -> dict[str, object]:
    return {term.term: term for term in result.glossary.terms} if result.glossary else {}


def _fingerprint(term) -> dict[str, object]:
    return {
        "释义": term.summary, "别称": tuple(term.aliases), "类别": term.category,
        "定义": tuple(d.text for d in term.definitions), "相关": tuple(term.related),
        "含义": tuple((tuple(s.reports), s.summary) for s in term.senses), "说明": term.explanation,
        "范围": (term.scope.national, tuple(sorted(term.scope.regions))),
    }


def _scope_label(result: CheckResult, term) -> str:
    return "、".join(result.glossary.scope_names(term)) or "全国"


def _notes(result: CheckResult) -> set[tuple[str, str]]:
    """(report, quote) of every passage note: from the pipeline's summaries, or from whole reports."""
    if result.summaries:
        return {(s.meta.slug, quote) for s in result.summaries for quote in s.notes}
    return {(r.meta.slug, n.quote) for r in result.facts for n in getattr(r, "notes", [])}


def summarise_change(before: CheckResult, after: CheckResult, ref: str) -> str:
    lines = [f"与 {ref} 相比："]
    old, new = _terms(before), _terms(after)
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = []
    for name in sorted(set(old) & set(new)):
        a, b = _fingerprint(old[name]), _fingerprint(new[name])
        fields = [key for key in a if a[key] != b[key]]
        if fields:
            changed.append(f"{name}（{'、'.join(fields)}）")
    lines.append(f"名词：新增 {len(added)}，删除 {len(removed)}，修改 {len(changed)}")
    for label, items in (("  新增：", added), ("  删除：", removed), ("  修改：", changed)):
        if items:
            lines.append(label + "、".join(items))
    for name in sorted(set(old) & set(new)):
        a, b = old[name], new[name]
        if _fingerprint(a)["范围"] != _fingerprint(b)["范围"]:
            gained = sum(b.occurrences.values()) - sum(a.occurrences.values())  # type: ignore[attr-defined]
            reports = {s for s in set(a.occurrences) | set(b.occurrences)  # type: ignore[attr-defined]
                       if a.occurrences.get(s, 0) != b.occurrences.get(s, 0)}  # type: ignore[attr-defined]
            lines.append(f"  范围：{name} {_scope_label(before, a)} → {_scope_label(after, b)}："
                         f"标注 {gained:+d} 处（{len(reports)} 份报告）")

    reports_before = {r.meta.slug for r in before.facts}
    reports_after = {r.meta.slug for r in after.facts}
    for slug in sorted(reports_after - reports_before):
        lines.append(f"报告：新增 {slug}")
    for slug in sorted(reports_before - reports_after):
        lines.append(f"报告：删除 {slug}")

    lines.append("标注（各报告中名词出现处的增减）：")
    any_change = False
    for slug in sorted(reports_before | reports_after):
        deltas = []
        for name in sorted(set(old) | set(new)):
            count_before = old[name].occurrences.get(slug, 0) if name in old else 0  # type: ignore[attr-defined]
            count_after = new[name].occurrences.get(slug, 0) if name in new else 0  # type: ignore[attr-defined]
            if count_after != count_before:
                deltas.append((name, count_after - count_before))
        if deltas:
            any_change = True
            total = sum(delta for _, delta in deltas)
            detail = "、".join(f"{name} {delta:+d}" for name, delta in deltas)
            lines.append(f"  {slug}：{total:+d}（{detail}）")
    if not any_change:
        lines.append("  无变化")

    notes_before, notes_after = _notes(before), _notes(after)
    lines.append(f"编者注：新增 {len(notes_after - notes_before)}，删除 {len(notes_before - notes_after)}")
    for slug, quote in sorted(notes_after - notes_before):
        lines.append(f"  新增 {slug}：“{quote}”")
    for slug, quote in sorted(notes_before - notes_after):
        lines.append(f"  删除 {slug}：“{quote}”")
    return "\n".join(lines)


def review(root: Path, ref: str, after: CheckResult | None = None) -> str:
    after = after or check_project(root)
    with tempfile.TemporaryDirectory() as folder:
        before = check_project(project_at(root, ref, Path(folder)))
    return summarise_change(before, after, ref)
