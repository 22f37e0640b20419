import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HangClock } from "../src/pipeline/hang-clock.js";

// A worker's task counts as hung when it runs past its time limit; the time it spends waiting
// for its Word file's conversion (queued behind other files) does not count.

describe("the hang clock", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("expires after its time, not counting the time it was paused", () => {
    let expired = false;
    const clock = new HangClock(1000, () => (expired = true));
    vi.advanceTimersByTime(600);
    clock.pause();
    vi.advanceTimersByTime(5000);
    expect(expired).toBe(false);
    clock.resume();
    vi.advanceTimersByTime(399);
    expect(expired).toBe(false);
    vi.advanceTimersByTime(2);
    expect(expired).toBe(true);
  });

  it("stays paused while any of several waits lasts, and never expires once stopped", () => {
    let expired = 0;
    const clock = new HangClock(100, () => expired++);
    clock.pause();
    clock.pause();
    clock.resume();
    vi.advanceTimersByTime(1000);
    expect(expired).toBe(0);
    clock.resume();
    vi.advanceTimersByTime(100);
    expect(expired).toBe(1);
    const stopped = new HangClock(100, () => expired++);
    stopped.stop();
    stopped.resume();
    vi.advanceTimersByTime(1000);
    expect(expired).toBe(1);
  });
});
