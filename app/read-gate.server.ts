// Why: Node renders one page at a time on its event loop, in the order requests
// arrived. Under load a vote or a rating queued behind every page render already
// waiting — with 40 busy readers that was ~200 ms for a write that takes 1 ms.
// Page reads (GET/HEAD) therefore pass a gate that lets a few run at once and keeps
// the rest waiting in arrival order; writes skip it, so a write waits behind at most
// that few renders. Read throughput stays the same: rendering is CPU-bound, so more
// reads in flight would only wait inside Node instead of here. docs/decisions/070.
import type { NextFunction, Request, Response } from "express";

export type Gate = {
  /** Queues `go`; calls it when a slot is free. `go` returns false when it no longer wants the slot. */
  enter(go: () => boolean): void;
  /** Frees a slot taken by a `go` that returned true. */
  leave(): void;
  /** Drops a `go` that is still waiting. */
  cancel(go: () => boolean): void;
  readonly active: number;
  readonly waiting: number;
};

export function createGate(limit: number): Gate {
  let active = 0;
  const queue: Array<() => boolean> = [];
  const pump = () => {
    while (active < limit && queue.length > 0) {
      const go = queue.shift()!;
      active++;
      if (!go()) active--;
    }
  };
  return {
    enter(go) {
      queue.push(go);
      pump();
    },
    leave() {
      active--;
      pump();
    },
    cancel(go) {
      const i = queue.indexOf(go);
      if (i >= 0) queue.splice(i, 1);
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/**
 * Express middleware: reads go through `gate`, one slot each until their response
 * closes, or at most `holdMs` — a response that never ends must not shut the gate.
 */
export function gateReads(gate: Gate, holdMs = 10_000) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    // The client can be gone before the request gets here (express.static looks for a
    // file first, asynchronously). Its 'close' has then already been emitted, so such a
    // request would hold a slot for the whole hold time: nobody is waiting for it.
    if (clientGone(req)) return;
    let state: "waiting" | "running" | "done" = "waiting";
    let timer: ReturnType<typeof setTimeout> | undefined;
    const socket = req.socket;
    const done = () => {
      if (state === "waiting") gate.cancel(go);
      else if (state === "running") gate.leave();
      state = "done";
      clearTimeout(timer);
      socket?.off("close", done);
    };
    const go = () => {
      if (state !== "waiting") return false;
      if (clientGone(req)) {
        done();
        return false;
      }
      state = "running";
      timer = setTimeout(done, holdMs);
      timer.unref?.();
      next();
      return true;
    };
    // 'close' comes after the response is sent, or when the client went away first
    // (then a waiting request is dropped without being rendered).
    res.once("close", done);
    // A pipelined request whose client hangs up gets no 'close' on its response (it
    // never had the socket); the connection's 'close' frees its slot. Not the
    // request's own 'close': that comes as soon as its body has been read.
    socket?.once("close", done);
    gate.enter(go);
  };
}

function clientGone(req: Request) {
  return req.socket?.destroyed === true;
}
