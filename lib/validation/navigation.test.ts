import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./navigation";

describe("post-sign-in destination", () => {
  it.each([
    ["/students/abc", "/students/abc"],
    ["/students/abc?tab=plan#goals", "/students/abc?tab=plan#goals"],
    ["/", "/"],
    ["https://evil.example.com/", "/"],
    ["//evil.example.com/", "/"],
    ["/\\evil.example.com", "/"],
    ["/sign-in?callbackUrl=/x", "/"],
    ["/api/auth/signout", "/"],
    [undefined, "/"],
    ["javascript:alert(1)", "/"],
    // Encoded and raw control characters that browsers strip before resolving the URL.
    ["/%09/evil.example/phish", "/"],
    ["/\t/evil.example/phish", "/"],
    ["/%0a/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/%2F/evil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["/%", "/"],
    ["/élève", "/"],
    ["/students/\u0000", "/"],
    ["/" + "a".repeat(3000), "/"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it("never answers anything but a same-origin path, whatever the input", () => {
    const samples = ["/a/../../b", "/./x", "/%2e%2e/x", "/\u2028x", "/😀", "/x?y=%0d%0a"];
    for (const sample of samples) {
      const result = safeCallbackPath(sample);
      expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
      expect(new URL(result, "https://planpath.example").host).toBe("planpath.example");
    }
  });
});
