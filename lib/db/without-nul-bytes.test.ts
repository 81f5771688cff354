import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "./without-nul-bytes";

describe("withoutNulBytes", () => {
  it("removes U+0000 from every string, nested in objects and arrays", () => {
    const args = { where: { OR: [{ name: { contains: "yo\u0000ga" } }] }, data: { name: "\u0000A\u0000", tags: ["x\u0000"] } };
    expect(withoutNulBytes(args)).toEqual({ where: { OR: [{ name: { contains: "yoga" } }] }, data: { name: "A", tags: ["x"] } });
    expect(args.data.name).toBe("\u0000A\u0000"); // the caller's object is not changed
  });

  it("returns the very same arguments when nothing holds a NUL, and leaves dates and buffers alone", () => {
    const when = new Date();
    const bytes = Buffer.from([0, 1, 2]);
    const args = { where: { id: "a", startsAt: { gte: when } }, data: { image: bytes, count: 3, flag: null } };
    expect(withoutNulBytes(args)).toBe(args);
    expect(withoutNulBytes({ data: { at: when, note: "\u0000" } }).data.at).toBe(when);
  });
});
