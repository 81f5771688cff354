import { describe, expect, it } from "vitest";
import { localizedName, namesOf } from "./localized-name";
import { cleanReferenceNames, namesFromForm, TRANSLATED_LANGUAGES, translatedNameLabel } from "./reference-names-input";

describe("localizedName", () => {
  const yoga = { name: "Sound Healing", names: { id: "Penyembuhan dengan Suara", ru: "Звукотерапия" } };

  it("gives the name in the page's language, and the English name in English", () => {
    expect(localizedName(yoga, "id")).toBe("Penyembuhan dengan Suara");
    expect(localizedName(yoga, "ru")).toBe("Звукотерапия");
    expect(localizedName(yoga, "en")).toBe("Sound Healing");
  });

  it("falls back to English when a translation is missing, empty or not text, or there are none", () => {
    expect(localizedName({ name: "Comedy", names: { id: "Komedi" } }, "ru")).toBe("Comedy");
    expect(localizedName({ name: "Comedy", names: { ru: "  " } }, "ru")).toBe("Comedy");
    expect(localizedName({ name: "Comedy", names: { ru: 7 } }, "ru")).toBe("Comedy");
    expect(localizedName({ name: "Comedy", names: null }, "id")).toBe("Comedy");
    expect(localizedName({ name: "Ubud" }, "ru")).toBe("Ubud");
  });

  it("namesOf keeps the site's other languages' texts only", () => {
    expect(namesOf({ id: "Komedi", ru: "", en: "Comedy", xx: "?", de: "Komödie" })).toEqual({ id: "Komedi" });
    expect(namesOf(null)).toEqual({});
    expect(namesOf(["Komedi"])).toEqual({});
  });
});

describe("cleanReferenceNames", () => {
  it("trims, collapses spaces, drops empty ones and keeps undefined as nothing to change", () => {
    expect(cleanReferenceNames({ id: "  Tari   Ekstatik ", ru: "" }, 100)).toEqual({ id: "Tari Ekstatik" });
    expect(cleanReferenceNames({ ru: null }, 100)).toEqual({});
    expect(cleanReferenceNames(undefined, 100)).toBeUndefined();
  });

  it("refuses a name longer than the English one may be, an unknown language, English, and a value that is not text", () => {
    expect(cleanReferenceNames({ ru: "я".repeat(100) }, 100)).toEqual({ ru: "я".repeat(100) });
    expect(() => cleanReferenceNames({ ru: "я".repeat(101) }, 100)).toThrow(
      expect.objectContaining({
        code: "INVALID_INPUT",
        message: "“Name (Русский)” must be at most 100 characters.",
        fields: { name_ru: "“Name (Русский)” must be at most 100 characters." },
      }),
    );
    expect(() => cleanReferenceNames({ de: "Komödie" }, 100)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", message: "Unknown language “de” in names: use id or ru." }),
    );
    expect(() => cleanReferenceNames({ en: "Comedy" }, 100)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => cleanReferenceNames({ id: 5 }, 100)).toThrow(expect.objectContaining({ message: "“Name (Bahasa Indonesia)” must be text." }));
    expect(() => cleanReferenceNames("Komedi", 100)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => cleanReferenceNames(["Komedi"], 100)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("labels and form fields come from the languages of the site", () => {
    expect(TRANSLATED_LANGUAGES.map(translatedNameLabel)).toEqual(["Name (Bahasa Indonesia)", "Name (Русский)"]);
    const form = new FormData();
    form.set("name_ru", "Комедия");
    expect(namesFromForm(form)).toEqual({ id: "", ru: "Комедия" });
  });
});
