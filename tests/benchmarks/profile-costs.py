#!/usr/bin/env python3
"""What each part of the gateway costs per request, from a dotnet-trace profile (speedscope JSON).

Every busy sample (profile-summary.py's samples(), which decides: not waiting, not the tracing session's own set-up) is
charged to one part: walking the stack from its innermost frame outwards, the first frame that belongs
to a part below decides. So a system call is charged to whoever made it (Kestrel's send to the caller,
HttpClient's to DRRS, the Redis client's to Redis), a lock to the code that took it, an OpenTelemetry
measurement to metrics whoever recorded it. Samples with no such frame (the thread pool's own dispatch,
the GC, the JIT) are "runtime". The microseconds are busy time over the traced run's requests: tracing
itself slows the process, so read them as shares of a request, not as absolute costs.

Usage: profile-costs.py TRACE.speedscope.json REQUESTS [BASELINE.speedscope.json BASELINE_REQUESTS]
With a baseline (bare YARP's trace of the same scenario) a second column gives the baseline's figure.
"""
import importlib.util
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("summary", os.path.join(here, "profile-summary.py"))
summary = importlib.util.module_from_spec(spec)
spec.loader.exec_module(summary)

# (part, frame pattern), tried in this order on each frame from the innermost outwards.
PARTS = [
    # RESPite: the I/O layer of StackExchange.Redis 3.x (its socket writes and reads).
    ("Redis client and its socket", re.compile(r"^(StackExchange\.Redis|Pipelines\.Sockets\.Unofficial|RESPite)!")),
    ("metrics (OpenTelemetry and the meters it listens to)", re.compile(r"^(OpenTelemetry[^!]*|System\.Diagnostics\.DiagnosticSource)!.*(Metric|Aggregator|Instrument|Meter|Counter|Histogram)")),
    ("SOAP envelope check", re.compile(r"^DrrsGateway!DrrsGateway\.AcceptableUse\.(Soap\.(EnvelopeReader|PeekBuffer|PeekedBytesStream|ReplayingReadStream)|Services\.EnvelopeScan)")),
    ("refusal answer (SOAP fault, headers)", re.compile(r"^DrrsGateway!DrrsGateway\.AcceptableUse\.Responses\.")),
    ("monitoring (stuck clients)", re.compile(r"^DrrsGateway!DrrsGateway\.Monitoring\.")),
    ("policy (identity, service, decision, flood shield)", re.compile(r"^DrrsGateway!DrrsGateway\.AcceptableUse\.")),
    ("gateway's other middleware", re.compile(r"^DrrsGateway!")),
    ("request log and logging (Serilog)", re.compile(r"^Serilog[^!]*!|^Microsoft\.Extensions\.Logging")),
    ("forwarding (YARP, HttpClient to the backend)", re.compile(r"^(Yarp\.ReverseProxy|System\.Net\.Http|System\.Private\.Uri)!|DiagnosticsHandler")),
    ("ASP.NET Core and Kestrel (the caller's connection)", re.compile(r"^(Microsoft\.AspNetCore[^!]*|System\.IO\.Pipelines)!")),
]
RUNTIME = "runtime (thread-pool dispatch, GC, JIT, other)"


def costs(path):
    with open(path, encoding="utf-8") as file:
        trace = json.load(file)
    names = [frame["name"] for frame in trace["shared"]["frames"]]
    part_of = {}
    charged = {}
    for kind, span, code in summary.samples(trace):
        if kind != "busy":
            continue
        part = RUNTIME
        for frame in reversed(code):
            if frame not in part_of:
                part_of[frame] = next((p for p, rule in PARTS if rule.search(names[frame])), None)
            if part_of[frame]:
                part = part_of[frame]
                break
        charged[part] = charged.get(part, 0.0) + span
    return charged


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    unit = 1000.0  # speedscope times are milliseconds; shown in microseconds per request
    gateway, requests = costs(sys.argv[1]), int(float(sys.argv[2]))
    baseline, base_requests = ({}, 0) if len(sys.argv) == 3 else (costs(sys.argv[3]), int(float(sys.argv[4])))
    order = [p for p, _ in PARTS] + [RUNTIME]
    header = "| part | µs per request |" + (" baseline µs per request |" if base_requests else "")
    print(header)
    print("|---|---:|" + ("---:|" if base_requests else ""))
    total = base_total = 0.0
    for part in order:
        mine = gateway.get(part, 0.0) * unit / requests
        total += mine
        row = f"| {part} | {mine:.1f} |"
        if base_requests:
            theirs = baseline.get(part, 0.0) * unit / base_requests
            base_total += theirs
            row += f" {theirs:.1f} |"
        print(row)
    print(f"| **busy, all parts** | **{total:.1f}** |" + (f" **{base_total:.1f}** |" if base_requests else ""))


if __name__ == "__main__":
    main()
