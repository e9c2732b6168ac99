// A prosumer's data: the download holds what they wrote, and erasing the account ends signed out on
// the home page, for good; axe on the data page in every language.
import { readFileSync } from "node:fs";

import { expect, test } from "@playwright/test";

import { expectAccessible, firstPage, keepScreenshot, logInThroughApi, newProsumer, postComment, prosumer } from "./support";

test("a prosumer downloads their data, then deletes their account and cannot log in again, in Spanish", async ({ page }) => {
  const { email, password, name } = newProsumer("Pablo Serrano", "es");
  const post = await firstPage(page, "blog.BlogPage", "es");
  await logInThroughApi(page, email, password);
  const text = `Mis datos, con este comentario ${Date.now()}`;
  await postComment(page, post.id, text);

  await page.goto("/es/");
  const account = page.getByRole("region", { name: "Cuenta" });
  await account.getByRole("link", { name: "Tu cuenta" }).click();
  await page.getByRole("navigation", { name: "Secciones de la cuenta" }).getByRole("link", { name: "Tus datos" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Descarga tus datos" })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Descargar mis datos" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^[\w-]+\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as unknown;
  expect(JSON.stringify(exported)).toContain(text);
  await expect(page.getByRole("status").filter({ hasText: download.suggestedFilename() })).toBeVisible();

  // Nothing happens without the box ticked, nor with a wrong password: each says why beside its field.
  await page.getByLabel("Tu contraseña, para confirmar que eres tú").fill(password);
  await page.getByRole("button", { name: "Eliminar mi cuenta" }).click();
  await expect(page.getByRole("checkbox", { name: /Entiendo que mi cuenta/ })).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("checkbox", { name: /Entiendo que mi cuenta/ }).check();
  await page.getByLabel("Tu contraseña, para confirmar que eres tú").fill("no-es-mi-contraseña");
  await page.getByRole("button", { name: "Eliminar mi cuenta" }).click();
  await expect(page.getByLabel("Tu contraseña, para confirmar que eres tú")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Tu contraseña, para confirmar que eres tú")).toHaveAccessibleDescription(/\S/);

  await page.getByLabel("Tu contraseña, para confirmar que eres tú").fill(password);
  await page.getByRole("button", { name: "Eliminar mi cuenta" }).click();
  await expect(page).toHaveURL(/\/es\/$/);
  await expect(page.getByRole("status").filter({ hasText: "Tu cuenta se ha eliminado" })).toBeVisible();
  await expect(account.getByRole("link", { name: "Iniciar sesión" })).toBeVisible();
  await expect(account.getByText(name)).toHaveCount(0);

  await account.getByRole("link", { name: "Iniciar sesión" }).click();
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Iniciar sesión" }).click();
  // allauth's answer to an address it no longer knows, beside the password.
  await expect(page.getByLabel("Contraseña")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/es\/account\/login\//);
  await expect(account.getByRole("link", { name: "Iniciar sesión" })).toBeVisible();
});

for (const locale of ["es", "en", "pl"] as const) {
  test(`the account area's data page is accessible in ${locale}`, async ({ page }) => {
    const { email, password } = prosumer();
    await logInThroughApi(page, email, password);
    await page.goto(`/${locale}/account/data/`);
    await expect(page.getByRole("main").getByRole("heading", { level: 2 }).first()).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, `${locale}-account-data`);
  });
}
