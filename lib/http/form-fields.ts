/**
 * Reading a submitted form's fields in server actions. `FormData.get` answers
 * a string, a File, or null; `String()` of a File is "[object File]", which is
 * never what anyone typed, so a text field that arrives as a file part reads
 * as empty (and is refused like any missing required field).
 */

/** A text field: what was typed, or "" when it is missing or not text. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** Whether anything at all came under `name` (text or a file): how a honeypot field tells a bot. */
export function formFilled(formData: FormData, name: string): boolean {
  const value = formData.get(name);
  return value !== null && value !== "";
}
