#!/usr/bin/env python3
"""File a training run's progress in a model's compute ledger through the GPAI Assessor
API, and print the model's totals. Standard library only: copy it into a training job.

    export GPAI_API_TOKEN=gpai_...            # made on the organisation's API tokens page
    python examples/ledger_client.py --base-url https://assessor.example.com \\
        --model 3f6c...-uuid --key run-42 --revision 3 --kind pre_training \\
        --status running --chips 16000 --hours 480 --peak-flops 9.89e14 --utilisation 0.4

Give the compute either as ``--flop`` or as hardware (``--chips``, ``--hours``,
``--utilisation`` and ``--peak-flops`` or ``--accelerator``). Filing the same key and
revision again changes nothing (safe to retry); file progress as a higher revision.
Exit status: 0 filed, 1 refused (the API's message and field are printed), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

KINDS = (
    "pre_training",
    "continued_pre_training",
    "fine_tuning",
    "reinforcement_learning",
    "synthetic_data",
    "inherited",
)
STATUSES = ("planned", "running", "finished")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("GPAI_API_URL", ""), required=False)
    parser.add_argument("--token", default=os.environ.get("GPAI_API_TOKEN", ""))
    parser.add_argument("--model", required=True, help="the model's id (a UUID)")
    parser.add_argument("--key", required=True, help="your name for this run, such as run-42")
    parser.add_argument("--revision", type=int, required=True)
    parser.add_argument("--kind", choices=KINDS, default="pre_training")
    parser.add_argument("--status", choices=STATUSES, required=True)
    parser.add_argument("--started-on", help="YYYY-MM-DD")
    parser.add_argument("--ended-on", help="YYYY-MM-DD")
    parser.add_argument("--description", default="")
    parser.add_argument("--flop", help="the run's compute so far (or planned), such as 3.2e24")
    parser.add_argument("--chips", help="number of accelerators")
    parser.add_argument("--hours", help="hours the run took (so far)")
    parser.add_argument("--peak-flops", help="peak FLOP/s of one accelerator")
    parser.add_argument("--accelerator", help="an accelerator the rules know, such as h100")
    parser.add_argument("--utilisation", help="model FLOP utilisation, such as 0.4")
    args = parser.parse_args(argv)
    if not args.base_url:
        parser.error("give --base-url (or set GPAI_API_URL)")
    if not args.token:
        parser.error("give --token (or set GPAI_API_TOKEN)")
    hardware = (args.chips, args.hours, args.utilisation)
    if args.flop is None and not all(hardware):
        parser.error(
            "give --flop, or --chips, --hours and --utilisation with --peak-flops or --accelerator"
        )
    return args


def compute_document(args: argparse.Namespace) -> dict[str, Any]:
    if args.flop is not None:
        return {"method": "direct", "flop": args.flop}
    compute: dict[str, Any] = {
        "method": "hardware",
        "chips": args.chips,
        "hours": args.hours,
        "utilisation": args.utilisation,
    }
    if args.peak_flops:
        compute["peak_flops"] = args.peak_flops
    if args.accelerator:
        compute["accelerator"] = args.accelerator
    return compute


def put_entry(args: argparse.Namespace) -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {
        "kind": args.kind,
        "status": args.status,
        "revision": args.revision,
        "compute": compute_document(args),
        "description": args.description,
    }
    if args.started_on:
        body["started_on"] = args.started_on
    if args.ended_on:
        body["ended_on"] = args.ended_on
    url = f"{args.base_url.rstrip('/')}/api/v1/models/{args.model}/ledger/{args.key}"
    if not url.startswith(("https://", "http://")):
        raise SystemExit("--base-url must start with https:// (or http:// for a local test)")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=json.dumps(body).encode("utf-8"),
        method="PUT",
        headers={
            "Authorization": f"Bearer {args.token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        try:
            document = json.loads(error.read())
        except ValueError:
            document = {"detail": error.reason}
        return error.code, document


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    status, document = put_entry(args)
    if status >= 400:
        field = document.get("field")
        where = f" (field: {field})" if field else ""
        print(f"Refused, HTTP {status}: {document.get('detail')}{where}", file=sys.stderr)
        return 1
    entry = document["entry"]
    totals = document["totals"]
    print(
        f"{document['outcome']}: {entry['key']} revision {entry['revision']}, {entry['flop']} FLOP"
    )
    print(
        f"training compute: actual {totals['training']['actual']}, "
        f"planned {totals['training']['planned']}"
    )
    print(
        f"cumulative compute: actual {totals['cumulative']['actual']}, "
        f"planned {totals['cumulative']['planned']}"
    )
    for event in totals.get("events", []):
        figure = "planned" if event["planned"] else "actual"
        line = f"{event['threshold']} {event['kind']} ({figure}) known on {event['known_on']}"
        if event.get("notify_by"):
            line += f": notify the AI Office by {event['notify_by']} (Art. 52)"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
