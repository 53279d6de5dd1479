import { describe, expect, it } from "vitest";
import { isLocale, negotiateLocale } from "./locale";

describe("locale negotiation", () => {
  it.each([
    ["es-MX,es;q=0.9,en;q=0.8", "es"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,es;q=0.5,en;q=0.4", "es"],
    ["de, fr", "en"],
    ["", "en"],
    [null, "en"],
    ["es;q=0, en;q=0.1", "en"],
    ["garbage;;;q=abc", "en"],
  ])("%s → %s", (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it("knows only English and Spanish", () => {
    expect(isLocale("es")).toBe(true);
    expect(isLocale("xx")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
