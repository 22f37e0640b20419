import { describe, expect, it } from "vitest";
import { isPlainCount, parseValue } from "../../src/extract/values.js";

// parseValue has fast paths for the common cells (plain digits, Chinese labels); each must
// give what the full normalisation gives.
describe("parseValue", () => {
  it("reads plain digits, blanks and padded or full-width numbers alike", () => {
    expect(parseValue("0")).toEqual({ value: 0, form: "number", flags: [] });
    expect(parseValue("3119")).toEqual({ value: 3119, form: "number", flags: [] });
    expect(parseValue("")).toMatchObject({ value: null, form: "blank" });
    expect(parseValue("\u3000１２ ")).toMatchObject({ value: 12, form: "number" });
    expect(parseValue("007")).toMatchObject({ value: 7, flags: ["leading-zeros"] });
  });

  it("tells labels from the words for none and not applicable, however they are spaced", () => {
    expect(parseValue("（一）予以公开")).toMatchObject({ value: null, form: "text" });
    expect(parseValue("规章")).toMatchObject({ value: null, form: "text" });
    expect(parseValue("暂 无")).toMatchObject({ value: null, form: "none" });
    expect(parseValue("无。")).toMatchObject({ value: null, form: "none" });
    expect(parseValue(" 不适用")).toMatchObject({ value: null, form: "dash" });
    expect(parseValue("三件")).toMatchObject({ value: null, form: "text", unit: "件" });
  });
});

describe("isPlainCount", () => {
  it("accepts only counts written as the template expects", () => {
    for (const raw of ["0", "7", "3119", "999999999999999"]) expect(isPlainCount(raw), raw).toBe(true);
    for (const raw of ["", "00", "07", "-1", "+3", "1.5", "3,119", " 3", "3件", "１２", "1000000000000000", "a"]) expect(isPlainCount(raw), raw).toBe(false);
  });
});
