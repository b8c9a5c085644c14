"""Parsing actions (``then:``): recommend with weights, suppress and defer."""

from __future__ import annotations

from tiltak.catalogue import FORMATS
from tiltak.rules._base import ParserBase, _Loc, _shown
from tiltak.rules._ir import Recommend


class ActionParser(ParserBase):
    """Turns the parts of a ``then:`` mapping into recommendations and measure sets."""

    def recommend(self, value: object, loc: _Loc) -> list[Recommend]:
        items = value if isinstance(value, list) else [value]
        out: list[Recommend] = []
        for i, item in enumerate(items):
            item_loc = (*loc, i) if isinstance(value, list) else loc
            if isinstance(item, str):
                item = {"measure": item}
            entry = self.mapping(item, item_loc)
            if entry is None:
                continue
            for name in entry:
                if name not in ("measure", "weight", "per_gap", "per_share", "per_attribute"):
                    self.fail((*item_loc, name), "v-extra", at_key=True, field=name)
            measure = entry.get("measure")
            if not isinstance(measure, str):
                self.fail((*item_loc, "measure"), "v-missing" if measure is None else "v-type",
                          expected="a measure id", expected_nb="en tiltaks-id",
                          got=_shown(measure))
                continue
            if measure not in self.catalogue.measures:
                self.fail((*item_loc, "measure"), "rule-unknown-measure", value=measure,
                          near=(measure, tuple(self.catalogue.measures)))
            weight = self.number(entry.get("weight", 1), (*item_loc, "weight"))
            per_gap: list[tuple[str, float]] = []
            raw_gap = entry.get("per_gap", {})
            gap_map = self.mapping(raw_gap, (*item_loc, "per_gap"))
            for ref_text, mult in (gap_map or {}).items():
                ref = self.ref(ref_text, (*item_loc, "per_gap", ref_text))
                factor = self.number(mult, (*item_loc, "per_gap", ref_text))
                if ref is not None and factor is not None:
                    per_gap.append((f"{ref}.gap", factor))
            per_share: list[tuple[str, float]] = []
            share_map = self.mapping(entry.get("per_share", {}), (*item_loc, "per_share"))
            for ref_text, mult in (share_map or {}).items():
                ref = self.ref(ref_text, (*item_loc, "per_share", ref_text))
                factor = self.number(mult, (*item_loc, "per_share", ref_text))
                if ref is not None and factor is not None:
                    per_share.append((f"{ref}.share_at_or_below_2", factor))
            per_below: list[tuple[str, float, float]] = []
            attr_map = self.mapping(entry.get("per_attribute", {}),
                                    (*item_loc, "per_attribute"))
            for name, spec in (attr_map or {}).items():
                spec_loc = (*item_loc, "per_attribute", name)
                grading = self.mapping(spec, spec_loc)
                if grading is None:
                    continue
                for key in grading:
                    if key not in ("below", "per_point"):
                        self.fail((*spec_loc, key), "v-extra", at_key=True, field=key)
                for key in ("below", "per_point"):
                    if key not in grading:
                        self.fail((*spec_loc, key), "v-missing")
                below = self.number(grading["below"], (*spec_loc, "below")) \
                    if "below" in grading else None
                per_point = self.number(grading["per_point"], (*spec_loc, "per_point")) \
                    if "per_point" in grading else None
                if below is not None and per_point is not None:
                    per_below.append((f"attribute.{name}", below, per_point))
            if weight is not None:
                out.append(Recommend(measure, weight, tuple(per_gap), tuple(per_share),
                                     tuple(per_below)))
        return out

    def measure_scope(self, value: object, loc: _Loc) -> bool:
        """True for ``scope: matched-areas`` (only measures in the areas the condition matched)."""
        entry = value if isinstance(value, dict) else {}
        scope = entry.get("scope")
        if scope is None:
            return False
        if scope != "matched-areas":
            self.fail((*loc, "scope"), "v-choice", value=_shown(scope), expected="matched-areas")
            return False
        return True

    def measure_set(self, value: object, loc: _Loc) -> list[str]:
        entry = self.mapping(value, loc)
        if entry is None:
            return []
        chosen: dict[str, None] = {}
        for name in entry:
            if name not in ("measures", "formats", "scope"):
                self.fail((*loc, name), "v-extra", at_key=True, field=name)
        for measure, m_loc in self.id_list(entry.get("measures", []), (*loc, "measures")) if (
            "measures" in entry
        ) else []:
            if measure not in self.catalogue.measures:
                self.fail(m_loc, "rule-unknown-measure", value=measure,
                          near=(measure, tuple(self.catalogue.measures)))
            chosen[measure] = None
        for fmt, f_loc in self.id_list(entry.get("formats", []), (*loc, "formats")) if (
            "formats" in entry
        ) else []:
            if fmt not in FORMATS:
                self.fail(f_loc, "rule-unknown-format", value=fmt, expected=", ".join(FORMATS),
                          near=(fmt, tuple(FORMATS)))
            for m in self.catalogue.measures.values():
                if m.format == fmt:
                    chosen[m.id] = None
        if not set(entry) - {"scope"}:
            self.fail(loc, "rule-no-comparison", kind="suppress/defer",
                      expected="measures, formats")
        return list(chosen)

