import { describe, expect, it } from "vitest";
import { eventFormText, localizedReference } from "./event-form-text";

describe("the event form's words in a language", () => {
  it("keeps the English form's words, and has every word in Indonesian and Russian", () => {
    const en = eventFormText("en");
    expect([en.title, en.languages, en.ledBy, en.saveDraft, en.repeatNone, en.dayNames.TU]).toEqual([
      "Title",
      "Languages spoken",
      "Led by (optional)",
      "Save draft",
      "Does not repeat",
      "Tue",
    ]);
    const id = eventFormText("id");
    expect([id.title, id.languages, id.dayNames.TU, id.imageTooLarge]).toEqual(["Judul", "Bahasa yang digunakan", "Sel", "Gambar lebih besar dari 5 MB."]);
    const ru = eventFormText("ru");
    expect([ru.title, ru.languages, ru.dayNames.TU]).toEqual(["Название", "Языки", "вт"]);
  });

  it("names the spoken languages in the page's language, English first", () => {
    expect(eventFormText("id").spokenLanguages.slice(0, 3)).toEqual([
      { code: "en", name: "Inggris" },
      { code: "id", name: "Indonesia" },
      { code: "ru", name: "Rusia" },
    ]);
    expect(
      eventFormText("ru")
        .spokenLanguages.map((language) => language.code)
        .slice(0, 3),
    ).toEqual(["en", "id", "ru"]);
  });

  it("names the choices in the page's language, English where there is no translation", () => {
    const reference = {
      locations: [{ name: "Ubud", slug: "ubud" }],
      eventTypes: [{ name: "Dance", slug: "dance", names: { id: "Tari", ru: "Танцы" } }],
      entranceTypes: [{ name: "Free", slug: "free", names: { id: "Gratis" } }],
      participantGroups: [],
    };
    expect(localizedReference(reference, "ru")).toEqual({
      locations: [{ name: "Ubud", slug: "ubud" }],
      eventTypes: [{ name: "Танцы", slug: "dance" }],
      entranceTypes: [{ name: "Free", slug: "free" }],
      participantGroups: [],
    });
  });
});
