"""Debian's in-toto as the oracle for artifact rules: reads a JSON list of cases on stdin, prints one verdict each.

A case is {"steps": [{"name", "expected_materials", "expected_products"}], "links": {name: classic link}}.
A verdict is {"verdict": "pass"}, {"verdict": "fail", "step", "list", "index"} (the rule that failed),
{"verdict": "invalid"} (the layout's rules do not parse) or {"verdict": "error", "detail"}.
"""
import json
import sys

import in_toto.verifylib as verifylib
from in_toto.exceptions import RuleVerificationError
from in_toto.models.layout import Step
from in_toto.models.link import Link
from in_toto.models.metadata import Metablock
from securesystemslib.exceptions import FormatError


def verdict(case):
    try:
        steps = [
            Step.read({
                "_type": "step", "name": s["name"], "pubkeys": [], "threshold": 1, "expected_command": [],
                "expected_materials": s["expected_materials"], "expected_products": s["expected_products"],
            })
            for s in case["steps"]
        ]
    except FormatError:
        return {"verdict": "invalid"}
    links = {name: Metablock(signed=Link.read(link)) for name, link in case["links"].items()}
    try:
        verifylib.verify_all_item_rules(steps, links)
    except RuleVerificationError:
        trace = verifylib.RULE_TRACE
        return {"verdict": "fail", "step": trace["source_name"], "list": trace["source_type"],
                "index": len(trace["trace"])}
    except Exception as e:  # noqa: BLE001 - a crash is reported, never taken for a verdict
        return {"verdict": "error", "detail": repr(e)}
    return {"verdict": "pass"}


def main():
    import logging
    logging.disable(logging.CRITICAL)
    cases = json.load(sys.stdin)
    json.dump([verdict(c) for c in cases], sys.stdout)


main()
