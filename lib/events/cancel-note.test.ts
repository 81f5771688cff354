import { describe, expect, it } from "vitest";
import { localizedCancelNote, shortCancelNote } from "./cancel-note";

describe("localizedCancelNote", () => {
  const note = "Cancelled: Nyepi (island-wide day of silence)";
  const names = { id: "Nyepi (hari hening)", ru: "Ньепи (день тишины)" };

  it("says a closed day's note in the page's language, and keeps English exactly as stored", () => {
    expect(localizedCancelNote(note, names, "ru")).toBe("Отменено: Ньепи (день тишины)");
    expect(localizedCancelNote(note, names, "id")).toBe("Dibatalkan: Nyepi (hari hening)");
    expect(localizedCancelNote(note, names, "en")).toBe(note);
    expect(shortCancelNote(localizedCancelNote(note, names, "ru"))).toBe("Отменено: Ньепи");
  });

  it("falls back to the stored note without a translation in that language", () => {
    expect(localizedCancelNote(note, { id: "Nyepi" }, "ru")).toBe(note);
    expect(localizedCancelNote(note, { ru: "  " }, "ru")).toBe(note);
    expect(localizedCancelNote(note, undefined, "id")).toBe(note);
    expect(localizedCancelNote(note, null, "ru")).toBe(note);
  });
});
