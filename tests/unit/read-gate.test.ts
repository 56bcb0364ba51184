// Reads wait their turn behind a few renders; writes never wait for reads (app/read-gate.server.ts).
import { EventEmitter } from "node:events";
import type { NextFunction, Request, Response } from "express";
import { expect, test, vi } from "vitest";
import { createGate, gateReads } from "~/read-gate.server";

function request(method: string) {
  const res = new EventEmitter();
  const socket = Object.assign(new EventEmitter(), { destroyed: false });
  return { req: { method, socket } as unknown as Request, res: res as unknown as Response & EventEmitter, socket };
}

test("at most `limit` reads run; the next one starts when one finishes, in arrival order", () => {
  const gate = createGate(2);
  const middleware = gateReads(gate);
  const order: string[] = [];
  const reads = ["a", "b", "c", "d"].map((name) => {
    const r = request("GET");
    middleware(r.req, r.res, (() => order.push(name)) as NextFunction);
    return r;
  });
  expect(order).toEqual(["a", "b"]);
  expect(gate.waiting).toBe(2);
  reads[1].res.emit("close");
  expect(order).toEqual(["a", "b", "c"]);
  reads[0].res.emit("close");
  expect(order).toEqual(["a", "b", "c", "d"]);
  reads[2].res.emit("close");
  reads[3].res.emit("close");
  expect(gate.active).toBe(0);
});

test("a write starts at once, however many reads are waiting", () => {
  const middleware = gateReads(createGate(1));
  const order: string[] = [];
  for (const name of ["r1", "r2", "r3"]) {
    const r = request("GET");
    middleware(r.req, r.res, (() => order.push(name)) as NextFunction);
  }
  const w = request("POST");
  middleware(w.req, w.res, (() => order.push("vote")) as NextFunction);
  expect(order).toEqual(["r1", "vote"]);
});

test("a read whose client left while waiting is dropped and frees nothing twice", () => {
  const gate = createGate(1);
  const middleware = gateReads(gate);
  const order: string[] = [];
  const first = request("GET");
  const gone = request("GET");
  const third = request("HEAD");
  middleware(first.req, first.res, (() => order.push("first")) as NextFunction);
  middleware(gone.req, gone.res, (() => order.push("gone")) as NextFunction);
  middleware(third.req, third.res, (() => order.push("third")) as NextFunction);
  gone.res.emit("close");
  expect(gate.waiting).toBe(1);
  first.res.emit("close");
  first.res.emit("close");
  expect(order).toEqual(["first", "third"]);
  expect(gate.active).toBe(1);
  third.res.emit("close");
  expect(gate.active).toBe(0);
});

test("a read that never finishes gives its slot back after the hold time", () => {
  vi.useFakeTimers();
  const gate = createGate(1);
  const middleware = gateReads(gate, 20);
  const order: string[] = [];
  const stuck = request("GET");
  const next = request("GET");
  middleware(stuck.req, stuck.res, (() => order.push("stuck")) as NextFunction);
  middleware(next.req, next.res, (() => order.push("next")) as NextFunction);
  expect(order).toEqual(["stuck"]);
  vi.advanceTimersByTime(19);
  expect(order).toEqual(["stuck"]);
  vi.advanceTimersByTime(1);
  expect(order).toEqual(["stuck", "next"]);
  stuck.res.emit("close");
  expect(gate.active).toBe(1);
  vi.useRealTimers();
});

test("a read whose client is already gone when it reaches the gate is not rendered and takes no slot", () => {
  // Its 'close' came while express.static was still looking for a file, so no 'close' follows.
  const gate = createGate(1);
  const middleware = gateReads(gate);
  const order: string[] = [];
  const gone = request("GET");
  gone.socket.destroyed = true;
  middleware(gone.req, gone.res, (() => order.push("gone")) as NextFunction);
  const next = request("GET");
  middleware(next.req, next.res, (() => order.push("next")) as NextFunction);
  expect(order).toEqual(["next"]);
  expect(gate.active).toBe(1);
  next.res.emit("close");
  expect(gate.active).toBe(0);
});

test("a waiting read whose connection closed before its turn is skipped, even before its 'close' arrives", () => {
  const gate = createGate(1);
  const middleware = gateReads(gate);
  const order: string[] = [];
  const [first, gone, third] = [request("GET"), request("GET"), request("GET")];
  middleware(first.req, first.res, (() => order.push("first")) as NextFunction);
  middleware(gone.req, gone.res, (() => order.push("gone")) as NextFunction);
  middleware(third.req, third.res, (() => order.push("third")) as NextFunction);
  gone.socket.destroyed = true;
  first.res.emit("close");
  expect(order).toEqual(["first", "third"]);
  expect(gate.active).toBe(1);
  gone.res.emit("close");
  expect(gate.active).toBe(1);
  third.res.emit("close");
  expect(gate.active).toBe(0);
});

test("a running read whose connection closes frees its slot though its response never closes (a pipelined request)", () => {
  const gate = createGate(1);
  const middleware = gateReads(gate);
  const order: string[] = [];
  const [pipelined, next] = [request("GET"), request("GET")];
  middleware(pipelined.req, pipelined.res, (() => order.push("pipelined")) as NextFunction);
  middleware(next.req, next.res, (() => order.push("next")) as NextFunction);
  pipelined.socket.destroyed = true;
  pipelined.socket.emit("close");
  expect(order).toEqual(["pipelined", "next"]);
  expect(gate.active).toBe(1);
});

test("a keep-alive connection keeps no listener of a read that has finished", () => {
  const gate = createGate(1);
  const middleware = gateReads(gate);
  const r = request("GET");
  middleware(r.req, r.res, (() => {}) as NextFunction);
  expect(r.socket.listenerCount("close")).toBe(1);
  r.res.emit("close");
  expect(r.socket.listenerCount("close")).toBe(0);
  // The connection closing later frees nothing twice.
  r.socket.emit("close");
  expect(gate.active).toBe(0);
});
