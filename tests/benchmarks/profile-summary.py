#!/usr/bin/env python3
"""Top frames of a dotnet-trace thread-time profile (speedscope JSON), counting only busy samples.

dotnet-trace's default profile samples every thread's stack, blocked ones too, so its own topN report is
led by wait frames. Its speedscope export ends each stack in CPU_TIME (managed code running) or
UNMANAGED_CODE_TIME (native code, unnamed here). A sample is idle when its innermost managed frame is a
wait (semaphores, monitors, wait handles, the socket engine's epoll loop, an idle thread-pool worker, a
thread held for a GC), and spent on the trace itself when the stack enables an EventSource for the
session; every other sample is busy, managed or native (system calls, the runtime). Shares are of busy
time only; a frame's exclusive time is the busy time it was the innermost managed frame.

Usage: profile-summary.py TRACE.speedscope.json [REQUESTS] [TOP]
"""
import json
import re
import sys

IDLE = re.compile(
    r"WaitHandle\.WaitOne|WaitOneNoCheck|WaitNative|WaitForSignal|LowLevelLifoSemaphore\.Wait|Monitor\.Wait"
    r"|WaitForSocketEvents|SocketAsyncEngine\.EventLoop|Interop\+Sys\.Read\(|Thread\.Sleep|Task\.InternalWait"
    r"|SpinThenBlockingWait|ManualResetEventSlim\.Wait|Thread\.StartCore|TimerQueue\.TimerThread"
    r"|WorkerThread\.WorkerThreadStart|PollGC")
# Plumbing every async stack runs through: left out of the inclusive list, which would start with them.
PLUMBING = re.compile(
    r"Thread\.StartCallback|WorkerThreadStart|ThreadPoolWorkQueue\.Dispatch|ExecutionContext\.Run|AsyncMethodBuilderCore\.Start"
    r"|AsyncStateMachineBox|MethodBuilder`1\[|Task\.RunContinuations|AwaitTaskContinuation\.RunOrScheduleAction|TrySetResult"
    r"|ThreadPool\+<>c|IThreadPoolWorkItem\.Execute|RunFromThreadPoolDispatchLoop")
# Stacks of the tracing session itself: enabling an EventSource builds its manifest.
TRACING = re.compile(r"EventSource\.SendCommand|ManifestBuilder")
# Frames that are no code: the thread-time markers, the process and thread roots, unresolved symbols.
PSEUDO = re.compile(r"^(CPU_TIME|UNMANAGED_CODE_TIME|\?!\?|Missing Symbol|Threads|\(Non-Activities\)|Thread \(|Process(32|64) )")


def samples(trace):
    """Yields (kind, span, code) for every sampled span of every thread: kind is "busy", "idle" or
    "tracing"; code the span's stack without pseudo frames, outermost first (frame indexes)."""
    names = [frame["name"] for frame in trace["shared"]["frames"]]
    pseudo = [bool(PSEUDO.match(name)) for name in names]
    tracing = [bool(TRACING.search(name)) for name in names]
    for profile in trace["profiles"]:
        stack, last = [], None
        for event in profile.get("events", []):
            at = event["at"]
            if last is not None and stack and at > last:
                code = [f for f in stack if not pseudo[f]]
                if any(tracing[f] for f in code):
                    yield "tracing", at - last, code
                elif code and not IDLE.search(names[code[-1]]):
                    yield "busy", at - last, code
                else:
                    yield "idle", at - last, code
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()


def main():
    path = sys.argv[1]
    requests = int(float(sys.argv[2])) if len(sys.argv) > 2 else 0
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    with open(path, encoding="utf-8") as file:
        trace = json.load(file)
    names = [frame["name"] for frame in trace["shared"]["frames"]]
    inclusive, exclusive = {}, {}
    busy = total = traced = 0.0
    for kind, span, code in samples(trace):
        total += span
        if kind == "tracing":
            traced += span
        elif kind == "busy":
            busy += span
            exclusive[code[-1]] = exclusive.get(code[-1], 0.0) + span
            for frame in set(code):
                inclusive[frame] = inclusive.get(frame, 0.0) + span
    if busy == 0:
        print("(no busy samples)")
        return
    per_request = f", {busy * 1000 / requests:.0f} µs per request" if requests else ""
    print(f"busy: {busy / 1000:.2f} s of {total / 1000:.2f} s sampled thread time ({busy * 100 / total:.1f}%{per_request});"
          f" the tracing session itself: {traced / 1000:.2f} s")
    for title, table in (("inclusive", inclusive), ("exclusive", exclusive)):
        note = ", async and thread-pool plumbing left out" if title == "inclusive" else ""
        print(f"\n{title}, top {top} (% of busy time{note})")
        rows = sorted(table.items(), key=lambda item: -item[1])
        shown = 0
        for frame, span in rows:
            if title == "inclusive" and PLUMBING.search(names[frame]):
                continue
            print(f"{span * 100 / busy:6.1f}%  {names[frame][:110]}")
            shown += 1
            if shown == top:
                break


if __name__ == "__main__":
    main()
