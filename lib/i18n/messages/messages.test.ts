import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { loadMessages } from ".";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Argument names of an ICU message (plural/select branches included), parsed, not pattern-matched. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if ("value" in element && typeof element.value === "string" && element.type !== TYPE.literal)
        names.add(element.value);
      if ("options" in element) for (const option of Object.values(element.options)) visit(option.value);
      if (element.type === TYPE.tag) visit(element.children);
    }
  };
  visit(parse(text));
  return [...names].sort();
}

describe("message catalogs", () => {
  it("Spanish addresses every user without grammatical gender (no Bienvenido/Bienvenida)", async () => {
    const es = await loadMessages("es");
    const get = (path: string) => path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], es);
    const gendered = keys(es).filter((key) => /\bbienvenid[oa]s?\b/i.test(String(get(key))));
    expect(gendered).toEqual([]);
  });

  it("English and Spanish define exactly the same keys", async () => {
    const en = keys(await loadMessages("en")).sort();
    const es = keys(await loadMessages("es")).sort();
    expect(es).toEqual(en);
  });

  it("every Spanish message uses the same placeholders as its English original", async () => {
    const en = await loadMessages("en");
    const es = await loadMessages("es");
    const get = (obj: unknown, path: string) =>
      path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
    const mismatched = keys(en).filter((key) => {
      const a = get(en, key);
      const b = get(es, key);
      return typeof a === "string" && typeof b === "string" && placeholders(a).join() !== placeholders(b).join();
    });
    expect(mismatched).toEqual([]);
  });

  it("no message is empty", async () => {
    for (const locale of ["en", "es"] as const) {
      const messages = await loadMessages(locale);
      const get = (path: string) =>
        path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);
      expect(keys(messages).filter((k) => typeof get(k) !== "string" || (get(k) as string).trim() === "")).toEqual([]);
    }
  });
});
