/**
 * A creator in Russian from start to finish (issue 12): /ru/register, the verification mail in Russian with its
 * /ru/ link, /ru/login (reached by the dashboard's guard, in the language) and /ru/dashboard; no English word of the
 * interface on the way (event text and proper names aside). The dashboard's own words are another slice: here only
 * its URL and <html lang>.
 */
import { expect, test, type Page } from "@playwright/test";
import { latestMailTo, linkIn } from "./support/creator";
import { baliDate, clearRateLimits, DAY } from "./support/db";

/** Words of the English interface that must not show on a Russian page (whole words, case as written). */
const ENGLISH = [
  "Register",
  "Log in",
  "Logging in",
  "Password",
  "Email",
  "Full name",
  "Organisation",
  "Phone",
  "Create account",
  "Confirm",
  "Forgot",
  "Verify",
  "verified",
  "Your",
  "Please",
  "optional",
  "characters",
];

async function expectNoEnglish(page: Page, scope = page.locator("main")) {
  const text = await scope.innerText();
  for (const word of ENGLISH) expect(text, `"${word}" on ${page.url()}`).not.toMatch(new RegExp(`\\b${word}\\b`));
}

test("a creator registers on /ru/register, verifies by a Russian mail, logs in on /ru/login and lands on /ru/dashboard", async ({ page }) => {
  await clearRateLimits();
  const email = `ivan.${Date.now()}@example.test`;
  const password = "gamelan under the banyan tree";

  await page.goto("/ru/register");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page).toHaveTitle(/Создать аккаунт организатора/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Создать аккаунт организатора");
  await expectNoEnglish(page);

  // A refusal first: the field messages are Russian too.
  await page.getByLabel("Имя и фамилия").fill("Иван Петров");
  await page.getByLabel("Электронная почта").fill("not-an-email");
  await page.getByLabel("Пароль", { exact: true }).fill("password123");
  await page.getByLabel("Повторите пароль").fill("something else");
  await page.getByRole("button", { name: "Создать аккаунт" }).click();
  await expect(page.getByText("Этот пароль слишком распространён. Выберите другой.")).toBeVisible();
  await expect(page.getByText("Пароли не совпадают.")).toBeVisible();
  await expect(page.getByText("Укажите правильный адрес электронной почты.")).toBeVisible();
  await expect(page.getByLabel("Имя и фамилия")).toHaveValue("Иван Петров");
  await expectNoEnglish(page);

  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль", { exact: true }).fill(password);
  await page.getByLabel("Повторите пароль").fill(password);
  await page.getByRole("button", { name: "Создать аккаунт" }).click();
  await expect(page).toHaveURL(/\/ru\/login\?registered=1$/);
  await expect(page.locator("main").getByRole("status")).toContainText("Ваш аккаунт готов. Мы отправили вам письмо со ссылкой для подтверждения адреса.");
  await expectNoEnglish(page);

  // The verification mail: Russian subject and text, its link under /ru/.
  const mail = await latestMailTo(email);
  expect(mail).toMatch(/^Subject: Подтвердите адрес электронной почты для Zen Bali$/m);
  expect(mail).toContain("Здравствуйте, Иван Петров!");
  expect(mail).toContain("Подтвердите, пожалуйста, свой адрес электронной почты, чтобы публиковать события на Zen Bali:");
  for (const english of ["Hello", "Please verify", "The link is valid", "Verify your email"]) expect(mail).not.toContain(english);
  const verifyLink = linkIn(mail, "/ru/verify-email");
  expect(verifyLink).toMatch(/^\/ru\/verify-email\?token=/);

  await page.goto(verifyLink);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ваш адрес подтверждён");
  await expectNoEnglish(page);

  // Signed out, the dashboard sends the visitor to the log-in page in Russian, and back there afterwards.
  await page.getByRole("link", { name: "Перейти в личный кабинет" }).click();
  await expect(page).toHaveURL(/\/ru\/login\?callbackUrl=%2Fru%2Fdashboard$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page).toHaveTitle(/Войти/);
  await expectNoEnglish(page);
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль", { exact: true }).fill("not the password at all");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Неверный адрес электронной почты или пароль.");
  await page.getByLabel("Пароль", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/ru\/dashboard$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expectNoEnglish(page);

  // Posting an event, in Russian from the dashboard's link to the dashboard's notice.
  await page.locator("main").getByRole("link", { name: "Разместить событие" }).first().click();
  await expect(page).toHaveURL(/\/ru\/dashboard\/events\/new$/);
  await page.locator("form[data-hydrated]").waitFor();
  await expectNoEnglish(page);
  const title = `Кундалини-йога ${Date.now()}`;
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await field("Название").fill(title);
  await field("Описание").fill("Практика на рассвете у реки.");
  await field("Дата начала").fill(baliDate(new Date(Date.now() + 6 * DAY)));
  await field("Время начала").selectOption("07:00");
  await field("Часы").selectOption("1");
  await field("Минуты").selectOption("30");
  await field("Место").selectOption("ubud");
  await field("Название площадки").fill("Шала у реки");
  await field("Тип события").selectOption("yoga");
  await field("Вход").selectOption("free");
  await page.getByRole("group", { name: "Языки" }).getByRole("checkbox", { name: "Русский", exact: true }).check();
  await page.getByRole("button", { name: "Опубликовать", exact: true }).click();
  await expect(page).toHaveURL(/\/ru\/dashboard\?notice=published$/);
  await expect(page.getByText("Ваше событие опубликовано.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: title })).toBeVisible();
  await expectNoEnglish(page);

  // Its page for a visitor, in Russian: held in English and Russian.
  await page.goto("/ru");
  await page.getByLabel("Поиск", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Применить фильтры" }).click();
  await page.getByTestId("event-card").getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(/\/ru\/events\//);
  await expect(page.getByText("Языки: английский, русский")).toBeVisible();

  // The profile: Russian, with the mail's language set from the page the creator registered on.
  await page.goto("/ru/dashboard/profile");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ваш аккаунт");
  const select = page.getByLabel("Язык писем");
  await expect(select).toHaveValue("ru");
  await expect(select.locator("option")).toHaveText(["English", "Bahasa Indonesia", "Русский"]);
  for (const section of await page.locator("main section").all()) await expectNoEnglish(page, section);
  await select.selectOption("id");
  await page.getByRole("button", { name: "Сохранить профиль" }).click();
  await expect(page.getByRole("region", { name: "Профиль" }).getByRole("status")).toHaveText("Профиль сохранён.");
  await expect(page.getByLabel("Язык писем")).toHaveValue("id");

  // Signed out, the other pages of the way in are Russian too.
  await page.context().clearCookies();
  for (const path of ["/ru/forgot-password", "/ru/reset-password?token=expired"]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expectNoEnglish(page);
  }
  await expect(page.locator("main").getByRole("alert")).toContainText("Срок действия ссылки истёк, или она уже использована.");
  await expect(page.getByRole("link", { name: "Запросить новую ссылку" })).toHaveAttribute("href", "/ru/forgot-password");
});

test("the way in is Indonesian on /id: register, log in, forgot password, an expired reset link, and the dashboard's guard", async ({ page }) => {
  await page.goto("/id/dashboard/profile");
  await expect(page).toHaveURL(/\/id\/login\?callbackUrl=%2Fid%2Fdashboard%2Fprofile$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Masuk");
  await expect(page.getByRole("link", { name: "Lupa kata sandi?" })).toHaveAttribute("href", "/id/forgot-password");
  await expect(page.getByRole("link", { name: "Buat akun penyelenggara" })).toHaveAttribute("href", "/id/register");
  await expectNoEnglish(page);
  for (const [path, heading] of [
    ["/id/register", "Buat akun penyelenggara"],
    ["/id/forgot-password", "Lupa kata sandi?"],
    ["/id/reset-password?token=expired", "Pilih kata sandi baru"],
    ["/id/verify-email?token=expired", "Tautan ini tidak berlaku"],
  ] as const) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expectNoEnglish(page);
  }
  await expect(page.getByRole("link", { name: "Masuk" }).last()).toHaveAttribute("href", "/id/login");
});
