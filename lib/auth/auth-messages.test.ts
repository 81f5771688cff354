import { describe, expect, it } from "vitest";
import { localizeAuthFields, localizeAuthMessage } from "./auth-messages";
import { logInErrorMessage } from "./log-in-messages";
import { PASSWORD_MESSAGES } from "./password-policy";
import { REGISTERED_MESSAGE } from "./register-creator";

describe("localizeAuthMessage", () => {
  it("leaves English as it is, word for word", () => {
    for (const message of [PASSWORD_MESSAGES.tooShort, "Too many attempts, try again in 1 minutes.", "anything else"]) {
      expect(localizeAuthMessage("en", message)).toBe(message);
    }
  });

  it("translates the lib's sentences, numbers included", () => {
    expect(localizeAuthMessage("ru", PASSWORD_MESSAGES.common)).toBe("Этот пароль слишком распространён. Выберите другой.");
    expect(localizeAuthMessage("id", logInErrorMessage(undefined))).toBe("Email atau kata sandi salah.");
    expect(localizeAuthMessage("ru", logInErrorMessage("too_many_attempts_5"))).toBe("Слишком много попыток, повторите через 5 минут.");
    expect(localizeAuthMessage("ru", logInErrorMessage("too_many_attempts_1"))).toBe("Слишком много попыток, повторите через 1 минуту.");
    expect(localizeAuthMessage("id", PASSWORD_MESSAGES.tooShort)).toBe("Gunakan paling sedikit 8 karakter.");
    expect(localizeAuthMessage("ru", "Use at most 120 characters.")).toBe("Не более 120 символов.");
    expect(localizeAuthFields("ru", { email: "Enter a valid email address.", confirmPassword: "The passwords do not match." })).toEqual({
      email: "Укажите правильный адрес электронной почты.",
      confirmPassword: "Пароли не совпадают.",
    });
  });

  it("every refusal of the log-in page and the password policy has a translation", () => {
    const messages = [...Object.values(PASSWORD_MESSAGES), ...["account_deactivated", "unavailable", undefined, "too_many_attempts_3"].map(logInErrorMessage)];
    for (const message of messages) for (const locale of ["id", "ru"] as const) expect(localizeAuthMessage(locale, message), message).not.toBe(message);
    expect(localizeAuthMessage("ru", REGISTERED_MESSAGE)).toBe(REGISTERED_MESSAGE); // a page text: the page's own key
  });
});

describe("the pages' notices are the lib's sentences", () => {
  it("the English catalogue holds them word for word", async () => {
    const english = (await import("@/lib/i18n/messages/en.json")).default;
    const { PASSWORD_RESET_REQUESTED_MESSAGE } = await import("./request-password-reset");
    expect(english.auth.registered).toBe(REGISTERED_MESSAGE);
    expect(english.auth.resetRequested).toBe(PASSWORD_RESET_REQUESTED_MESSAGE);
  });
});
