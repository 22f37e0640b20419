import { describe, expect, it } from "vitest";
import { agencyBase, agencyKey, dropsHigherLevel, groupAgencyNames } from "../../src/model/agency.js";

// The one naming rule that `nianbao check` groups a batch by and the store joins a corpus by.

describe("agency names", () => {
  it("compares without whitespace of any width", () => {
    expect(agencyKey(" 白沙\u3000县 人民政府\u00a0")).toBe("白沙县人民政府");
    expect(agencyKey("  ")).toBeNull();
    expect(agencyKey(null)).toBeNull();
  });

  it("takes a zone's committee office for the zone, not an office for its government", () => {
    expect(agencyBase("平潭综合实验区管委会办公室")).toBe("平潭综合实验区");
    expect(agencyBase("苏州工业园区管理委员会")).toBe("苏州工业园区");
    expect(agencyBase("淮安市人民政府办公室")).toBe("淮安市人民政府办公室");
  });

  it("drops a higher level only when the shorter name is specific", () => {
    expect(dropsHigherLevel("淮安市洪泽区人民政府", "洪泽区人民政府")).toBe(true);
    expect(dropsHigherLevel("上高县机关事务局", "县机关事务局")).toBe(false);
    expect(dropsHigherLevel("洪泽区人民政府", "洪泽区人民政府")).toBe(false);
  });

  it("groups names, and leaves a short name that fits several longer ones alone", () => {
    const g = groupAgencyNames(["洪泽区人民政府", "淮安市洪泽区人民政府", "青山区人民政府", "临江市青山区人民政府", "云溪市青山区人民政府", "平潭综合实验区", "平潭综合实验区管委会办公室"]);
    expect(g.get("洪泽区人民政府")).toBe("淮安市洪泽区人民政府");
    expect(g.get("淮安市洪泽区人民政府")).toBe("淮安市洪泽区人民政府");
    expect(g.get("青山区人民政府")).toBe("青山区人民政府");
    expect(g.get("平潭综合实验区管委会办公室")).toBe(g.get("平潭综合实验区"));
  });
});
